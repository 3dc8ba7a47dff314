// Package storetest opens fresh databases for tests of internal/store and its users: a new
// SQLite file per test, and a new PostgreSQL schema per test when CAREPATH_TEST_POSTGRES
// holds a URL (for example postgres://postgres@127.0.0.1:5432/test?sslmode=disable).
// Everything it opens is closed, and every schema dropped, when the test ends.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/carepath/carepath/internal/postgres"
	"github.com/carepath/carepath/internal/sqlite"
	"github.com/carepath/carepath/internal/store"
)

// PostgresEnv is the environment variable that holds the URL of a PostgreSQL database
// tests may create schemas in.
const PostgresEnv = "CAREPATH_TEST_POSTGRES"

// Env is one fresh database and the store over it.
type Env struct {
	Engine string // "sqlite" or "postgres"
	// DSN opens the same database again: the SQLite file path, or the PostgreSQL URL with the
	// test's schema as its search_path. It is what --db would be given.
	DSN   string
	Write *sql.DB // the writer, for checking rows the services do not return (audit_log)
	Read  *sql.DB
	Store *store.Store
}

// Each runs fn as a subtest on each engine: "sqlite" always, "postgres" when
// CAREPATH_TEST_POSTGRES is set (otherwise that subtest skips with a message).
func Each(t *testing.T, fn func(t *testing.T, env *Env)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t)) })
}

// SQLite opens a store on a new SQLite file in t.TempDir().
func SQLite(t testing.TB) *Env {
	t.Helper()
	path := filepath.Join(t.TempDir(), "carepath.db")
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("open sqlite: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return &Env{Engine: "sqlite", DSN: path, Write: db.Write, Read: db.Read,
		Store: withTestKey(t, store.New(db.Write, db.Read, sqlite.Dialect()))}
}

// Postgres opens a store on a new schema of the CAREPATH_TEST_POSTGRES database, or skips
// the test when the variable is empty.
func Postgres(t testing.TB) *Env {
	t.Helper()
	dsn := PostgresURL(t)
	db, err := postgres.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("open postgres: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return &Env{Engine: "postgres", DSN: dsn, Write: db.Write, Read: db.Read,
		Store: withTestKey(t, store.New(db.Write, db.Read, postgres.Dialect()))}
}

// PostgresURL creates an empty schema t_<random> in the CAREPATH_TEST_POSTGRES database,
// drops it when the test ends, and returns a URL whose connections use it as their
// search_path. It skips the test when the variable is empty, and under go test -short.
func PostgresURL(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("PostgreSQL tests skipped under -short")
	}
	base := os.Getenv(PostgresEnv)
	if base == "" {
		t.Skipf("PostgreSQL tests skipped: set %s to a database URL, e.g. postgres://postgres@127.0.0.1:5432/test?sslmode=disable", PostgresEnv)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: not a URL", PostgresEnv)
	}
	b := make([]byte, 8)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)

	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("open postgres: %v", err)
	}
	ctx := context.Background()
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		admin.Close()
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		if _, err := admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema: %v", err)
		}
	})
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// withTestKey gives st a random secret key, as app.Open gives a real one.
func withTestKey(t testing.TB, st *store.Store) *store.Store {
	t.Helper()
	key := make([]byte, store.SecretKeySize)
	rand.Read(key)
	if err := st.UseSecretKey(key); err != nil {
		t.Fatal(err)
	}
	return st
}
