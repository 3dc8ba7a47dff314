package web_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
)

// TestIntakeByIDAudit opens the conversion form of one request among several and finds one
// audit row naming that request and none naming the others; GET /api/v1/intakes/{id}
// answers one request (401 without a token, 403 for a reviewer, 404 for an unknown id).
func TestIntakeByIDAudit(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	desk := apptest.AddStaff(t, st, "desk@example.org", carepath.RoleFrontDesk)
	deskWeb := apptest.SignIn(t, ts.URL, "desk@example.org")
	var ids []string
	for _, name := range []string{"Robin Lake", "Sam Hill", "Kit Moss"} {
		in := addTestIntake(t, st, &carepath.Intake{Name: name, Email: "x@example.org",
			Profile: json.RawMessage(`{"answers": {"phq9": [1,1,1,1,1,1,1,1,0]}}`), Level: carepath.LevelOutpatient})
		ids = append(ids, in.ID)
	}

	code, _, body := deskWeb("GET", "/staff/intakes/"+ids[1]+"/convert", nil)
	if code != 200 || !strings.Contains(body, `value="Sam"`) {
		t.Fatalf("conversion form: %d", code)
	}
	if n := apptest.CountRows(t, ts.DB, "audit_log", "actor_id = '"+desk.ID+"' AND action = 'intake.read' AND record_id = '"+ids[1]+"'"); n != 1 {
		t.Errorf("%d audit rows naming the request, want 1", n)
	}
	if n := apptest.CountRows(t, ts.DB, "audit_log", "actor_id = '"+desk.ID+"' AND action LIKE 'intake.%'"); n != 1 {
		t.Errorf("%d intake audit rows for one form, want 1", n)
	}
	for _, other := range []string{ids[0], ids[2]} {
		if n := apptest.CountRows(t, ts.DB, "audit_log", "action <> 'intake.create' AND record_id = '"+other+"'"); n != 0 {
			t.Errorf("another request was recorded as seen %d times", n)
		}
	}

	token, _ := apptest.Token(t, st, "cm@example.org", carepath.RoleCaseManager)
	rev, _ := apptest.Token(t, st, "rev@example.org", carepath.RoleReviewer)
	code, body = apptest.API(t, "GET", ts.URL+"/api/v1/intakes/"+ids[2], token, "")
	var got carepath.Intake
	if code != 200 || json.Unmarshal([]byte(body), &got) != nil || got.ID != ids[2] || got.Name != "Kit Moss" || got.Status != carepath.IntakeNew {
		t.Errorf("GET intake: %d %s", code, clip(body, 300))
	}
	for _, c := range []struct {
		token, id string
		want      int
	}{
		{"", ids[2], 401},
		{rev, ids[2], 403},
		{token, "0190a1b2-0000-7000-8000-000000000000", 404},
		{token, "not-an-id", 404},
	} {
		code, body := apptest.API(t, "GET", ts.URL+"/api/v1/intakes/"+c.id, c.token, "")
		if code != c.want || !strings.Contains(body, `"status"`) || strings.Contains(body, "Kit Moss") {
			t.Errorf("GET intake %s: %d, want %d", c.id, code, c.want)
		}
	}
}
