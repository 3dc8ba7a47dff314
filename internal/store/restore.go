package store

import (
	"context"
	"database/sql"

	"github.com/carepath/carepath/access"
)

// RecordRestore appends the access-log row of a restore (audit.restore) to the database just
// restored, after the restored log, so the log says when it was replaced and from what
// (detail: the backup's file name and schema version, never client data). EUNAUTHORIZED,
// EFORBIDDEN (only the command line restores).
func (s *Store) RecordRestore(ctx context.Context, detail string) error {
	return s.do(ctx, op{record: access.AuditLog, action: access.Restore, detail: detail},
		func(context.Context, *sql.Tx) ([]ref, error) { return nil, nil })
}
