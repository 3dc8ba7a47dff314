package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"filippo.io/age"
	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// TestEncryptedBackupRoundTrip backs a database up encrypted to an age recipient: the file is
// an age file (decrypted here by age itself, independently of carepath's restore), private
// (0600), holds no session token, TOTP secret or client name in the clear; restore without
// the identity is refused, with it the data comes back, and the restore appends its own
// audit row after the restored ones.
func TestEncryptedBackupRoundTrip(t *testing.T) {
	t.Setenv(app.SecretKeyEnv, "")
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "carepath.db")
	d, err := app.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	sys := carepath.NewContext(ctx, apptest.SystemActor)
	staff := store.NewStaffService(d.Store)
	if err := staff.CreateStaff(sys, &carepath.Staff{Email: "ana@example.org", Name: "Ana", Role: carepath.RoleAdmin}, apptest.Password); err != nil {
		t.Fatal(err)
	}
	secret, _, err := staff.EnableTOTP(sys, "ana@example.org")
	if err != nil {
		t.Fatal(err)
	}
	c := &carepath.Client{GivenName: "Zebediah", FamilyName: "Quartermaine", BirthDate: "1990-04-02"}
	if err := store.NewClientService(d.Store).CreateClient(sys, c); err != nil {
		t.Fatal(err)
	}
	sessions := store.NewSignInSessionStore(d.Store)
	if err := sessions.CommitCtx(ctx, "live-session-token-xyz", []byte("x"), timeIn(1)); err != nil {
		t.Fatal(err)
	}
	d.Close()

	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	idFile := filepath.Join(dir, "backup-key.txt")
	os.WriteFile(idFile, []byte("# backup key\n"+id.String()+"\n"), 0o600)
	out := filepath.Join(dir, "backups", "carepath.db.age")
	if code, stdout, stderr := runCLI("backup", "--db", path, "--out", out, "--encrypt-to", id.Recipient().String()); code != 0 {
		t.Fatalf("backup: %d %s %s", code, stdout, stderr)
	}
	fi, err := os.Stat(out)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("backup file: %v %v", fi, err)
	}
	raw, _ := os.ReadFile(out)
	if !strings.HasPrefix(string(raw), "age-encryption.org/v1\n") {
		t.Fatalf("not an age file: %.40q", raw)
	}
	// age itself decrypts it, to a SQLite database that holds only hashed or sealed secrets.
	f, _ := os.Open(out)
	r, err := age.Decrypt(f, id)
	if err != nil {
		t.Fatal(err)
	}
	plain := new(strings.Builder)
	if _, err := copyAll(plain, r); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if !strings.HasPrefix(plain.String(), "SQLite format 3\x00") {
		t.Fatal("the decrypted backup is not a SQLite database")
	}
	for _, leak := range []string{"live-session-token-xyz", secret, "Quartermaine"} {
		if strings.Contains(string(raw), leak) {
			t.Errorf("the encrypted backup holds %q in the clear", leak)
		}
	}
	for _, leak := range []string{"live-session-token-xyz", secret} {
		if strings.Contains(plain.String(), leak) {
			t.Errorf("the decrypted backup holds %q in the clear", leak)
		}
	}

	// Restore: refused without the identity, then done with it, with its own audit row last.
	dest := filepath.Join(dir, "restored.db")
	if code, _, stderr := runCLI("restore", "--from", out, "--db", dest); code != 2 || !strings.Contains(stderr, "--identity") {
		t.Errorf("restore without identity: %d %s", code, stderr)
	}
	if code, stdout, stderr := runCLI("restore", "--from", out, "--db", dest, "--identity", idFile, "--secret-key-file", path+".key"); code != 0 {
		t.Fatalf("restore: %d %s %s", code, stdout, stderr)
	}
	d, err = app.Open(ctx, dest, app.SecretKeyFile(path+".key"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	got, err := store.NewClientService(d.Store).FindClientByID(sys, c.ID)
	if err != nil || got.FamilyName != "Quartermaine" {
		t.Errorf("restored client: %v %v", got, err)
	}
	list, err := store.NewAccessLogService(d.Store).FindAccessLog(sys, carepath.AccessLogFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var restores int
	for _, e := range list {
		if e.Action == "audit.restore" {
			restores++
			if !strings.Contains(e.Detail, "carepath.db.age") {
				t.Errorf("restore row detail %q", e.Detail)
			}
		}
	}
	if restores != 1 {
		t.Errorf("%d audit.restore rows", restores)
	}
}

func timeIn(hours int) time.Time { return time.Now().Add(time.Duration(hours) * time.Hour) }

func copyAll(w io.Writer, r io.Reader) (int64, error) { return io.Copy(w, r) }
