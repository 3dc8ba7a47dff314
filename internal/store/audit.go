package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/carepath/carepath"
)

// auditEntry is one row of audit_log before it is written. It holds ids, codes and field
// names only: never a name, a contact or an answer.
type auditEntry struct {
	At       time.Time
	ActorID  string
	Role     carepath.Role
	Remote   string
	Action   string // "<record type>.<action>", e.g. "intake.list"
	Record   recordType
	RecordID string // "" when the call named no record (a rejected create, an empty list)
	ClientID string // "" when the record belongs to no client
	Allowed  bool   // false when the call was refused because of who asked
	Detail   string // the outcome ("ok", "denied", "invalid: name,email", "failed: conflict"), then what was asked
}

const insertAuditSQL = `INSERT INTO audit_log
	(at, actor_id, role, action, record_type, record_id, client_id, remote, allowed, detail)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`

// appendAudit writes one audit row per record in refs, all alike but for the ids.
func (s *Store) appendAudit(ctx context.Context, tx *sql.Tx, e auditEntry, refs []ref) error {
	exec := tx.ExecContext
	if len(refs) > 1 {
		stmt, err := tx.PrepareContext(ctx, insertAuditSQL)
		if err != nil {
			return fmt.Errorf("prepare: %w", s.translate(err))
		}
		defer stmt.Close()
		exec = func(ctx context.Context, _ string, args ...any) (sql.Result, error) {
			return stmt.ExecContext(ctx, args...)
		}
	}
	for _, r := range refs {
		var client sql.NullString
		if r.ClientID != "" {
			client = sql.NullString{String: r.ClientID, Valid: true}
		}
		_, err := exec(ctx, insertAuditSQL, e.At, e.ActorID, string(e.Role), e.Action, string(e.Record),
			r.ID, client, e.Remote, e.Allowed, e.Detail)
		if err != nil {
			return fmt.Errorf("insert: %w", s.translate(err))
		}
	}
	return nil
}

// outcome says, for the audit row, whether a call was allowed and how it ended. It names
// field paths of invalid input but never their values.
func outcome(err error) (allowed bool, detail string) {
	switch code := carepath.ErrorCode(err); code {
	case "":
		return true, "ok"
	case carepath.EUNAUTHORIZED:
		return false, "denied: no actor"
	case carepath.EFORBIDDEN:
		return false, "denied"
	case carepath.EINVALID:
		var names []string
		for _, f := range carepath.ErrorFields(err) {
			names = append(names, f.Field)
		}
		if len(names) == 0 {
			return true, "invalid"
		}
		return true, "invalid: " + strings.Join(names, ",")
	default:
		return true, "failed: " + code
	}
}
