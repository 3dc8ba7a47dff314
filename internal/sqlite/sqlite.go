// Package sqlite opens carepath's SQLite database with modernc.org/sqlite (pure Go): WAL,
// foreign keys, a 5-second busy timeout and synchronous=NORMAL on every connection, one
// writer connection and a pool of read-only readers, and the embedded migrations applied at
// Open. The services themselves live in internal/store.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"strings"

	"github.com/carepath/carepath/internal/store"
	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrations embed.FS

// The connection parameters, applied by the driver to every pooled connection. Times are
// written as "2006-01-02 15:04:05.999999999+00:00" and read back as UTC time.Time values from
// TIMESTAMP columns. The writer begins every transaction IMMEDIATE, so a transaction that
// reads before it writes cannot fail to upgrade its lock; busy_timeout covers the wait.
const (
	common = "_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_pragma=temp_store(MEMORY)" +
		"&_time_format=sqlite&_timezone=UTC"
	writeParams = common + "&_pragma=journal_mode(WAL)&_txlock=immediate&_pragma=wal_autocheckpoint(0)"
	readParams  = common + "&_pragma=query_only(1)"
)

// DB is an open SQLite database. Write is the one writer connection: use it for every
// transaction. Read is a pool of read-only connections for reads that need no audit row.
//
// The writer never checkpoints the write-ahead log itself (wal_autocheckpoint is off on it):
// a checkpoint syncs the database file, and a commit that happened to trigger one would make
// its request wait for the disk. A checkpointer connection does it in the background instead
// (checkpoint.go), and once more at Close.
type DB struct {
	Write   *sql.DB
	Read    *sql.DB
	Version int64 // the schema version after Open applied the migrations
	// Notices are what Open changed that the operator should hear of: files whose
	// permissions it tightened.
	Notices []string

	checkpointer *checkpointer
}

// Open opens (creating if needed, private to this account: FileMode, in a DirMode folder) the
// SQLite database file at path and applies the pending migrations. path is a plain file path; URIs, query strings and ":memory:" are refused,
// since the writer and the readers must share one file.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" || path == ":memory:" || strings.ContainsRune(path, '?') || strings.HasPrefix(path, "file:") {
		return nil, fmt.Errorf("sqlite: %q is not a plain file path", path)
	}
	notices, err := prepareFile(path)
	if err != nil {
		return nil, err
	}
	write, err := sql.Open("sqlite", path+"?"+writeParams)
	if err != nil {
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxLifetime(0)
	write.SetConnMaxIdleTime(0)
	db := &DB{Write: write, Notices: notices}
	if err := write.PingContext(ctx); err != nil {
		write.Close()
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	if db.Version, err = migrate(ctx, write); err != nil {
		write.Close()
		return nil, err
	}

	read, err := sql.Open("sqlite", path+"?"+readParams)
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("open sqlite reader: %w", err)
	}
	n := max(4, runtime.NumCPU())
	read.SetMaxOpenConns(n)
	read.SetMaxIdleConns(n)
	if err := read.PingContext(ctx); err != nil {
		read.Close()
		write.Close()
		return nil, fmt.Errorf("open sqlite reader: %w", err)
	}
	db.Read = read
	if db.checkpointer, err = startCheckpointer(path); err != nil {
		read.Close()
		write.Close()
		return nil, err
	}
	return db, nil
}

// Close closes the readers and the writer.
func (db *DB) Close() error {
	var errs []error
	if db.checkpointer != nil {
		errs = append(errs, db.checkpointer.stop())
	}
	if db.Read != nil {
		errs = append(errs, db.Read.Close())
	}
	errs = append(errs, db.Write.Close())
	return errors.Join(errs...)
}

// Dialect returns what internal/store needs to know about SQLite.
func Dialect() store.Dialect {
	return store.Dialect{Name: "sqlite", TranslateError: TranslateError}
}

// migrate applies the embedded migrations that db lacks and returns the schema version.
func migrate(ctx context.Context, db *sql.DB) (int64, error) {
	fsys, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return 0, fmt.Errorf("migrations: %w", err)
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, db, fsys, goose.WithDisableGlobalRegistry(true))
	if err != nil {
		return 0, fmt.Errorf("migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return 0, fmt.Errorf("migrate sqlite: %w", err)
	}
	v, err := p.GetDBVersion(ctx)
	if err != nil {
		return 0, fmt.Errorf("migrate sqlite: %w", err)
	}
	return v, nil
}

// LatestMigration is the schema version a database reaches once Open has migrated it.
func LatestMigration() int64 { return store.LatestMigration(migrations, "migrations") }
