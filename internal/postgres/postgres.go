// Package postgres opens carepath's PostgreSQL database through pgx's database/sql driver and
// applies the embedded migrations at Open, under an advisory lock so that several servers
// starting together migrate once. The migrations have the same version numbers and the same
// schema as internal/sqlite's, in PostgreSQL types. The services live in internal/store.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"time"

	"github.com/carepath/carepath/internal/store"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is an open PostgreSQL database. Write and Read are the same pool: PostgreSQL needs no
// separate writer. They are two fields so that code written for internal/sqlite's DB fits.
type DB struct {
	Write   *sql.DB
	Read    *sql.DB
	Version int64 // the schema version after Open applied the migrations
}

// Open connects to the PostgreSQL database at url (postgres://user@host:port/db?sslmode=…;
// extra parameters such as search_path become session settings) and applies the pending
// migrations. Errors never repeat the URL, which may hold a password.
func Open(ctx context.Context, url string) (*DB, error) {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	// Idle connections are kept up to the pool's size: a page reads its parts at once, and a
	// connection closed after each burst costs a new server process on the next. Those idle for
	// five minutes are closed.
	db.SetMaxOpenConns(maxConns)
	db.SetMaxIdleConns(maxConns)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	v, err := migrate(ctx, db)
	if err != nil {
		db.Close()
		return nil, err
	}
	return &DB{Write: db, Read: db, Version: v}, nil
}

// maxConns is how many connections to the server the pool holds at most.
const maxConns = 20

// Close closes the pool.
func (db *DB) Close() error { return db.Write.Close() }

// Dialect returns what internal/store needs to know about PostgreSQL.
func Dialect() store.Dialect {
	return store.Dialect{Name: "postgres", TranslateError: TranslateError, ConnectionLost: ConnectionLost}
}

// migrate applies the embedded migrations that db lacks and returns the schema version.
func migrate(ctx context.Context, db *sql.DB) (int64, error) {
	fsys, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return 0, fmt.Errorf("migrations: %w", err)
	}
	// Another process migrating holds the lock for milliseconds: retry every second, for up
	// to five minutes.
	locker, err := lock.NewPostgresSessionLocker(lock.WithLockTimeout(1, 300))
	if err != nil {
		return 0, fmt.Errorf("migrations: %w", err)
	}
	p, err := goose.NewProvider(goose.DialectPostgres, db, fsys,
		goose.WithDisableGlobalRegistry(true), goose.WithSessionLocker(locker))
	if err != nil {
		return 0, fmt.Errorf("migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return 0, fmt.Errorf("migrate postgres: %w", err)
	}
	v, err := p.GetDBVersion(ctx)
	if err != nil {
		return 0, fmt.Errorf("migrate postgres: %w", err)
	}
	return v, nil
}

// LatestMigration is the schema version a database reaches once Open has migrated it.
func LatestMigration() int64 { return store.LatestMigration(migrations, "migrations") }
