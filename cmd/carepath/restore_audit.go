package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/carepath/carepath/internal/sqlite"
	"github.com/carepath/carepath/internal/store"
)

// setAside copies the database restore is about to replace to PATH.before-restore (a
// consistent snapshot, 0600), so that the audit rows it holds beyond the backup can be read
// once the backup is in place, and the database put back if they cannot be carried. It
// returns "" when there is nothing to set aside: no database yet, no --force (restore will
// refuse), or --discard-audit. A database that cannot be copied is refused unless
// --discard-audit is given.
func setAside(ctx context.Context, db string, force, discard bool) (string, error) {
	if !force || discard {
		return "", nil
	}
	if _, err := os.Stat(db); errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	aside := db + ".before-restore"
	if err := sqlite.Backup(ctx, db, aside, true); err != nil {
		return "", fmt.Errorf("the database being replaced cannot be read to carry its audit rows (%v); nothing changed. Restore with --discard-audit to replace it anyway", err)
	}
	return aside, nil
}

// removeAside removes the set-aside copy and its SQLite side files.
func removeAside(aside string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(aside + suffix)
	}
}

// auditToCarry returns the audit rows of the set-aside database that the restored one (at
// db) lacks: the rows after the restored log's newest row, which both must hold alike
// (store.ErrAuditDiverged otherwise). Nil when nothing was set aside.
func auditToCarry(ctx context.Context, db, aside string) (*store.AuditCarry, error) {
	if aside == "" {
		return nil, nil
	}
	mark, err := auditMark(ctx, db)
	if err != nil {
		return nil, err
	}
	old, err := sqlite.Open(ctx, aside)
	if err != nil {
		return nil, err
	}
	defer old.Close()
	return store.New(old.Write, old.Read, sqlite.Dialect()).AuditRowsAfter(ctx, mark)
}

// auditMark opens the restored database (applying newer migrations, which write no audit
// rows) and returns the mark of its newest audit row.
func auditMark(ctx context.Context, db string) (store.AuditMark, error) {
	restored, err := sqlite.Open(ctx, db)
	if err != nil {
		return store.AuditMark{}, err
	}
	defer restored.Close()
	return store.New(restored.Write, restored.Read, sqlite.Dialect()).LastAuditMark(ctx)
}
