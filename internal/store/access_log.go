package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// DefaultAuditLimit is the page size when a filter gives none.
const DefaultAuditLimit = 200

// AccessLogService reads the audit log.
type AccessLogService struct{ s *Store }

var _ carepath.AccessLogService = (*AccessLogService)(nil)

// NewAccessLogService returns the audit log reader of s.
func NewAccessLogService(s *Store) *AccessLogService { return &AccessLogService{s: s} }

// FindAccessLog lists audit rows, newest first. Filtered by client, it lists the client's rows and
// the rows of the client lists that showed the client (audit_shown), each naming the client.
// Reading the log appends its own row, naming the client when the filter names one.
func (svc *AccessLogService) FindAccessLog(ctx context.Context, f carepath.AccessLogFilter) ([]*carepath.AccessLogEntry, error) {
	var out []*carepath.AccessLogEntry
	o := op{record: access.AuditLog, action: access.List, validate: f.Validate, detail: accessLogFilterDetail(f)}
	if f.ClientID != nil {
		o.clientID = *f.ClientID
	}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		where, args := []string{"1=1"}, []any{}
		add := func(cond string, v any) {
			args = append(args, v)
			where = append(where, strings.ReplaceAll(cond, "?", "$"+strconv.Itoa(len(args))))
		}
		clientColumn := "client_id"
		if f.ClientID != nil {
			// The client's own rows, and the rows of the lists that showed the client.
			add("(client_id = ? OR id IN (SELECT audit_id FROM audit_shown WHERE client_id = ?))", *f.ClientID)
			clientColumn = "COALESCE(client_id, $" + strconv.Itoa(len(args)) + ")"
		}
		if f.ActorID != nil {
			add("actor_id = ?", *f.ActorID)
		}
		if f.From != nil {
			add("at >= ?", f.From.UTC())
		}
		if f.To != nil {
			add("at < ?", f.To.UTC())
		}
		limit := f.Limit
		if limit == 0 {
			limit = DefaultAuditLimit
		}
		q := `SELECT id, at, actor_id, role, action, record_type, record_id, ` + clientColumn + `, remote, allowed, detail
			FROM audit_log WHERE ` + strings.Join(where, " AND ") +
			` ORDER BY id DESC LIMIT ` + strconv.Itoa(limit) + ` OFFSET ` + strconv.Itoa(f.Offset)
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, fmt.Errorf("query audit: %w", svc.s.translate(err))
		}
		defer rows.Close()
		for rows.Next() {
			var e carepath.AccessLogEntry
			var client sql.NullString
			var role string
			if err := rows.Scan(&e.ID, &e.At, &e.ActorID, &role, &e.Action, &e.RecordType, &e.RecordID, &client, &e.Remote, &e.Allowed, &e.Detail); err != nil {
				return nil, fmt.Errorf("scan audit: %w", svc.s.translate(err))
			}
			e.Role, e.ClientID, e.At = carepath.Role(role), client.String, e.At.UTC()
			out = append(out, &e)
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("read audit: %w", svc.s.translate(err))
		}
		return nil, nil
	})
	if err != nil {
		return nil, err
	}
	if out == nil {
		out = []*carepath.AccessLogEntry{}
	}
	return out, nil
}

// accessLogFilterDetail says which filters a read used, for its own audit row.
func accessLogFilterDetail(f carepath.AccessLogFilter) string {
	var parts []string
	if f.ActorID != nil {
		parts = append(parts, "actor="+*f.ActorID)
	}
	if f.From != nil || f.To != nil {
		parts = append(parts, "range=yes")
	}
	return strings.Join(parts, " ")
}
