package api_test

import (
	"encoding/csv"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
)

func TestChargesAPI(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	desk, _ := apptest.Token(t, ts.Store, "desk@example.org", carepath.RoleFrontDesk)
	_, anaStaff := apptest.Token(t, ts.Store, "ana@example.org", carepath.RoleClinician)
	client, _, _ := seedAttended(t, ts.Store, anaStaff.ID)
	api := ts.URL + "/api/v1/charges"

	status, body := apptest.API(t, "GET", api+"?from=2026-10-01&to=2026-10-31&client_id="+client, desk, "")
	if status != 200 || strings.Count(body, `"code":"H0015"`) != 3 || strings.Count(body, `"status":"held"`) != 3 ||
		!strings.Contains(body, `"rule":"note_signed"`) {
		t.Fatalf("charges = %d %s; want three H0015 days held for their unsigned notes", status, body)
	}
	for _, tt := range []struct{ query, field string }{{"?from=2026-10-31&to=2026-10-01", "to"}, {"?to=2026-10-01", "from"},
		{"?from=2026-10-01&to=2026-10-31&client_id=x", "client_id"}} {
		if status, body := apptest.API(t, "GET", api+tt.query, desk, ""); status != 400 || !strings.Contains(body, `"field":"`+tt.field+`"`) {
			t.Errorf("GET %s = %d %s, want 400 naming %s", tt.query, status, body, tt.field)
		}
	}
	status, body = apptest.API(t, "GET", api+"?from=2026-10-01&to=2026-10-31&format=csv", desk, "")
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if status != 200 || err != nil || len(rows) != 4 || rows[0][0] != "charge_id" || rows[1][6] != "H0015" || rows[1][11] != "300.00" || rows[1][12] != "held" {
		t.Errorf("CSV = %d %v %q", status, err, body)
	}
}
