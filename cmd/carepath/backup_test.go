package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/sqlite"
	"github.com/carepath/carepath/internal/store"
)

// runCLI runs the carepath command line with args and returns its exit status and output.
func runCLI(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

// TestBackupCommandUnderIntakes runs "carepath backup" while goroutines keep creating intake
// requests through the store, then opens the copy and checks it holds every intake committed
// before the backup began, each one complete, and passes the integrity check.
func TestBackupCommandUnderIntakes(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "carepath.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	intakes := store.NewIntakeService(store.New(db.Write, db.Read, sqlite.Dialect()))
	actx := carepath.NewContext(ctx, carepath.Actor{ID: "backup-test", Role: carepath.RoleSystem})
	newIntake := func(w, i int) *carepath.Intake {
		return &carepath.Intake{Name: fmt.Sprintf("Writer%d Row%d", w, i), Email: fmt.Sprintf("w%d.r%d@example.org", w, i), Consent: true, Profile: json.RawMessage(`{}`)}
	}
	for i := range 20 {
		if err := intakes.CreateIntake(actx, newIntake(0, i)); err != nil {
			t.Fatalf("seed intake: %v", err)
		}
	}

	var stop atomic.Bool
	var wg sync.WaitGroup
	errs := make(chan error, 3)
	for w := 1; w <= 3; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; !stop.Load(); i++ {
				if err := intakes.CreateIntake(actx, newIntake(w, i)); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	// Let the writers get going, then count what is committed just before the backup.
	var before int
	for before < 60 && len(errs) == 0 {
		if err := db.Read.QueryRow("SELECT count(*) FROM intake_requests").Scan(&before); err != nil {
			stop.Store(true)
			wg.Wait()
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "backup.db")
	code, stdout, stderr := runCLI("backup", "--db", path, "--out", out)
	stop.Store(true)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("writer: %v", err)
	}
	if code != 0 {
		t.Fatalf("backup exit %d: %s%s", code, stdout, stderr)
	}

	copyDB, err := sqlite.Open(ctx, out)
	if err != nil {
		t.Fatalf("open backup: %v", err)
	}
	defer copyDB.Close()
	var check string
	if err := copyDB.Read.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check: %q, %v", check, err)
	}
	var n, incomplete int
	if err := copyDB.Read.QueryRow("SELECT count(*) FROM intake_requests").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n < before {
		t.Errorf("backup holds %d intakes, want at least the %d committed before it began", n, before)
	}
	// Every intake in the copy is whole, and so is the audit row of its creation.
	err = copyDB.Read.QueryRow(`SELECT count(*) FROM intake_requests i WHERE i.name = '' OR i.email = ''
		OR NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.record_id = i.id)`).Scan(&incomplete)
	if err != nil {
		t.Fatal(err)
	}
	if incomplete != 0 {
		t.Errorf("backup holds %d incomplete intakes", incomplete)
	}
	t.Logf("%d intakes committed before the backup, %d in it", before, n)
}

func TestBackupRestoreCommands(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "carepath.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Write.Exec(`INSERT INTO audit_log (at, actor_id, role, action, record_type, allowed)
		VALUES ('2026-01-02 03:04:05+00:00', 'a', 'system', 'kept.row', 'x', true)`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Write.Exec(`INSERT INTO login_failures (kind, key, at) VALUES ('remote', 'kept.row', '2026-01-02 03:04:05+00:00')`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	out := filepath.Join(dir, "backup.db")
	if code, _, stderr := runCLI("backup", "--db", path, "--out", out); code != 0 {
		t.Fatalf("backup exit %d: %s", code, stderr)
	}
	code, _, stderr := runCLI("backup", "--db", path, "--out", out)
	if code != 2 || !strings.Contains(stderr, "--force") {
		t.Errorf("backup over an existing file: exit %d, %q; want 2 naming --force", code, stderr)
	}
	if code, _, stderr := runCLI("backup", "--db", path, "--out", out, "--force"); code != 0 {
		t.Errorf("forced backup exit %d: %s", code, stderr)
	}

	code, _, stderr = runCLI("restore", "--db", path, "--from", out)
	if code != 2 || !strings.Contains(stderr, "--force") {
		t.Errorf("restore over an existing database: exit %d, %q; want 2 naming --force", code, stderr)
	}
	// Change the database after the backup, then restore: the change is gone.
	db, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Write.Exec(`DELETE FROM login_failures WHERE key = 'kept.row'`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	code, stdout, stderr := runCLI("restore", "--db", path, "--from", out, "--force")
	if code != 0 || !strings.Contains(stdout, "restored") {
		t.Fatalf("restore exit %d: %s%s", code, stdout, stderr)
	}
	db, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("open restored: %v", err)
	}
	defer db.Close()
	var n int
	if err := db.Read.QueryRow(`SELECT count(*) FROM audit_log WHERE action = 'kept.row'`).Scan(&n); err != nil || n != 1 {
		t.Errorf("restored kept.row rows: %d, %v; want 1", n, err)
	}
	if err := db.Read.QueryRow(`SELECT count(*) FROM login_failures WHERE key = 'kept.row'`).Scan(&n); err != nil || n != 1 {
		t.Errorf("restored kept.row login failures: %d, %v; want 1 (the change after the backup is gone)", n, err)
	}

	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, []byte("definitely not a database file"), 0o600)
	if code, _, _ := runCLI("restore", "--db", filepath.Join(dir, "new.db"), "--from", junk); code != 1 {
		t.Errorf("restore of junk: exit %d, want 1", code)
	}
}

func TestBackupRestoreRefusePostgres(t *testing.T) {
	url := "postgres://carepath:s3cret@db.example.org/carepath"
	for _, args := range [][]string{
		{"backup", "--db", url, "--out", filepath.Join(t.TempDir(), "b.db")},
		{"restore", "--db", url, "--from", filepath.Join(t.TempDir(), "b.db")},
	} {
		code, _, stderr := runCLI(args...)
		if code != 2 || !strings.Contains(stderr, "pg_dump") || strings.Contains(stderr, "s3cret") {
			t.Errorf("%s on PostgreSQL: exit %d, %q; want 2 naming pg_dump without the password", args[0], code, stderr)
		}
	}
}

func TestBackupRestoreUsage(t *testing.T) {
	for _, name := range []string{"backup", "restore"} {
		if code, _, _ := runCLI(name); code != 2 {
			t.Errorf("%s without its file flag: exit %d, want 2", name, code)
		}
		code, _, stderr := runCLI(name, "--help")
		if code != 0 || !strings.Contains(stderr, "--force") {
			t.Errorf("%s --help: exit %d, %q", name, code, stderr)
		}
	}
	_, _, stderr := runCLI("restore", "--help")
	for _, want := range []string{"Stop the server", "-wal", "migrations"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("restore --help does not mention %q", want)
		}
	}
}
