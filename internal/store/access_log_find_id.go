package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

var _ carepath.AccessLogLookupService = (*AccessLogService)(nil)

// FindAccessLogEntryByID returns audit row id: ENOTFOUND when there is none. Reading it appends its own
// audit row.
func (svc *AccessLogService) FindAccessLogEntryByID(ctx context.Context, id int64) (*carepath.AccessLogEntry, error) {
	var e carepath.AccessLogEntry
	o := op{record: access.AuditLog, action: access.Read, recordID: strconv.FormatInt(id, 10)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		var client sql.NullString
		var role string
		err := tx.QueryRowContext(ctx, `SELECT id, at, actor_id, role, action, record_type, record_id, client_id, remote,
			allowed, detail FROM audit_log WHERE id = $1`, id).Scan(&e.ID, &e.At, &e.ActorID, &role, &e.Action,
			&e.RecordType, &e.RecordID, &client, &e.Remote, &e.Allowed, &e.Detail)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, carepath.Errorf(carepath.ENOTFOUND, "There is no such audit entry.")
		}
		if err != nil {
			return nil, fmt.Errorf("select audit: %w", svc.s.translate(err))
		}
		e.Role, e.ClientID, e.At = carepath.Role(role), client.String, e.At.UTC()
		return nil, nil
	})
	if err != nil {
		return nil, err
	}
	return &e, nil
}
