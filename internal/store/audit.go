package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// auditEntry is one row of audit_log before it is written. It holds ids, codes and field
// names only: never a name, a contact or an answer.
type auditEntry struct {
	At       time.Time
	ActorID  string
	Role     carepath.Role
	Remote   string
	Action   string // "<record type>.<action>", e.g. "intake.list"
	Record   access.Record
	RecordID string   // "" when the call named no record (a rejected create, an empty list)
	ClientID string   // "" when the record belongs to no client
	Allowed  bool     // false when the call was refused because of who asked
	Detail   string   // the outcome ("ok", "denied", "invalid: name,email", "failed: conflict"), then what was asked
	Shown    []string // a list's row only: the clients it showed, written to audit_shown
}

// auditColumns are audit_log's columns in the order insertAudit gives them.
const auditColumns = `at, actor_id, role, action, record_type, record_id, client_id, remote, allowed, detail, prev_hash, hash`

// auditColumnCount is the number of auditColumns.
const auditColumnCount = 12

// auditRowsPerInsert bounds one multi-row INSERT (12 parameters a row, far below both
// engines' parameter limits).
const auditRowsPerInsert = 200

// auditRow is one row to append: the shared entry and the record it names.
type auditRow struct {
	e   *auditEntry
	ref ref
}

// auditRows returns one row of e per record in refs, all alike but for the ids.
func auditRows(e auditEntry, refs []ref) []auditRow {
	rows := make([]auditRow, len(refs))
	for i, r := range refs {
		rows[i] = auditRow{e: &e, ref: r}
	}
	return rows
}

// appendAudit writes one audit row per record in refs, all alike but for the ids.
func (s *Store) appendAudit(ctx context.Context, tx *sql.Tx, e auditEntry, refs []ref) error {
	return s.insertAudit(ctx, tx, auditRows(e, refs))
}

// insertAudit writes rows with as few statements as the batch size allows: the rows of lists
// one by one (each needs its id for audit_shown), the others many to a statement. Each row
// is chained to the one before it (audit_chain.go), in the order the rows get their ids: tx
// holds the chain from its first row until it commits.
func (s *Store) insertAudit(ctx context.Context, tx *sql.Tx, rows []auditRow) error {
	if len(rows) == 0 {
		return nil
	}
	prev, err := s.chainHead(ctx, tx)
	if err != nil {
		return err
	}
	plain := rows[:0:0]
	for _, r := range rows {
		if r.e.Shown == nil {
			plain = append(plain, r)
			continue
		}
		if prev, err = s.insertListAudit(ctx, tx, r, prev); err != nil {
			return err
		}
	}
	rows = plain
	for len(rows) > 0 {
		n := min(len(rows), auditRowsPerInsert)
		var q strings.Builder
		q.WriteString("INSERT INTO audit_log (" + auditColumns + ") VALUES ")
		args := make([]any, 0, n*auditColumnCount)
		numbered := s.dialect.Name != "sqlite" // SQLite looks $N up in a list, slowly for many
		for i, r := range rows[:n] {
			if i > 0 {
				q.WriteByte(',')
			}
			q.WriteByte('(')
			for c := range auditColumnCount {
				if c > 0 {
					q.WriteByte(',')
				}
				if numbered {
					q.WriteByte('$')
					q.WriteString(strconv.Itoa(len(args) + c + 1))
				} else {
					q.WriteByte('?')
				}
			}
			q.WriteByte(')')
			var client sql.NullString
			if r.ref.ClientID != "" {
				client = sql.NullString{String: r.ref.ClientID, Valid: true}
			}
			e := r.e
			record := chainRecordOf(r)
			hash := record.hash(prev)
			args = append(args, e.At, e.ActorID, string(e.Role), e.Action, string(e.Record),
				r.ref.ID, client, e.Remote, e.Allowed, e.Detail, prev, hash)
			prev = hash
		}
		if _, err := tx.ExecContext(ctx, q.String(), args...); err != nil {
			return fmt.Errorf("insert: %w", s.translate(err))
		}
		rows = rows[n:]
	}
	return nil
}

// insertListAudit writes a list's one audit row, chained after prev, and, in audit_shown, the
// clients it showed. It returns the row's hash.
func (s *Store) insertListAudit(ctx context.Context, tx *sql.Tx, r auditRow, prev string) (string, error) {
	e := r.e
	record := chainRecordOf(r)
	hash := record.hash(prev)
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO audit_log (`+auditColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $8, $9, $10, $11) RETURNING id`,
		e.At, e.ActorID, string(e.Role), e.Action, string(e.Record), r.ref.ID, e.Remote, e.Allowed, e.Detail,
		prev, hash).Scan(&id)
	if err != nil {
		return "", fmt.Errorf("insert: %w", s.translate(err))
	}
	shown := e.Shown
	for len(shown) > 0 {
		n := min(len(shown), 2*auditRowsPerInsert)
		var q strings.Builder
		q.WriteString("INSERT INTO audit_shown (client_id, audit_id) VALUES ")
		args := make([]any, 0, n+1)
		args = append(args, id)
		for i, c := range shown[:n] {
			if i > 0 {
				q.WriteByte(',')
			}
			args = append(args, c)
			q.WriteString("($" + strconv.Itoa(len(args)) + ", $1)")
		}
		if _, err := tx.ExecContext(ctx, q.String(), args...); err != nil {
			return "", fmt.Errorf("insert shown: %w", s.translate(err))
		}
		shown = shown[n:]
	}
	return hash, nil
}

// auditOutcome says, for the audit row, whether a call was allowed and how it ended. It names
// field paths of invalid input but never their values.
func auditOutcome(err error) (allowed bool, detail string) {
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
