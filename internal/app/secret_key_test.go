package app_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carepath/carepath/internal/app"
)

// TestSecretKeyGeneratedBesideDatabase opens a new database with no key given: a key file is
// made beside it, readable by its owner only, and said so; opening again reuses it.
func TestSecretKeyGeneratedBesideDatabase(t *testing.T) {
	t.Setenv(app.SecretKeyEnv, "")
	path := filepath.Join(t.TempDir(), "carepath.db")
	d, err := app.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	d.Close()
	fi, err := os.Stat(path + ".key")
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v %v", fi, err)
	}
	if len(d.Notices) != 1 || !strings.Contains(d.Notices[0], "generated a new secret key") {
		t.Errorf("notices %q", d.Notices)
	}
	first, _ := os.ReadFile(path + ".key")
	d, err = app.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	d.Close()
	again, _ := os.ReadFile(path + ".key")
	if string(first) != string(again) || len(d.Notices) != 0 {
		t.Errorf("the key changed or was announced again: %q", d.Notices)
	}
	t.Setenv(app.SecretKeyEnv, "too short")
	if _, err := app.Open(context.Background(), path); err == nil || !strings.Contains(err.Error(), app.SecretKeyEnv) {
		t.Errorf("a bad key: %v", err)
	}
}
