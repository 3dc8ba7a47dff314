package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// SealAuditChain starts the hash chain after audit rows written before it (a database
// migrated from a version without the chain) and returns how many such rows the chain now
// covers. It runs as the command line at start-up: when the newest audit row has no hash it
// appends one audit.seal row, whose prev_hash is the chain carried over the older rows
// (chainHead), so the long walk over them happens once, at start, not in a clinician's
// request. When the newest row is chained it writes nothing.
func (s *Store) SealAuditChain(ctx context.Context) (int, error) {
	n := 0
	ctx = carepath.NewContext(ctx, carepath.Actor{ID: "cli:start", Role: carepath.RoleSystem, Remote: "cli"})
	o := op{record: access.AuditLog, action: access.Seal, detail: "the chain starts after the rows older than it", quiet: true}
	err := s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		var hash sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1`).Scan(&hash)
		if err == sql.ErrNoRows || hash.Valid {
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("audit chain head: %w", s.translate(err))
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM audit_log WHERE hash IS NULL`).Scan(&n); err != nil {
			return nil, fmt.Errorf("count unchained rows: %w", s.translate(err))
		}
		return []ref{{}}, nil
	})
	return n, err
}

// RecordAuditVerify appends the audit row of a check of the hash chain (audit.verify), its
// outcome in detail (row counts and ids, never client data). EFORBIDDEN unless the actor is
// an admin or the command line.
func (s *Store) RecordAuditVerify(ctx context.Context, detail string) error {
	return s.do(ctx, op{record: access.AuditLog, action: access.Verify, detail: detail},
		func(context.Context, *sql.Tx) ([]ref, error) { return nil, nil })
}
