package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carepath/carepath/internal/sqlite"
)

// mode is the permission bits of path.
func mode(t *testing.T, path string) os.FileMode {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}

// TestBackupFilesAre0600 checks that the database, its -wal and -shm, a backup and a restored
// database are readable by their owner only, and the folder carepath creates for them by its
// owner only, whatever the umask lets other files be.
func TestBackupFilesAre0600(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "data")
	path := filepath.Join(dir, "carepath.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := insertAudit(db.Write, 1, 1); err != nil {
		t.Fatal(err)
	}
	if m := mode(t, dir); m != 0o700 {
		t.Errorf("folder %04o, want 0700", m)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if m := mode(t, p); m != 0o600 {
			t.Errorf("%s: %04o, want 0600", filepath.Base(p), m)
		}
	}
	backup := filepath.Join(t.TempDir(), "backups", "b.db")
	if err := db.Backup(ctx, backup, false); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if m := mode(t, backup); m != 0o600 {
		t.Errorf("backup %04o, want 0600", m)
	}
	if m := mode(t, filepath.Dir(backup)); m != 0o700 {
		t.Errorf("backup folder %04o, want 0700", m)
	}
	// A restore over a world-readable database leaves a private one.
	os.Chmod(path, 0o644)
	if _, err := sqlite.Restore(ctx, backup, path, true); err != nil {
		t.Fatal(err)
	}
	if m := mode(t, path); m != 0o600 {
		t.Errorf("restored %04o, want 0600", m)
	}
}

// TestWorldReadableDatabaseIsTightened opens a database others could read: Open makes it
// private and says so.
func TestWorldReadableDatabaseIsTightened(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "carepath.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	db, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if m := mode(t, path); m != 0o600 {
		t.Errorf("after open: %04o", m)
	}
	if len(db.Notices) != 1 || !strings.Contains(db.Notices[0], "0644") {
		t.Errorf("notices %q", db.Notices)
	}
}
