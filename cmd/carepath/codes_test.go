package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

func TestCodesImport(t *testing.T) {
	t.Parallel()
	env := storetest.SQLite(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "icd10cm_order_2026.txt")
	order := "00001 G47     0 Sleep disorders                                              Sleep disorders\n" +
		"00002 G4733   1 Obstructive sleep apnea (adult) (pediatric)                  Obstructive sleep apnea (adult) (pediatric)\n"
	if err := os.WriteFile(good, []byte(order), 0o600); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.txt")
	if err := os.WriteFile(bad, []byte(order+"00003 ???? nonsense\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		code := runCodes(args, strings.NewReader(""), &stdout, &stderr)
		return code, stdout.String(), stderr.String()
	}
	if code, _, errOut := run("import", bad, "--db", env.DSN); code != 2 || !strings.Contains(errOut, "line 3") {
		t.Errorf("bad file: exit %d, %q; want 2 naming line 3", code, errOut)
	}
	if code, _, _ := run("import"); code != 2 {
		t.Errorf("no file: exit %d, want 2", code)
	}
	code, out, errOut := run("import", good, "--db", env.DSN)
	if code != 0 || !strings.Contains(out, "Imported 2 codes") {
		t.Fatalf("import: exit %d, %q %q", code, out, errOut)
	}
	svc := store.NewDiagnosisService(env.Store)
	found, err := svc.SearchCodes(carepath.NewContext(t.Context(), carepath.Actor{ID: "t", Role: carepath.RoleSystem}), "G47.33", 5)
	if err != nil || len(found) != 1 || !found[0].Billable {
		t.Errorf("after import, search G47.33 = %v, %v", found, err)
	}
}
