package api_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// Marking an intake request: contacted with a note, closed only with why, and a request
// flagged for same-day review never closed before someone marked it contacted; who and when
// are kept, the change is audited, and a converted request stays converted.
func TestIntakeStatusAPI(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	desk, deskStaff := apptest.Token(t, ts.Store, "desk@example.org", carepath.RoleFrontDesk)
	rev, _ := apptest.Token(t, ts.Store, "rev@example.org", carepath.RoleReviewer)
	intakes := store.NewIntakeService(ts.Store)
	mk := func(crisis bool) string {
		in := &carepath.Intake{Name: "Sam", Email: "sam@example.org", Consent: true, Profile: []byte(`{"answers":{}}`), Crisis: crisis}
		if err := intakes.CreateIntake(apptest.System(), in); err != nil {
			t.Fatal(err)
		}
		return in.ID
	}
	plain, crisis := mk(false), mk(true)
	post := func(id, token, body string) (int, string) {
		return apptest.API(t, "POST", ts.URL+"/api/v1/intakes/"+id+"/status", token, body)
	}
	for _, c := range []struct {
		id, body string
		status   int
		field    string
	}{
		{plain, `{"status":"closed"}`, 400, "note"},
		{plain, `{"status":"converted"}`, 400, "status"},
		{plain, `{"status":"maybe"}`, 400, "status"},
		{crisis, `{"status":"closed","note":"Duplicate request"}`, 400, "status"},
		{"nope", `{"status":"contacted"}`, 404, ""},
	} {
		status, body := post(c.id, desk, c.body)
		if status != c.status || (c.field != "" && !strings.Contains(body, `"field":"`+c.field+`"`)) {
			t.Errorf("%s: %d %s", c.body, status, body)
		}
	}
	if status, _ := post(plain, rev, `{"status":"contacted"}`); status != 403 {
		t.Errorf("reviewer marks a request: %d", status)
	}
	status, body := post(crisis, desk, `{"status":"contacted","note":"Called; safety plan reviewed, 988 given."}`)
	var in carepath.Intake
	if err := json.Unmarshal([]byte(body), &in); status != 200 || err != nil || in.Status != carepath.IntakeContacted ||
		in.StatusChangedBy != deskStaff.ID || len(in.StatusChanges) != 1 || in.StatusChanges[0].Note == "" {
		t.Fatalf("contacted: %d %s", status, body)
	}
	if status, body := post(crisis, desk, `{"status":"closed","note":"Chose a provider closer to home."}`); status != 200 ||
		!strings.Contains(body, `"status":"closed"`) {
		t.Errorf("close after contact: %d %s", status, body)
	}
	status, body = apptest.API(t, "GET", ts.URL+"/api/v1/intakes?status=closed", desk, "")
	if status != 200 || !strings.Contains(body, `"status_changed_by":"`+deskStaff.ID+`"`) {
		t.Errorf("the queue does not say who closed it: %d %s", status, body)
	}
	if n := apptest.CountRows(t, ts.DB, "audit_log", "action = 'intake.update' AND record_id = '"+crisis+"'"); n != 3 {
		t.Errorf("%d intake.update rows of the flagged request, want 3 (refused close, contacted, closed)", n)
	}
	if _, err := ts.DB.Exec(`UPDATE intake_requests SET status = 'converted' WHERE id = $1`, plain); err != nil {
		t.Fatal(err)
	}
	if status, body := post(plain, desk, `{"status":"contacted"}`); status != 409 {
		t.Errorf("converted request: %d %s", status, body)
	}
}
