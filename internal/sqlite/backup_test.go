package sqlite_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/carepath/carepath/internal/sqlite"
)

// insertAudit appends one audit row whose detail names its writer and sequence number.
func insertAudit(db *sql.DB, writer, seq int) error {
	_, err := db.Exec(`INSERT INTO audit_log (at, actor_id, role, action, record_type, record_id, allowed, detail)
		VALUES ('2026-01-02 03:04:05+00:00', $1, 'system', 'backup.test', 'test', $2, true, $3)`,
		fmt.Sprintf("writer-%d", writer), fmt.Sprint(seq), fmt.Sprintf("row %d of writer %d", seq, writer))
	return err
}

func integrityOK(t *testing.T, db *sql.DB) {
	t.Helper()
	var result string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&result); err != nil || result != "ok" {
		t.Fatalf("integrity_check: %q, %v", result, err)
	}
}

// TestBackupUnderConcurrentWrites takes backups, both through the open DB and from the file
// as another process would, while writers keep inserting, and checks each copy opens, passes
// the integrity check, holds every row committed before it began and only complete rows.
func TestBackupUnderConcurrentWrites(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "carepath.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for i := range 50 {
		if err := insertAudit(db.Write, 0, i); err != nil {
			t.Fatal(err)
		}
	}

	stop := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for w := 1; w <= 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				if err := insertAudit(db.Write, w, i); err != nil {
					errs <- err
					return
				}
			}
		}()
	}

	for i, viaFile := range []bool{false, true, false, true} {
		var before int
		if err := db.Write.QueryRow("SELECT count(*) FROM audit_log").Scan(&before); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, fmt.Sprintf("backup-%d.db", i))
		if viaFile {
			err = sqlite.Backup(ctx, path, out, false)
		} else {
			err = db.Backup(ctx, out, false)
		}
		if err != nil {
			t.Fatalf("backup %d: %v", i, err)
		}
		copyDB, err := sqlite.Open(ctx, out)
		if err != nil {
			t.Fatalf("open backup %d: %v", i, err)
		}
		integrityOK(t, copyDB.Read)
		var n, incomplete int
		if err := copyDB.Read.QueryRow("SELECT count(*) FROM audit_log").Scan(&n); err != nil {
			t.Fatal(err)
		}
		err = copyDB.Read.QueryRow(`SELECT count(*) FROM audit_log WHERE action != 'backup.test'
			OR detail != 'row ' || record_id || ' of writer ' || substr(actor_id, 8)`).Scan(&incomplete)
		if err != nil {
			t.Fatal(err)
		}
		copyDB.Close()
		if n < before {
			t.Errorf("backup %d holds %d rows, want at least the %d committed before it began", i, n, before)
		}
		if incomplete != 0 {
			t.Errorf("backup %d holds %d incomplete rows", i, incomplete)
		}
		t.Logf("backup %d: %d rows committed before, %d in the copy", i, before, n)
	}
	close(stop)
	wg.Wait()
	select {
	case err := <-errs:
		t.Fatalf("writer: %v", err)
	default:
	}
	integrityOK(t, db.Read)
}

func TestBackupRefusesToOverwrite(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := sqlite.Open(ctx, filepath.Join(dir, "carepath.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := filepath.Join(dir, "backup.db")
	if err := os.WriteFile(out, []byte("precious"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := db.Backup(ctx, out, false); !errors.Is(err, sqlite.ErrExists) {
		t.Fatalf("backup over an existing file: %v, want ErrExists", err)
	}
	if b, _ := os.ReadFile(out); string(b) != "precious" {
		t.Fatalf("existing file changed to %q", b)
	}
	if err := db.Backup(ctx, out, true); err != nil {
		t.Fatalf("forced backup: %v", err)
	}
	if _, err := sqlite.CheckFile(ctx, out); err != nil {
		t.Fatalf("forced backup does not check: %v", err)
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".*tmp*"))
	if len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestBackupMissingSource(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "missing.db")
	if err := sqlite.Backup(context.Background(), src, filepath.Join(dir, "out.db"), false); err == nil {
		t.Fatal("backup of a missing database succeeded")
	}
	if _, err := os.Stat(src); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("backup created the missing source: %v", err)
	}
}

func TestRestoreRoundTrip(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "carepath.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 10 {
		if err := insertAudit(db.Write, 0, i); err != nil {
			t.Fatal(err)
		}
	}
	backup := filepath.Join(dir, "backup.db")
	if err := db.Backup(ctx, backup, false); err != nil {
		t.Fatal(err)
	}
	// Rows written after the backup, some left in the WAL when the database is closed.
	for i := 10; i < 20; i++ {
		if err := insertAudit(db.Write, 0, i); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	if err := os.WriteFile(path+"-wal", []byte("stale"), 0o600); err != nil {
		t.Fatal(err)
	}

	if _, err := sqlite.Restore(ctx, backup, path, false); !errors.Is(err, sqlite.ErrExists) {
		t.Fatalf("restore over an existing database: %v, want ErrExists", err)
	}
	version, err := sqlite.Restore(ctx, backup, path, true)
	if err != nil {
		t.Fatalf("restore: %v", err)
	}
	if want, _ := sqlite.LatestVersion(); version != want || want == 0 {
		t.Errorf("restored version %d, want %d", version, want)
	}
	if _, err := os.Stat(path + "-wal"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("stale -wal kept: %v", err)
	}
	db, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("open restored: %v", err)
	}
	defer db.Close()
	integrityOK(t, db.Read)
	var n int
	if err := db.Read.QueryRow("SELECT count(*) FROM audit_log").Scan(&n); err != nil || n != 10 {
		t.Errorf("restored rows: %d, %v; want 10", n, err)
	}

	// A restore to a new path needs no --force.
	fresh := filepath.Join(dir, "fresh.db")
	if _, err := sqlite.Restore(ctx, backup, fresh, false); err != nil {
		t.Fatalf("restore to a new path: %v", err)
	}
}

func TestRestoreRefusesBadFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	target := filepath.Join(dir, "target.db")

	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, []byte("not a database at all, just some text"), 0o600)
	if _, err := sqlite.Restore(ctx, junk, target, false); err == nil {
		t.Error("restored a file that is not a database")
	}

	other := filepath.Join(dir, "other.db")
	odb, err := sql.Open("sqlite", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := odb.Exec("CREATE TABLE t (x)"); err != nil {
		t.Fatal(err)
	}
	odb.Close()
	if _, err := sqlite.Restore(ctx, other, target, false); err == nil {
		t.Error("restored a SQLite database that is not carepath's")
	}

	newer := filepath.Join(dir, "newer.db")
	db, err := sqlite.Open(ctx, newer)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Write.Exec("INSERT INTO goose_db_version (version_id, is_applied) VALUES (99999, true)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := sqlite.Restore(ctx, newer, target, false); !errors.Is(err, sqlite.ErrTooNew) {
		t.Errorf("restore of a newer schema: %v, want ErrTooNew", err)
	}
	if _, err := os.Stat(target); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused restore left %s: %v", target, err)
	}
}
