package main

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/sqlite"
	"github.com/carepath/carepath/internal/store"
)

// createIntakes creates n intake requests in the SQLite database at path, each audited, and
// returns their ids.
func createIntakes(t *testing.T, path string, n int) []string {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := store.NewIntakeService(store.New(db.Write, db.Read, sqlite.Dialect()))
	actx := carepath.NewContext(ctx, carepath.Actor{ID: "public", Role: carepath.RolePublic, Remote: "192.0.2.1"})
	var ids []string
	for i := range n {
		in := &carepath.Intake{Name: fmt.Sprint("Person ", i), Email: fmt.Sprintf("p%d@example.org", i),
			Consent: true, Profile: json.RawMessage(`{}`), Level: carepath.LevelIOP}
		if err := svc.CreateIntake(actx, in); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, in.ID)
	}
	return ids
}

// queryInt runs a count query on the SQLite database at path.
func queryInt(t *testing.T, path, q string, args ...any) int {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.Read.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// TestRestoreKeepsAuditTrail restores a backup over a database that has been used since the
// backup was taken: the data goes back to the backup, but the audit rows written after it are
// carried into the restored log (re-chained, before the restore's own row) and the chain
// verifies. A backup of another database is refused, leaving the database as it was, unless
// --discard-audit is given.
func TestRestoreKeepsAuditTrail(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "carepath.db")
	createIntakes(t, path, 2)
	out := filepath.Join(dir, "backup.db")
	if code, _, stderr := runCLI("backup", "--db", path, "--out", out); code != 0 {
		t.Fatalf("backup: exit %d: %s", code, stderr)
	}
	after := createIntakes(t, path, 3)
	rowsBefore := queryInt(t, path, `SELECT count(*) FROM audit_log`)

	code, stdout, stderr := runCLI("restore", "--db", path, "--from", out, "--force")
	if code != 0 || !strings.Contains(stdout, "carried 3 audit rows") {
		t.Fatalf("restore: exit %d, %q %q; want 0 and 3 rows carried", code, stdout, stderr)
	}
	for _, id := range after {
		if n := queryInt(t, path, `SELECT count(*) FROM intake_requests WHERE id = ?`, id); n != 0 {
			t.Errorf("intake %s, created after the backup, survived the restore", id)
		}
		if n := queryInt(t, path, `SELECT count(*) FROM audit_log WHERE action = 'intake.create' AND record_id = ? AND hash IS NOT NULL`, id); n != 1 {
			t.Errorf("the audit row of intake %s, written after the backup, was not carried (%d rows)", id, n)
		}
	}
	if n := queryInt(t, path, `SELECT count(*) FROM audit_log`); n <= rowsBefore {
		t.Errorf("%d audit rows after the restore, want more than the %d before it", n, rowsBefore)
	}
	last := queryInt(t, path, `SELECT count(*) FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)
		AND action = 'audit.restore' AND detail LIKE '%carried 3 audit rows written after the backup%'`)
	if last != 1 {
		t.Error("the newest audit row is not the restore's, naming the 3 rows carried")
	}
	if code, stdout, _ := runCLI("audit", "verify", "--db", path); code != 0 {
		t.Errorf("audit verify after the restore: exit %d, %s", code, stdout)
	}
	matches, _ := filepath.Glob(path + ".before-restore*")
	if len(matches) != 0 {
		t.Errorf("the set-aside copy was left behind: %v", matches)
	}

	// A backup of another database: its log does not lead to this one's.
	other := filepath.Join(dir, "other.db")
	createIntakes(t, other, 1)
	otherOut := filepath.Join(dir, "other-backup.db")
	if code, _, stderr := runCLI("backup", "--db", other, "--out", otherOut); code != 0 {
		t.Fatalf("backup: exit %d: %s", code, stderr)
	}
	rows := queryInt(t, path, `SELECT count(*) FROM audit_log`)
	code, _, stderr = runCLI("restore", "--db", path, "--from", otherOut, "--force")
	if code != 1 || !strings.Contains(stderr, "--discard-audit") || !strings.Contains(stderr, "nothing changed") {
		t.Errorf("restore of another database's backup: exit %d, %q; want 1, refused naming --discard-audit", code, stderr)
	}
	if n := queryInt(t, path, `SELECT count(*) FROM audit_log`); n != rows {
		t.Errorf("after the refusal the log has %d rows, want the %d it had", n, rows)
	}
	code, _, stderr = runCLI("restore", "--db", path, "--from", otherOut, "--force", "--discard-audit")
	if code != 0 {
		t.Fatalf("restore --discard-audit: exit %d, %s", code, stderr)
	}
	if n := queryInt(t, path, `SELECT count(*) FROM audit_log WHERE action = 'audit.restore' AND detail LIKE '%discarded (--discard-audit)%'`); n != 1 {
		t.Error("the restore with --discard-audit did not say so in its audit row")
	}
}
