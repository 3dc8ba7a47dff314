package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"filippo.io/age"
	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app"
	"github.com/carepath/carepath/internal/sqlite"
	"github.com/carepath/carepath/internal/store"
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
	encryptTo := fs.String("encrypt-to", envOr("CAREPATH_BACKUP_RECIPIENT", ""), "encrypt the backup with age to this `recipient` (an age1… public key; several separated by commas; env CAREPATH_BACKUP_RECIPIENT)")
	fs.Usage = func() {
		fmt.Fprint(stderr, `usage: carepath backup --out FILE [--encrypt-to RECIPIENT] [--force] [--db PATH]

Write a consistent copy of the SQLite database to FILE. The server may keep running: the
copy is one snapshot (SQLite VACUUM INTO) holding every transaction committed before the
backup began. It is written to a temporary file next to FILE, synced, and then renamed, so
FILE is either absent or complete. An existing FILE is kept unless --force is given.
Restore it with "carepath restore --from FILE". The backup file is readable by its owner
only (0600).

With --encrypt-to (an age X25519 public key, "age1…", from age-keygen) the backup is
encrypted with age, so only the holder of the identity can read it; restore it with
"carepath restore --from FILE --identity KEYFILE". The unencrypted snapshot exists only as a
private temporary file next to FILE while the backup runs. Sign-in sessions are stored as
hashes and TOTP secrets sealed with the secret key (which is not in the backup: keep a copy
of it apart from the backups).

For a PostgreSQL database use pg_dump (and pg_restore) instead.

flags:
`)
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args, func() bool { return fs.NArg() == 0 && *out != "" }); !ok {
		return code
	}
	if code := refuseNonSQLite("backup", *db, "pg_dump", stderr); code != 0 {
		return code
	}
	var recipients []age.Recipient
	if *encryptTo != "" {
		var err error
		if recipients, err = sqlite.ParseRecipients(*encryptTo); err != nil {
			fmt.Fprintf(stderr, "carepath backup: --encrypt-to: %v\n", err)
			return 2
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	backup := func() error { return sqlite.Backup(ctx, *db, *out, *force) }
	if recipients != nil {
		backup = func() error { return sqlite.BackupEncrypted(ctx, *db, *out, *force, recipients) }
	}
	if err := backup(); err != nil {
		fmt.Fprintf(stderr, "carepath: %v\n", err)
		if errors.Is(err, sqlite.ErrExists) {
			fmt.Fprintln(stderr, "carepath backup: use --force to overwrite it")
			return 2
		}
		return 1
	}
	if recipients != nil {
		fmt.Fprintf(stdout, "encrypted backup written to %s\n", *out)
	} else {
		fmt.Fprintf(stdout, "backup written to %s\n", *out)
	}
	return 0
}

// runRestore replaces the SQLite database --db names with the backup --from names.
func runRestore(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs)
	from := fs.String("from", "", "restore from this backup `file` (required)")
	force := fs.Bool("force", false, "replace the database at --db if it exists")
	identity := fs.String("identity", "", "the age identity `file` (AGE-SECRET-KEY-1…) that decrypts an encrypted backup")
	discardAudit := fs.Bool("discard-audit", false, "replace the database even when the audit rows it holds beyond the backup cannot be carried over (they are lost)")
	keyFile := secretKeyFlag(fs)
	fs.Usage = func() {
		fmt.Fprint(stderr, `usage: carepath restore --from FILE [--identity KEYFILE] [--force] [--db PATH]

Replace the SQLite database at --db with the backup FILE made by "carepath backup".

  1. Stop the server (and anything else using the database) first: restore cannot tell
     whether a server has the database open, and a running server would keep its old data.
  2. carepath restore --from FILE --db PATH --force
     FILE must be a SQLite database that passes an integrity check and whose schema is not
     newer than this carepath binary. Without --force an existing database is not replaced.
     The copy is written to a temporary file next to PATH, synced and checked; then PATH's
     stale -wal, -shm and -journal files are removed and the copy is renamed over PATH.
     An encrypted backup (carepath backup --encrypt-to) needs --identity KEYFILE.
  3. restore opens the restored database, applies any migrations newer than the backup,
     and appends to its access log the audit rows the replaced database holds that the
     backup lacks (written after the backup was taken; re-chained, oldest first), then an
     audit.restore row naming the backup and the rows carried. The audit trail is never
     silently cut back to the backup. When the replaced database's log does not continue
     the backup's (a backup of another database), restore puts the replaced database back
     and refuses, unless --discard-audit is given.
  4. Start the server. TOTP secrets open only with the secret key they were sealed with
     (CAREPATH_SECRET_KEY or the key file beside the database).

Keep a backup of the database you replace if you may need it again. For a PostgreSQL
database use pg_restore (or psql) with a pg_dump file instead.

flags:
`)
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args, func() bool { return fs.NArg() == 0 && *from != "" }); !ok {
		return code
	}
	if code := refuseNonSQLite("restore", *db, "pg_restore (or psql) with a pg_dump file", stderr); code != 0 {
		return code
	}
	encrypted, err := sqlite.IsEncrypted(*from)
	if err != nil {
		fmt.Fprintf(stderr, "carepath restore: %v\n", err)
		return 1
	}
	if encrypted && *identity == "" {
		fmt.Fprintln(stderr, "carepath restore: --from is an encrypted backup: give the identity that decrypts it with --identity KEYFILE")
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	aside, err := setAside(ctx, *db, *force, *discardAudit)
	if err != nil {
		fmt.Fprintf(stderr, "carepath restore: %v\n", err)
		return 1
	}
	defer func() {
		if aside != "" {
			removeAside(aside)
		}
	}()
	restore := func() (int64, error) { return sqlite.Restore(ctx, *from, *db, *force) }
	if encrypted {
		ids, err := sqlite.ParseIdentityFile(*identity)
		if err != nil {
			fmt.Fprintf(stderr, "carepath restore: --identity: %v\n", err)
			return 2
		}
		restore = func() (int64, error) { return sqlite.RestoreEncrypted(ctx, *from, *db, *force, ids) }
	}
	version, err := restore()
	if err != nil {
		fmt.Fprintf(stderr, "carepath: %v\n", err)
		if errors.Is(err, sqlite.ErrExists) {
			fmt.Fprintln(stderr, "carepath restore: stop the server, then use --force to replace it")
			return 2
		}
		return 1
	}
	carry, err := auditToCarry(ctx, *db, aside)
	if errors.Is(err, store.ErrAuditDiverged) {
		if _, perr := sqlite.Restore(ctx, aside, *db, true); perr != nil {
			fmt.Fprintf(stderr, "carepath restore: %v, and putting it back failed: %v; the replaced database is kept at %s\n", err, perr, aside)
			aside = "" // keep it
			return 1
		}
		fmt.Fprintf(stderr, "carepath restore: refused, nothing changed: %v, so the audit rows it holds beyond the backup cannot be carried over. Keep a copy of %s, then restore with --discard-audit to replace it and lose them.\n", err, *db)
		return 1
	}
	if err != nil {
		fmt.Fprintf(stderr, "carepath restore: the database is restored, but the audit rows written after the backup could not be read: %v; the replaced database is kept at %s\n", err, aside)
		aside = "" // keep it
		return 1
	}
	detail := fmt.Sprintf("from=%s; schema=%d", filepath.Base(*from), version)
	switch {
	case carry.Len() > 0:
		detail += fmt.Sprintf("; carried %d audit rows written after the backup (rows %d-%d of the replaced database)", carry.Len(), carry.FirstID, carry.LastID)
	case *discardAudit:
		detail += "; the replaced database's audit rows were discarded (--discard-audit)"
	}
	if err := recordRestore(ctx, *db, *keyFile, detail, carry); err != nil {
		fmt.Fprintf(stderr, "carepath restore: the database is restored, but its audit rows could not be written: %v\n", err)
		if aside != "" {
			fmt.Fprintf(stderr, "carepath restore: the replaced database is kept at %s\n", aside)
			aside = "" // keep it
		}
		return 1
	}
	fmt.Fprintf(stdout, "restored %s to %s (schema version %d)\n", *from, *db, version)
	if carry.Len() > 0 {
		fmt.Fprintf(stdout, "carried %d audit rows written after the backup into the restored access log\n", carry.Len())
	}
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

// recordRestore opens the restored database (applying newer migrations) and appends the
// carried audit rows and the audit row of the restore, after the restored access log.
func recordRestore(ctx context.Context, db, keyFile, detail string, carry *store.AuditCarry) error {
	d, err := app.Open(ctx, db, app.SecretKeyFile(keyFile))
	if err != nil {
		return err
	}
	defer d.Close()
	ctx = carepath.NewContext(ctx, cliActor())
	return d.Store.RecordRestore(ctx, detail, carry)
}
