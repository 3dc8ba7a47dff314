package api_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
)

// TestAuditCSVNeutralizesFormulas writes audit rows whose actor and address start with
// characters a spreadsheet reads as a formula, and reads the API's CSV back with a CSV
// parser: every such cell starts with an apostrophe.
func TestAuditCSVNeutralizesFormulas(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	admin, _ := apptest.Token(t, ts.Store, "admin@example.org", carepath.RoleAdmin)
	for _, who := range []carepath.Actor{
		{ID: `=HYPERLINK("http://evil.example","x")`, Role: carepath.RoleSystem, Remote: "+1"},
		{ID: "@SUM(A1)", Role: carepath.RoleSystem, Remote: "-2"},
		{ID: "\tcmd", Role: carepath.RoleSystem, Remote: "\r3"},
	} {
		ctx := carepath.NewContext(context.Background(), who)
		if err := ts.Services.Intakes.CreateIntake(ctx, &carepath.Intake{Name: "Sam Doe", Email: "sam@example.org", Consent: true,
			Profile: json.RawMessage(`{}`)}); err != nil {
			t.Fatal(err)
		}
	}
	code, body := apptest.API(t, "GET", ts.URL+"/api/v1/audit?format=csv&limit=100", admin, "")
	if code != 200 {
		t.Fatalf("audit CSV: %d %s", code, body)
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, row := range rows[1:] {
		for _, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("a cell a spreadsheet would run: %q", cell)
			}
			if strings.HasPrefix(cell, "'=HYPERLINK") || cell == "'@SUM(A1)" || cell == "'+1" || cell == "'\tcmd" {
				seen++
			}
		}
	}
	if seen < 4 {
		t.Errorf("the neutralized cells were not found (%d):\n%s", seen, body)
	}
}
