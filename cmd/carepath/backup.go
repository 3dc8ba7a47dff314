package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os/signal"
	"strings"
	"syscall"

	"github.com/carepath/carepath/internal/app"
	"github.com/carepath/carepath/internal/sqlite"
)

// runBackup writes a consistent copy of the SQLite database --db names to --out while a
// server may keep using it. It exits 2 on bad usage, an existing --out without --force, or a
// PostgreSQL --db (pg_dump does that job), and 1 when the copy fails.
func runBackup(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs)
	out := fs.String("out", "", "write the backup to this `file` (required)")
	force := fs.Bool("force", false, "overwrite --out if it exists")
	fs.Usage = func() {
		fmt.Fprint(stderr, `usage: carepath backup --out FILE [--force] [--db PATH]

Write a consistent copy of the SQLite database to FILE. The server may keep running: the
copy is one snapshot (SQLite VACUUM INTO) holding every transaction committed before the
backup began. It is written to a temporary file next to FILE, synced, and then renamed, so
FILE is either absent or complete. An existing FILE is kept unless --force is given.
Restore it with "carepath restore --from FILE".

For a PostgreSQL database use pg_dump (and pg_restore) instead.

flags:
`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 || *out == "" {
		fs.Usage()
		return 2
	}
	if code := refuseNonSQLite("backup", *db, "pg_dump", stderr); code != 0 {
		return code
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if err := sqlite.Backup(ctx, *db, *out, *force); err != nil {
		fmt.Fprintf(stderr, "carepath: %v\n", err)
		if errors.Is(err, sqlite.ErrExists) {
			fmt.Fprintln(stderr, "carepath backup: use --force to overwrite it")
			return 2
		}
		return 1
	}
	fmt.Fprintf(stdout, "backup written to %s\n", *out)
	return 0
}

// runRestore replaces the SQLite database --db names with the backup --from names.
func runRestore(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs)
	from := fs.String("from", "", "restore from this backup `file` (required)")
	force := fs.Bool("force", false, "replace the database at --db if it exists")
	fs.Usage = func() {
		fmt.Fprint(stderr, `usage: carepath restore --from FILE [--force] [--db PATH]

Replace the SQLite database at --db with the backup FILE made by "carepath backup".

  1. Stop the server (and anything else using the database) first: restore cannot tell
     whether a server has the database open, and a running server would keep its old data.
  2. carepath restore --from FILE --db PATH --force
     FILE must be a SQLite database that passes an integrity check and whose schema is not
     newer than this carepath binary. Without --force an existing database is not replaced.
     The copy is written to a temporary file next to PATH, synced and checked; then PATH's
     stale -wal, -shm and -journal files are removed and the copy is renamed over PATH.
  3. Start the server: it applies any migrations newer than the backup.

Keep a backup of the database you replace if you may need it again. For a PostgreSQL
database use pg_restore (or psql) with a pg_dump file instead.

flags:
`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 || *from == "" {
		fs.Usage()
		return 2
	}
	if code := refuseNonSQLite("restore", *db, "pg_restore (or psql) with a pg_dump file", stderr); code != 0 {
		return code
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	version, err := sqlite.Restore(ctx, *from, *db, *force)
	if err != nil {
		fmt.Fprintf(stderr, "carepath: %v\n", err)
		if errors.Is(err, sqlite.ErrExists) {
			fmt.Fprintln(stderr, "carepath restore: stop the server, then use --force to replace it")
			return 2
		}
		return 1
	}
	fmt.Fprintf(stdout, "restored %s to %s (schema version %d)\n", *from, *db, version)
	return 0
}

// refuseNonSQLite returns exit status 2, after saying why, when dsn is not a SQLite file path.
func refuseNonSQLite(name, dsn, tool string, stderr io.Writer) int {
	switch {
	case app.IsPostgresURL(dsn):
		fmt.Fprintf(stderr, "carepath %s: --db is a PostgreSQL database; use %s for it\n", name, tool)
		return 2
	case strings.Contains(dsn, "://"):
		fmt.Fprintf(stderr, "carepath %s: --db: use a SQLite file path\n", name)
		return 2
	}
	return 0
}
