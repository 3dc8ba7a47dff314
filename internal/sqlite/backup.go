package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// ErrExists is returned by Backup and Restore when the destination already exists and the
// caller did not ask to overwrite it.
var ErrExists = errors.New("destination exists")

// ErrTooNew is returned by CheckFile and Restore when a database holds migrations newer than
// the ones built into this binary.
var ErrTooNew = errors.New("database schema is newer than this carepath")

// backupParams are the parameters of the connection a backup reads through: it waits for
// locks like every other connection. It cannot be query_only, which forbids VACUUM INTO, but
// VACUUM INTO only reads the source. checkParams are those of a connection that only reads.
const (
	backupParams = "_pragma=busy_timeout(5000)"
	checkParams  = backupParams + "&_pragma=query_only(1)"
)

// Backup writes a consistent copy of the SQLite database file at src to dest, while other
// connections and processes (a running server) keep reading and writing it. It reads through
// a connection of its own and never applies migrations to src. See (*DB).Backup for how the
// copy is made; src must exist.
func Backup(ctx context.Context, src, dest string, force bool) error {
	if err := plainPath(src); err != nil {
		return err
	}
	if _, err := os.Stat(src); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	db, err := sql.Open("sqlite", src+"?"+backupParams)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	return vacuumInto(ctx, db, dest, force)
}

// Backup writes a consistent copy of db to the file dest using VACUUM INTO on a connection
// of its own to db's file (the readers are query_only, which forbids VACUUM INTO), so the
// writer is never held up: the copy is the snapshot of one read
// transaction, holding every transaction committed before it began. The copy is written to
// a temporary file in dest's directory, synced, and then moved to dest; an existing dest is
// refused with ErrExists unless force is set.
func (db *DB) Backup(ctx context.Context, dest string, force bool) error {
	var seq int
	var name, file string
	if err := db.Read.QueryRowContext(ctx, "PRAGMA database_list").Scan(&seq, &name, &file); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return Backup(ctx, file, dest, force)
}

// vacuumInto runs VACUUM INTO a temporary file next to dest and moves it into place.
func vacuumInto(ctx context.Context, db *sql.DB, dest string, force bool) error {
	if err := plainPath(dest); err != nil {
		return err
	}
	if !force {
		if _, err := os.Lstat(dest); err == nil {
			return fmt.Errorf("backup: %s: %w", dest, ErrExists)
		}
	}
	tmp, err := tempPath(dest)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer removeDB(tmp)
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		return fmt.Errorf("backup: vacuum into: %w", err)
	}
	if err := syncFile(tmp); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := install(tmp, dest, force); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}

// CheckFile opens the SQLite database file at path without changing it and checks that it
// is one carepath can open: it passes PRAGMA integrity_check and its schema version, which
// it returns, is not newer than the migrations built into this binary (ErrTooNew).
func CheckFile(ctx context.Context, path string) (int64, error) {
	if err := plainPath(path); err != nil {
		return 0, err
	}
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	header := make([]byte, 16)
	_, err = io.ReadFull(f, header)
	f.Close()
	if err != nil || string(header) != "SQLite format 3\x00" {
		return 0, fmt.Errorf("%s is not a SQLite database", path)
	}
	db, err := sql.Open("sqlite", path+"?"+checkParams)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	var result string
	if err := db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&result); err != nil {
		return 0, fmt.Errorf("integrity check: %w", err)
	}
	if result != "ok" {
		return 0, fmt.Errorf("integrity check failed: %s", result)
	}
	var version sql.NullInt64
	err = db.QueryRowContext(ctx, "SELECT max(version_id) FROM goose_db_version WHERE is_applied").Scan(&version)
	if err != nil || !version.Valid {
		return 0, errors.New("not a carepath database (no migration history)")
	}
	latest, err := LatestVersion()
	if err != nil {
		return 0, err
	}
	if version.Int64 > latest {
		return version.Int64, fmt.Errorf("schema version %d, this binary knows %d: %w", version.Int64, latest, ErrTooNew)
	}
	return version.Int64, nil
}

