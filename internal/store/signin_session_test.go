package store_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/pressly/goose/v3"

	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

func TestSignInSessionStore(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		s := store.NewSignInSessionStore(env.Store)
		ctx := context.Background()
		if err := s.CommitCtx(ctx, "tok1", []byte("one"), time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := s.CommitCtx(ctx, "tok1", []byte("two"), time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if b, ok, err := s.FindCtx(ctx, "tok1"); err != nil || !ok || string(b) != "two" {
			t.Errorf("find: %q %v %v", b, ok, err)
		}
		if err := s.CommitCtx(ctx, "old", []byte("x"), time.Now().Add(-time.Second)); err != nil {
			t.Fatal(err)
		}
		if _, ok, err := s.FindCtx(ctx, "old"); ok || err != nil {
			t.Errorf("expired session found: %v %v", ok, err)
		}
		if err := s.DeleteCtx(ctx, "tok1"); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := s.FindCtx(ctx, "tok1"); ok {
			t.Error("deleted session found")
		}
		if err := s.DeleteCtx(ctx, "never"); err != nil {
			t.Errorf("delete unknown: %v", err)
		}
	})
}

// TestSessionTokensStoredHashed checks that the sessions table holds the SHA-256 of each
// sign-in token, never the token the cookie carries, and that the migration which brought
// hashing rehashes the sessions already stored, so nobody signed in is signed out.
func TestSessionTokensStoredHashed(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		s := store.NewSignInSessionStore(env.Store)
		ctx := context.Background()
		if err := s.CommitCtx(ctx, "the-cookie-token", []byte("data"), time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		var stored string
		if err := env.Write.QueryRow(`SELECT token FROM sessions`).Scan(&stored); err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256([]byte("the-cookie-token"))
		if stored != hex.EncodeToString(sum[:]) {
			t.Errorf("stored token %q, want its SHA-256", stored)
		}

		// The migration: back to before it, a session stored the old way, and up again.
		dialect, dir := goose.DialectSQLite3, "../sqlite/migrations"
		if env.Engine == "postgres" {
			dialect, dir = goose.DialectPostgres, "../postgres/migrations"
		}
		fsys := os.DirFS(dir)
		names, _ := fs.Glob(fsys, "*_account_security.sql")
		if len(names) != 1 {
			t.Fatalf("migration files %v", names)
		}
		version, _ := strconv.ParseInt(strings.SplitN(names[0], "_", 2)[0], 10, 64)
		p, err := goose.NewProvider(dialect, env.Write, fsys, goose.WithDisableGlobalRegistry(true))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.DownTo(ctx, version-1); err != nil {
			t.Fatal(err)
		}
		if _, err := env.Write.Exec(`INSERT INTO sessions (token, data, expiry) VALUES ($1, $2, $3)`,
			"signed-in-before", []byte("old"), time.Now().Add(time.Hour).UTC()); err != nil {
			t.Fatal(err)
		}
		if _, err := p.Up(ctx); err != nil {
			t.Fatal(err)
		}
		if b, ok, err := s.FindCtx(ctx, "signed-in-before"); err != nil || !ok || string(b) != "old" {
			t.Errorf("a session stored before hashing: %q %v %v", b, ok, err)
		}
		var plain int
		env.Write.QueryRow(`SELECT count(*) FROM sessions WHERE token = 'signed-in-before'`).Scan(&plain)
		if plain != 0 {
			t.Error("the migration left a token in the clear")
		}
	})
}

// TestSignInSessionTouchSkipped checks that a commit which only moves a session's expiry a
// little writes nothing, and that a change of data, an expiry moved further, and a session
// read back from the table each do write.
func TestSignInSessionTouchSkipped(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		s := store.NewSignInSessionStore(env.Store)
		ctx := context.Background()
		var codec scs.GobCodec
		deadline := time.Now().Add(12 * time.Hour)
		values := map[string]any{"staff_id": "s1", "staff_role": "clinician", "staff_name": "Ana", "csrf": "x"}
		data, err := codec.Encode(deadline, values)
		if err != nil {
			t.Fatal(err)
		}
		stored := func() time.Time {
			t.Helper()
			var at time.Time
			if err := env.Write.QueryRow(`SELECT expiry FROM sessions WHERE token = $1`, hashOf("tok")).Scan(&at); err != nil {
				t.Fatal(err)
			}
			return at.UTC()
		}
		first := time.Now().Add(15 * time.Minute).UTC().Truncate(time.Microsecond)
		if err := s.CommitCtx(ctx, "tok", data, first); err != nil {
			t.Fatal(err)
		}
		// The same values encoded again (gob may order the map's keys differently), the expiry
		// 30 s on: nothing is written.
		again, _ := codec.Encode(deadline, values)
		if err := s.CommitCtx(ctx, "tok", again, first.Add(30*time.Second)); err != nil {
			t.Fatal(err)
		}
		if got := stored(); !got.Equal(first) {
			t.Errorf("a touch of 30 s was written: expiry %v, want %v", got, first)
		}
		// Two minutes on: written.
		if err := s.CommitCtx(ctx, "tok", again, first.Add(2*time.Minute)); err != nil {
			t.Fatal(err)
		}
		if got := stored(); !got.Equal(first.Add(2 * time.Minute)) {
			t.Errorf("a touch of 2 min: expiry %v, want %v", got, first.Add(2*time.Minute))
		}
		// Changed data: written at once, whatever the expiry.
		changed, _ := codec.Encode(deadline, map[string]any{"staff_id": "s1", "login_notice": "bye"})
		if err := s.CommitCtx(ctx, "tok", changed, first.Add(2*time.Minute+time.Second)); err != nil {
			t.Fatal(err)
		}
		if b, ok, err := s.FindCtx(ctx, "tok"); err != nil || !ok || !bytes.Equal(b, changed) {
			t.Errorf("changed data not written: %v %v", ok, err)
		}
		// Another server (another store) signs the session out: this store writes nothing back.
		other := store.NewSignInSessionStore(env.Store)
		if err := other.DeleteCtx(ctx, "tok"); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := s.FindCtx(ctx, "tok"); ok {
			t.Error("a session signed out elsewhere was found")
		}
		if err := s.CommitCtx(ctx, "tok", changed, first.Add(3*time.Minute)); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := other.FindCtx(ctx, "tok"); !ok {
			t.Error("a new commit after the session was read as gone wrote nothing")
		}
	})
}

func hashOf(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
