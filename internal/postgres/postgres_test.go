package postgres_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/postgres"
	"github.com/carepath/carepath/internal/store/storetest"
)

func TestOpenTwiceMigratesOnce(t *testing.T) {
	url := storetest.PostgresURL(t)
	ctx := context.Background()
	first, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := first.Write.Exec(`INSERT INTO audit_log (at, actor_id, role, action, record_type, allowed)
		VALUES (now(), 'a', 'system', 'x.y', 'x', true)`); err != nil {
		t.Fatal(err)
	}
	first.Close()
	second, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatalf("second Open: %v", err)
	}
	defer second.Close()
	if want := postgres.LatestMigration(); first.Version != want || second.Version != first.Version {
		t.Errorf("versions %d then %d, want %d twice", first.Version, second.Version, postgres.LatestMigration())
	}
	var n int
	if err := second.Read.QueryRow("SELECT count(*) FROM audit_log").Scan(&n); err != nil || n != 1 {
		t.Errorf("audit rows after reopening: %d, %v; want 1 (kept)", n, err)
	}
}

func TestTranslateError(t *testing.T) {
	db, err := postgres.Open(context.Background(), storetest.PostgresURL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	insert := `INSERT INTO intake_requests (id, created_at, name, consent, profile, level)
		VALUES ($1, now(), 'Kim', true, $3, $2)`
	if _, err := db.Write.Exec(insert, "k1", "iop", "{}"); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		id, level, profile, code string
	}{
		{"k1", "iop", "{}", carepath.ECONFLICT},
		{"k2", "spa", "{}", carepath.EINVALID},
		{"k3", "iop", "{not json", carepath.EINVALID},
	} {
		_, err := db.Write.Exec(insert, tc.id, tc.level, tc.profile)
		got := postgres.TranslateError(err)
		if carepath.ErrorCode(got) != tc.code || !errors.Is(got, err) {
			t.Errorf("TranslateError(%v) = %v, want code %s wrapping the cause", err, got, tc.code)
		}
		if msg := carepath.ErrorMessage(got); msg == err.Error() {
			t.Errorf("message %q repeats the driver's error", msg)
		}
	}
	plain := errors.New("disk on fire")
	if got := postgres.TranslateError(plain); got != plain {
		t.Errorf("TranslateError(plain) = %v, want it unchanged", got)
	}
}

func TestOpenBadURL(t *testing.T) {
	_, err := postgres.Open(context.Background(), "postgres://nobody:s3cret@127.0.0.1:1/none?sslmode=disable&connect_timeout=2")
	if err == nil {
		t.Fatal("Open succeeded on a closed port")
	}
	if s := err.Error(); strings.Contains(s, "s3cret") {
		t.Errorf("error %q shows the password", s)
	}
}
