package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"strings"

	"github.com/carepath/carepath/internal/app"
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
	if u, err := url.Parse(string(*v)); err == nil && app.IsPostgresURL(string(*v)) {
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

// secretKeyFlag registers --secret-key-file on fs: the file of the key that seals TOTP
// secrets at rest, by default beside a SQLite database (app.DefaultSecretKeyFile); the
// CAREPATH_SECRET_KEY environment variable, when set, is used instead of any file.
func secretKeyFlag(fs *flag.FlagSet) *string {
	return fs.String("secret-key-file", envOr("CAREPATH_SECRET_KEY_FILE", ""),
		"the `file` of the key that seals TOTP secrets (made, 0600, when missing; default: beside the SQLite database; env CAREPATH_SECRET_KEY holds the key itself, CAREPATH_SECRET_KEY_FILE the file)")
}

// parseFlags parses args into fs. It returns false, with the exit code to stop with, when the
// command should not go on: 0 after -h, 2 on a bad flag, or 2 with the usage printed when
// usable says the parsed arguments cannot be used.
func parseFlags(fs *flag.FlagSet, args []string, usable func() bool) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0, false
		}
		return 2, false
	}
	if !usable() {
		fs.Usage()
		return 2, false
	}
	return 0, true
}

// openDatabase opens the database db for the subcommand cmd, which names it in errors. With
// existing set, a SQLite path where there is no file is an error, not a new empty database:
// a command that only reads must not create one. On failure it prints why and returns false.
func openDatabase(ctx context.Context, cmd, db string, existing bool, stderr io.Writer, opts ...app.OpenOption) (*app.Database, bool) {
	if existing && !strings.Contains(db, "://") { // a SQLite path
		if _, err := os.Stat(db); errors.Is(err, fs.ErrNotExist) {
			fmt.Fprintf(stderr, "carepath %s: no database at %s (run carepath migrate or serve first)\n", cmd, db)
			return nil, false
		}
	}
	d, err := app.Open(ctx, db, opts...)
	if err != nil {
		fmt.Fprintf(stderr, "carepath %s: %v\n", cmd, err)
		return nil, false
	}
	return d, true
}
