package sqlite_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/sqlite"
)

func TestOpenTwiceMigratesOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "carepath.db")
	ctx := context.Background()
	first, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := first.Write.Exec(`INSERT INTO audit_log (at, actor_id, role, action, record_type, allowed)
		VALUES ('2026-01-02 03:04:05+00:00', 'a', 'system', 'x.y', 'x', true)`); err != nil {
		t.Fatal(err)
	}
	first.Close()
	second, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("second Open: %v", err)
	}
	defer second.Close()
	if want := sqlite.LatestMigration(); first.Version != want || second.Version != first.Version {
		t.Errorf("versions %d then %d, want %d twice", first.Version, second.Version, sqlite.LatestMigration())
	}
	var n int
	if err := second.Read.QueryRow("SELECT count(*) FROM audit_log").Scan(&n); err != nil || n != 1 {
		t.Errorf("audit rows after reopening: %d, %v; want 1 (kept)", n, err)
	}
}

func TestPragmas(t *testing.T) {
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "carepath.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, tc := range []struct {
		name, pragma, want string
		read               bool
	}{
		{"writer", "journal_mode", "wal", false},
		{"writer", "foreign_keys", "1", false},
		{"writer", "busy_timeout", "5000", false},
		{"writer", "synchronous", "1", false},
		{"writer", "query_only", "0", false},
		{"reader", "journal_mode", "wal", true},
		{"reader", "foreign_keys", "1", true},
		{"reader", "busy_timeout", "5000", true},
		{"reader", "synchronous", "1", true},
		{"reader", "query_only", "1", true},
	} {
		conn := db.Write
		if tc.read {
			conn = db.Read
		}
		var got string
		if err := conn.QueryRow("PRAGMA " + tc.pragma).Scan(&got); err != nil || got != tc.want {
			t.Errorf("%s: PRAGMA %s = %q, %v; want %q", tc.name, tc.pragma, got, err, tc.want)
		}
	}
	if _, err := db.Read.Exec("DELETE FROM login_failures"); err == nil {
		t.Error("the reader pool accepted a write")
	}
	if n := db.Write.Stats().MaxOpenConnections; n != 1 {
		t.Errorf("writer has %d connections, want 1", n)
	}
}

func TestOpenRefusesNonPaths(t *testing.T) {
	for _, dsn := range []string{"", ":memory:", "file:x.db", "x.db?_pragma=query_only(1)"} {
		if db, err := sqlite.Open(context.Background(), dsn); err == nil {
			db.Close()
			t.Errorf("Open(%q) succeeded", dsn)
		}
	}
}

func TestTranslateError(t *testing.T) {
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "carepath.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	insert := `INSERT INTO intake_requests (id, created_at, name, consent, profile, level)
		VALUES ($1, '2026-01-02 03:04:05+00:00', 'Kim', true, '{}', $2)`
	if _, err := db.Write.Exec(insert, "k1", "iop"); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		id, level, code string
	}{
		{"k1", "iop", carepath.ECONFLICT},
		{"k2", "spa", carepath.EINVALID},
	} {
		_, err := db.Write.Exec(insert, tc.id, tc.level)
		got := sqlite.TranslateError(err)
		if carepath.ErrorCode(got) != tc.code || !errors.Is(got, err) {
			t.Errorf("TranslateError(%v) = %v, want code %s wrapping the cause", err, got, tc.code)
		}
		if msg := carepath.ErrorMessage(got); msg == err.Error() {
			t.Errorf("message %q repeats the driver's error", msg)
		}
	}
	plain := errors.New("disk on fire")
	if got := sqlite.TranslateError(plain); got != plain {
		t.Errorf("TranslateError(plain) = %v, want it unchanged", got)
	}
}
