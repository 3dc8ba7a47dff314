package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// AuditMark identifies the newest audit row of a database: its id and a digest of its
// columns, shown clients and stored hashes. Two databases whose logs share a row with the same
// mark share the log up to that row.
type AuditMark struct {
	ID     int64
	digest string
}

// AuditCarry is the audit rows of a replaced database that a restored backup lacks, read
// before the restore and appended to the restored log by RecordRestore.
type AuditCarry struct {
	rows            []auditRow
	FirstID, LastID int64 // their ids in the replaced database (0 when there are none)
}

// Len is the number of rows carried.
func (c *AuditCarry) Len() int {
	if c == nil {
		return 0
	}
	return len(c.rows)
}

// ErrAuditDiverged is returned by AuditRowsAfter when the database's log does not continue
// the backup's: it lacks the backup's newest audit row, or holds a different row under its id.
var ErrAuditDiverged = errors.New("the access log of the database being replaced does not continue the backup's")

// LastAuditMark returns the mark of the newest audit row (ID 0 when the log is empty). It
// reads the log directly: it is used by carepath restore on the database it has just
// restored, before anything else is written to it.
func (s *Store) LastAuditMark(ctx context.Context) (AuditMark, error) {
	tx, err := s.readPool.BeginTx(ctx, s.snapshot())
	if err != nil {
		return AuditMark{}, fmt.Errorf("begin read: %w", s.translate(err))
	}
	defer tx.Rollback()
	var id int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(max(id), 0) FROM audit_log`).Scan(&id); err != nil {
		return AuditMark{}, fmt.Errorf("newest audit row: %w", s.translate(err))
	}
	mark := AuditMark{ID: id}
	if id == 0 {
		return mark, nil
	}
	err = s.walkChain(ctx, tx, id-1, func(r *chainRow) error {
		if r.ID == id {
			mark.digest = markDigest(r)
		}
		return nil
	})
	return mark, err
}

// AuditRowsAfter returns the audit rows written after the row mark names, with the clients
// they showed, oldest first, to be carried into a restored database. ErrAuditDiverged when
// this log does not hold that row as it is in the backup. It reads the log directly: it is
// used by carepath restore on the database being replaced.
func (s *Store) AuditRowsAfter(ctx context.Context, mark AuditMark) (*AuditCarry, error) {
	tx, err := s.readPool.BeginTx(ctx, s.snapshot())
	if err != nil {
		return nil, fmt.Errorf("begin read: %w", s.translate(err))
	}
	defer tx.Rollback()
	carry := &AuditCarry{}
	found := mark.ID == 0
	err = s.walkChain(ctx, tx, max(mark.ID-1, 0), func(r *chainRow) error {
		if r.ID == mark.ID {
			found = markDigest(r) == mark.digest
			return nil
		}
		if carry.FirstID == 0 {
			carry.FirstID = r.ID
		}
		carry.LastID = r.ID
		e := &auditEntry{At: r.At.UTC(), ActorID: r.ActorID, Role: carepath.Role(r.Role), Remote: r.Remote,
			Action: r.Action, Record: access.Record(r.RecordType), Allowed: r.Allowed, Detail: r.Detail, Shown: r.Shown}
		carry.rows = append(carry.rows, auditRow{e: e, ref: ref{ID: r.RecordID, ClientID: r.ClientID.String}})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, ErrAuditDiverged
	}
	return carry, nil
}

// markDigest is what an AuditMark compares: the row's canonical encoding and stored hashes.
func markDigest(r *chainRow) string {
	return r.hash(r.PrevHash.String) + "/" + r.PrevHash.String + "/" + r.Hash.String
}

// carriedRows appends c's rows to tx's log, chained after its newest row.
func (s *Store) carriedRows(ctx context.Context, tx *sql.Tx, c *AuditCarry) error {
	if c.Len() == 0 {
		return nil
	}
	return s.insertAudit(ctx, tx, c.rows)
}
