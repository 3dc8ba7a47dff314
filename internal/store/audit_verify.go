package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// AuditChainReport is what VerifyAuditChain found.
type AuditChainReport struct {
	Rows     int    // rows checked, up to and including the first broken one
	Unsealed int    // rows written before the chain existed, chained without a stored hash
	LastID   int64  // the id of the newest row checked
	Head     string // the hash of the newest row checked: record it to detect a cut-off tail later
	Broken   *AuditChainBreak
}

// AuditChainBreak is the first place where the chain does not hold.
type AuditChainBreak struct {
	ID      int64     // the row where the chain breaks
	At      time.Time // its time
	AfterID int64     // the row before it (0 for the first row)
	Problem string    // what differs, in words
}

// String says where the chain breaks and what differs.
func (b *AuditChainBreak) String() string {
	return fmt.Sprintf("row %d (at %s): %s", b.ID, b.At.UTC().Format(time.RFC3339Nano), b.Problem)
}

// VerifyAuditChain walks the whole audit log in id order in one read snapshot and checks each
// row's hash against its columns and the previous row's hash. It stops at the first broken
// link and reports it; an error means the log could not be read. It reads the log directly,
// not through the chokepoint: it is run by whoever holds the database (carepath audit
// verify), and its report holds no client data.
func (s *Store) VerifyAuditChain(ctx context.Context) (AuditChainReport, error) {
	var rep AuditChainReport
	tx, err := s.readPool.BeginTx(ctx, s.snapshot())
	if err != nil {
		return rep, fmt.Errorf("begin read: %w", s.translate(err))
	}
	defer tx.Rollback()
	head, afterID, sealed := genesisHash, int64(0), false
	errBroken := errors.New("broken")
	err = s.walkChain(ctx, tx, 0, func(r *chainRow) error {
		rep.Rows++
		problem := ""
		switch {
		case !r.Hash.Valid && !sealed:
			rep.Unsealed++ // older than the chain: carried over, not stored
			head = r.hash(head)
		case !r.Hash.Valid:
			problem = "it has no hash: it was written outside the audit chain, after chained rows"
		case r.PrevHash.String != head:
			problem = "its prev_hash does not match the hash of the row before it (" + rowName(afterID) +
				"): a row between them was deleted, or this row was inserted outside the chain"
		case r.hash(r.PrevHash.String) != r.Hash.String:
			problem = "its columns or the clients it showed (audit_shown) do not match its hash: the row was changed after it was written"
		default:
			sealed = true
			head = r.Hash.String
		}
		if problem != "" {
			rep.Broken = &AuditChainBreak{ID: r.ID, At: r.At, AfterID: afterID, Problem: problem}
			return errBroken
		}
		afterID = r.ID
		return nil
	})
	if err != nil && !errors.Is(err, errBroken) {
		return rep, err
	}
	rep.LastID, rep.Head = afterID, head
	return rep, nil
}

// rowName names the row before another in a report.
func rowName(id int64) string {
	if id == 0 {
		return "none: it is the first row"
	}
	return "row " + strconv.FormatInt(id, 10)
}

// snapshot returns the options that give a read transaction one snapshot for all its
// statements: SQLite's read transactions always have one; PostgreSQL needs REPEATABLE READ.
func (s *Store) snapshot() *sql.TxOptions {
	if s.dialect.Name == "postgres" {
		return &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead}
	}
	return nil
}
