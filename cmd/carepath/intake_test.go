package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/sqlite"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// runIntakeArgs runs runIntake and returns its exit status and output.
func runIntakeArgs(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := runIntake(args, strings.NewReader(""), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestIntakeList(t *testing.T) {
	storetest.Each(t, func(t *testing.T, env *storetest.Env) { testIntakeList(t, env) })
}

func testIntakeList(t *testing.T, env *storetest.Env) {
	svc := store.NewIntakeService(env.Store)
	ctx := carepath.NewContext(context.Background(), carepath.Actor{ID: "public", Role: carepath.RolePublic, Remote: "192.0.2.1"})
	older := &carepath.Intake{Name: "Lena\x1b[31m", Email: "lena@example.org", BestTimes: "evenings\tonly",
		Consent: true, Profile: json.RawMessage(`{}`), Level: carepath.LevelIOP}
	newer := &carepath.Intake{Name: "Marco", Phone: "555-010-9999", Consent: true, Profile: json.RawMessage(`{}`),
		Level: carepath.LevelPHP, Crisis: true}
	for _, in := range []*carepath.Intake{older, newer} {
		if err := svc.CreateIntake(ctx, in); err != nil {
			t.Fatal(err)
		}
	}

	code, out, errOut := runIntakeArgs("list", "--db", env.DSN)
	if code != 0 {
		t.Fatalf("intake list exited %d: %s", code, errOut)
	}
	for _, want := range []string{"CREATED", "CRISIS", "BEST TIMES", "!! 1 of 2 requests flagged CRISIS — same-day review",
		older.ID, newer.ID, "Lena [31m", "lena@example.org", "evenings only", "Marco", "555-010-9999", "iop", "php", "new"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	if strings.ContainsAny(out, "\x1b\t") {
		t.Errorf("table passes control characters through:\n%q", out)
	}
	if strings.Index(out, newer.ID) > strings.Index(out, older.ID) {
		t.Errorf("table is not newest first:\n%s", out)
	}
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "!!") && strings.Contains(line, newer.ID) != strings.Contains(line, "CRISIS — same-day review") {
			t.Errorf("only the crisis request's row should carry the flag: %q", line)
		}
	}

	code, out, errOut = runIntakeArgs("list", "--db", env.DSN, "--json")
	var list []carepath.Intake
	if code != 0 || json.Unmarshal([]byte(out), &list) != nil {
		t.Fatalf("intake list --json exited %d (%s) with %q", code, errOut, out)
	}
	if len(list) != 2 || list[0].ID != newer.ID || !list[0].Crisis || list[1].Email != older.Email {
		t.Errorf("intake list --json = %+v", list)
	}

	code, out, _ = runIntakeArgs("list", "--db", env.DSN, "--status", "contacted")
	if code != 0 || out != "No intake requests with status contacted.\n" {
		t.Errorf("intake list --status contacted = %d, %q", code, out)
	}

	var n int
	if err := env.Write.QueryRow(`SELECT count(*) FROM audit_log WHERE action = 'intake.list' AND role = 'system'
		AND actor_id LIKE 'cli:%' AND remote = 'cli' AND record_id <> ''`).Scan(&n); err != nil || n != 4 {
		t.Errorf("audit rows of the command line's lists: %d, %v; want 4", n, err)
	}
}

func TestIntakeListErrors(t *testing.T) {
	env := storetest.SQLite(t)
	missing := filepath.Join(t.TempDir(), "missing.db")
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no subcommand", nil, 2, "usage: carepath intake list"},
		{"unknown subcommand", []string{"show"}, 2, "usage: carepath intake list"},
		{"extra argument", []string{"list", "--db", env.DSN, "everything"}, 2, "usage:"},
		{"unknown flag", []string{"list", "--db", env.DSN, "--colour"}, 2, "flag provided but not defined"},
		{"unknown status", []string{"list", "--db", env.DSN, "--status", "lost"}, 2, "--status: Use one of new"},
		{"negative limit", []string{"list", "--db", env.DSN, "--limit", "-3"}, 2, "--limit:"},
		{"missing database", []string{"list", "--db", missing}, 1, "no database at"},
		{"other URL", []string{"list", "--db", "mysql://x@y/z"}, 1, "use a SQLite file path or a postgres:// URL"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runIntakeArgs(tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.stderr) || out != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want %d and %q", code, out, errOut, tc.code, tc.stderr)
			}
		})
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("intake list created the missing database")
	}
}

func TestDBFlagHidesPassword(t *testing.T) {
	t.Setenv("CAREPATH_DB", "postgres://carepath:s3cret@db.example.org/carepath")
	var stderr bytes.Buffer
	runMigrate([]string{"-h"}, strings.NewReader(""), &bytes.Buffer{}, &stderr)
	if strings.Contains(stderr.String(), "s3cret") || !strings.Contains(stderr.String(), "db.example.org") {
		t.Errorf("usage shows %q", stderr.String())
	}
}

func TestMigrate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "carepath.db")
	for range 2 {
		var stdout, stderr bytes.Buffer
		if code := runMigrate([]string{"--db", path}, strings.NewReader(""), &stdout, &stderr); code != 0 ||
			stdout.String() != "sqlite database at schema version "+strconv.FormatInt(sqlite.LatestMigration(), 10)+"\n" {
			t.Errorf("migrate = %d, %q, %q", code, stdout.String(), stderr.String())
		}
	}
}
