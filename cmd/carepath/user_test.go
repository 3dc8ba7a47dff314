package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

func TestUserAndTokenCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cli.db")
	run := func(stdin string, args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		code := run(args, strings.NewReader(stdin), &stdout, &stderr)
		return code, stdout.String(), stderr.String()
	}
	code, out, errOut := run(apptest.Password+"\n", "user", "add", "--db", db, "--email", "Ana@Example.org", "--name", "Ana Diaz", "--role", "clinician", "--password-stdin")
	id := strings.TrimSpace(out)
	if code != 0 || len(id) != 36 {
		t.Fatalf("user add: %d %q %q", code, out, errOut)
	}
	if code, _, errOut := run("short\n", "user", "add", "--db", db, "--email", "b@example.org", "--name", "B", "--role", "boss", "--password-stdin"); code != 2 ||
		!strings.Contains(errOut, "--role") || !strings.Contains(errOut, "--password") {
		t.Errorf("bad user add: %d %q", code, errOut)
	}
	if code, out, _ := run("", "user", "list", "--db", db); code != 0 || !strings.Contains(out, id) || !strings.Contains(out, "ana@example.org") {
		t.Errorf("user list: %d %q", code, out)
	}
	code, tok, errOut := run("", "token", "add", "--db", db, "--email", "ana@example.org")
	tok = strings.TrimSpace(tok)
	if code != 0 || !strings.HasPrefix(tok, "cp_") {
		t.Fatalf("token add: %d %q %q", code, tok, errOut)
	}
	d, err := app.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	st := d.Store
	pub := carepath.NewContext(context.Background(), carepath.Actor{ID: "public", Role: carepath.RolePublic})
	if s, err := store.NewStaffService(st).AuthenticateToken(pub, tok); err != nil || s.ID != id {
		t.Errorf("token from the CLI: %v, %v", s, err)
	}
	if code, _, errOut := run("", "token", "revoke", "--db", db, "--token", tok); code != 0 {
		t.Fatalf("token revoke: %d %q", code, errOut)
	}
	if _, err := store.NewStaffService(st).AuthenticateToken(pub, tok); err == nil {
		t.Error("revoked token still works")
	}
	if code, out, _ := run("", "user", "totp", "--db", db, "--email", "ana@example.org"); code != 0 || !strings.Contains(out, "otpauth://totp/") {
		t.Errorf("user totp: %d %q", code, out)
	}
}
