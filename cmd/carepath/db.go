package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"net/url"
	"os"
	"strings"

	"github.com/carepath/carepath/internal/postgres"
	"github.com/carepath/carepath/internal/sqlite"
	"github.com/carepath/carepath/internal/store"
)

// defaultDB is the database used when neither --db nor CAREPATH_DB says otherwise.
const defaultDB = "carepath.db"

// dbValue is the value of --db. It prints a PostgreSQL URL without its password, so the
// usage text never shows one taken from CAREPATH_DB.
type dbValue string

func (v *dbValue) String() string {
	if v == nil {
		return ""
	}
	if u, err := url.Parse(string(*v)); err == nil && isPostgresURL(string(*v)) {
		return u.Redacted()
	}
	return string(*v)
}

func (v *dbValue) Set(s string) error { *v = dbValue(s); return nil }

// dbFlag registers --db on fs: a SQLite file path or a postgres:// URL, by default
// $CAREPATH_DB or else carepath.db.
func dbFlag(fs *flag.FlagSet) *string {
	v := dbValue(os.Getenv("CAREPATH_DB"))
	if v == "" {
		v = defaultDB
	}
	fs.Var(&v, "db", "database: a SQLite file `path` or a postgres:// URL (env CAREPATH_DB)")
	return (*string)(&v)
}

// isPostgresURL reports whether dsn names a PostgreSQL database rather than a SQLite file.
func isPostgresURL(dsn string) bool {
	l := strings.ToLower(dsn)
	return strings.HasPrefix(l, "postgres://") || strings.HasPrefix(l, "postgresql://")
}

// database is an open database of either engine.
type database struct {
	write, read *sql.DB
	dialect     store.Dialect
	version     int64 // the schema version after the migrations
	close       func() error
}

// openDatabase opens the database dsn names, a PostgreSQL URL or a SQLite file path, and
// applies its pending migrations. Errors never repeat dsn, which may hold a password.
func openDatabase(ctx context.Context, dsn string) (*database, error) {
	switch {
	case isPostgresURL(dsn):
		db, err := postgres.Open(ctx, dsn)
		if err != nil {
			return nil, err
		}
		return &database{db.Write, db.Read, postgres.Dialect(), db.Version, db.Close}, nil
	case strings.Contains(dsn, "://"):
		return nil, errors.New("--db: use a SQLite file path or a postgres:// URL")
	default:
		db, err := sqlite.Open(ctx, dsn)
		if err != nil {
			return nil, err
		}
		return &database{db.Write, db.Read, sqlite.Dialect(), db.Version, db.Close}, nil
	}
}

// openStore opens the database dsn names (see openDatabase) and returns the store over it
// and the function that closes it.
func openStore(ctx context.Context, dsn string) (*store.Store, func() error, error) {
	db, err := openDatabase(ctx, dsn)
	if err != nil {
		return nil, nil, err
	}
	return store.New(db.write, db.read, db.dialect), db.close, nil
}
