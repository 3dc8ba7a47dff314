package app

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/carepath/carepath/internal/postgres"
	"github.com/carepath/carepath/internal/sqlite"
	"github.com/carepath/carepath/internal/store"
)

// Database is an open, migrated database of either engine and the store over it.
type Database struct {
	Store   *store.Store
	Dialect store.Dialect
	Version int64 // the schema version after the migrations
	// Notices are what opening changed that the operator should hear of (a database file
	// other users could read, now private).
	Notices []string
	close   func() error
}

// Close closes the database.
func (d *Database) Close() error { return d.close() }

// IsPostgresURL reports whether dsn names a PostgreSQL database rather than a SQLite file.
func IsPostgresURL(dsn string) bool {
	l := strings.ToLower(dsn)
	return strings.HasPrefix(l, "postgres://") || strings.HasPrefix(l, "postgresql://")
}

// Open opens the database dsn names, a PostgreSQL URL or a SQLite file path, applies its
// pending migrations and returns it with the store over it, holding the secret key
// (loadSecretKey; SecretKeyFile names its file) and with any TOTP secret still in the clear
// sealed, and with the audit hash chain started after any audit rows older than it. Errors
// never repeat dsn, which may hold a password.
func Open(ctx context.Context, dsn string, opts ...OpenOption) (*Database, error) {
	var o openOptions
	for _, opt := range opts {
		opt(&o)
	}
	d, err := open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	key, notices, err := loadSecretKey(dsn, o.keyFile)
	if err == nil {
		err = d.Store.UseSecretKey(key)
	}
	if err != nil {
		d.Close()
		return nil, err
	}
	d.Notices = append(d.Notices, notices...)
	if n, err := d.Store.SealTOTPSecrets(ctx); err != nil {
		d.Close()
		return nil, fmt.Errorf("seal TOTP secrets: %w", err)
	} else if n > 0 {
		d.Notices = append(d.Notices, fmt.Sprintf("sealed %d TOTP secrets that were stored in the clear", n))
	}
	if n, err := d.Store.SealAuditChain(ctx); err != nil {
		d.Close()
		return nil, fmt.Errorf("start the audit hash chain: %w", err)
	} else if n > 0 {
		d.Notices = append(d.Notices, fmt.Sprintf("the audit hash chain now covers the %d audit rows written before it", n))
	}
	return d, nil
}

// open opens and migrates the database dsn names.
func open(ctx context.Context, dsn string) (*Database, error) {
	switch {
	case IsPostgresURL(dsn):
		db, err := postgres.Open(ctx, dsn)
		if err != nil {
			return nil, err
		}
		return newDatabase(db.Write, db.Read, postgres.Dialect(), db.Version, db.Close), nil
	case strings.Contains(dsn, "://"):
		return nil, errors.New("--db: use a SQLite file path or a postgres:// URL")
	default:
		db, err := sqlite.Open(ctx, dsn)
		if err != nil {
			return nil, err
		}
		d := newDatabase(db.Write, db.Read, sqlite.Dialect(), db.Version, db.Close)
		d.Notices = db.Notices
		return d, nil
	}
}

func newDatabase(write, read *sql.DB, d store.Dialect, version int64, close func() error) *Database {
	return &Database{Store: store.New(write, read, d), Dialect: d, Version: version, close: close}
}
