package store

import (
	"context"
	"database/sql"

	"github.com/carepath/carepath/access"
)

// RecordRestore appends to the database just restored the audit rows of the replaced
// database that the backup lacked (carry, from AuditRowsAfter; nil when there are none),
// chained after the restored log, and then the row of the restore itself (audit.restore), so
// the log says when it was replaced and from what (detail: the backup's file name and schema
// version, the rows carried, never client data). All in one transaction. EUNAUTHORIZED,
// EFORBIDDEN (only the command line restores).
func (s *Store) RecordRestore(ctx context.Context, detail string, carry *AuditCarry) error {
	return s.do(ctx, op{record: access.AuditLog, action: access.Restore, detail: detail},
		func(ctx context.Context, tx *sql.Tx) ([]ref, error) { return nil, s.carriedRows(ctx, tx, carry) })
}
