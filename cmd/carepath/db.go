package main

import (
	"flag"
	"net/url"
	"os"

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