// LatestVersion returns the highest version among the migrations built into this binary.
func LatestVersion() (int64, error) {
	entries, err := fs.ReadDir(migrations, "migrations")
	if err != nil {
		return 0, fmt.Errorf("migrations: %w", err)
	}
	var latest int64
	for _, e := range entries {
		prefix, _, _ := strings.Cut(e.Name(), "_")
		if v, err := strconv.ParseInt(prefix, 10, 64); err == nil && strings.HasSuffix(e.Name(), ".sql") {
			latest = max(latest, v)
		}
	}
	return latest, nil
}

// Restore replaces the SQLite database at dest with a copy of the backup file from, after
// checking it with CheckFile. An existing dest is refused with ErrExists unless force is set;
// no server may be using dest while it runs. The copy goes to a temporary file in dest's
// directory, is synced and checked, the stale -wal, -shm and -journal files of dest are
// removed (they belong to the old database and would corrupt the new one), and the copy is
// renamed over dest. It returns the restored schema version; carepath applies any newer
// migrations the next time it opens the database.
func Restore(ctx context.Context, from, dest string, force bool) (int64, error) {
	if err := plainPath(dest); err != nil {
		return 0, err
	}
	if _, err := CheckFile(ctx, from); err != nil {
		return 0, fmt.Errorf("restore: %s: %w", from, err)
	}
	if !force {
		if _, err := os.Lstat(dest); err == nil {
			return 0, fmt.Errorf("restore: %s: %w", dest, ErrExists)
		}
	}
	tmp, err := tempPath(dest)
	if err != nil {
		return 0, fmt.Errorf("restore: %w", err)
	}
	defer removeDB(tmp)
	if err := copyFile(from, tmp); err != nil {
		return 0, fmt.Errorf("restore: %w", err)
	}
	if err := os.Chmod(tmp, FileMode); err != nil {
		return 0, fmt.Errorf("restore: %w", err)
	}
	version, err := CheckFile(ctx, tmp)
	if err != nil {
		return 0, fmt.Errorf("restore: copy: %w", err)
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if err := os.Remove(dest + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return 0, fmt.Errorf("restore: %w", err)
		}
	}
	if err := install(tmp, dest, force); err != nil {
		return 0, fmt.Errorf("restore: %w", err)
	}
	return version, nil
}

// plainPath refuses what Open refuses: empty names, ":memory:", URIs and query strings.
func plainPath(path string) error {
	if path == "" || path == ":memory:" || strings.ContainsRune(path, '?') || strings.HasPrefix(path, "file:") {
		return fmt.Errorf("sqlite: %q is not a plain file path", path)
	}
	return nil
}

// tempPath creates an empty temporary file (FileMode) in the directory of dest, making that
// directory (DirMode) when it is missing, and returns its name.
func tempPath(dest string) (string, error) {
	if err := os.MkdirAll(filepath.Dir(dest), DirMode); err != nil {
		return "", err
	}
	f, err := os.CreateTemp(filepath.Dir(dest), "."+filepath.Base(dest)+".tmp-*")
	if err != nil {
		return "", err
	}
	name := f.Name()
	if err := f.Close(); err != nil {
		os.Remove(name)
		return "", err
	}
	return name, nil
}

// removeDB removes a temporary database file and any -wal, -shm or -journal it left.
func removeDB(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(path + suffix)
	}
}

// install moves the synced file tmp to dest and syncs the directory. Without force it
// links rather than renames, so a dest created meanwhile is still not overwritten.
func install(tmp, dest string, force bool) error {
	if force {
		if err := os.Rename(tmp, dest); err != nil {
			return err
		}
	} else if err := os.Link(tmp, dest); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s: %w", dest, ErrExists)
		}
		// A file system without hard links: fall back to a checked rename.
		if _, serr := os.Lstat(dest); serr == nil {
			return fmt.Errorf("%s: %w", dest, ErrExists)
		}
		if err := os.Rename(tmp, dest); err != nil {
			return err
		}
	}
	return syncDir(filepath.Dir(dest))
}

// copyFile copies src into the existing file dst and syncs it.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// syncFile flushes the file at path to stable storage.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir flushes a directory, so a rename into it survives a crash. Systems that cannot
// sync a directory (Windows) are not an error.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) && !errors.Is(err, os.ErrPermission) {
		return err
	}
	return nil
}
