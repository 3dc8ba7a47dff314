package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// TestAuditVerifyCommand runs "carepath audit verify" on an intact log, then on one with a
// changed row and on one with a row deleted from the middle (the triggers dropped first, as
// the database's owner could), and expects each break named by its row id, exit status 1.
func TestAuditVerifyCommand(t *testing.T) {
	t.Parallel()
	for _, tamper := range []string{"change", "delete"} {
		t.Run(tamper, func(t *testing.T) {
			t.Parallel()
			storetest.Each(t, func(t *testing.T, env *storetest.Env) { testAuditVerify(t, env, tamper) })
		})
	}
}

func testAuditVerify(t *testing.T, env *storetest.Env, tamper string) {
	svc := store.NewIntakeService(env.Store)
	ctx := carepath.NewContext(context.Background(), carepath.Actor{ID: "public", Role: carepath.RolePublic, Remote: "192.0.2.1"})
	for i := range 6 {
		in := &carepath.Intake{Name: fmt.Sprint("Person ", i), Email: fmt.Sprintf("p%d@example.org", i),
			Consent: true, Profile: json.RawMessage(`{}`), Level: carepath.LevelIOP}
		if err := svc.CreateIntake(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	var total int
	if err := env.Write.QueryRow(`SELECT count(*) FROM audit_log`).Scan(&total); err != nil || total < 6 {
		t.Fatalf("%d audit rows, %v; want at least the 6 intakes'", total, err)
	}
	code, out, errOut := runCLI("audit", "verify", "--db", env.DSN)
	var checked int
	fmt.Sscanf(out, "ok: %d rows", &checked)
	if code != 0 || checked < total || !strings.Contains(out, "head: row ") {
		t.Fatalf("intact log: exit %d, %q %q; want 0, \"ok: N rows\" for at least %d rows, and the head", code, out, errOut, total)
	}

	var ids []int64
	rows, err := env.Write.Query(`SELECT id FROM audit_log ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		ids = append(ids, id)
	}
	rows.Close()
	drop := []string{"DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete"}
	if env.Engine == "postgres" {
		drop = []string{"DROP TRIGGER audit_log_no_change ON audit_log"}
	}
	for _, q := range drop {
		if _, err := env.Write.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	var named int64
	var problem string
	switch tamper {
	case "change":
		_, err = env.Write.Exec(`UPDATE audit_log SET remote = '198.51.100.1' WHERE id = $1`, ids[2])
		named, problem = ids[2], "changed after it was written"
	case "delete":
		_, err = env.Write.Exec(`DELETE FROM audit_log WHERE id = $1`, ids[3])
		named, problem = ids[4], "deleted"
	}
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut = runCLI("audit", "verify", "--db", env.DSN)
	want := fmt.Sprintf("broken: row %d (at ", named)
	if code != 1 || !strings.Contains(out, want) || !strings.Contains(out, problem) {
		t.Errorf("after %s: exit %d, %q %q; want 1, %q and %q", tamper, code, out, errOut, want, problem)
	}
}

func TestAuditCommandUsage(t *testing.T) {
	if code, _, errOut := runCLI("audit"); code != 2 || !strings.Contains(errOut, "audit verify") {
		t.Errorf("audit with no subcommand: exit %d, %q; want 2 and the usage", code, errOut)
	}
	if code, _, errOut := runCLI("audit", "verify", "--db", t.TempDir()+"/none.db"); code != 1 || !strings.Contains(errOut, "no database") {
		t.Errorf("audit verify of a missing file: exit %d, %q; want 1, no database", code, errOut)
	}
}
