package api_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
)

// TestFrontDeskCannotAssignCareTeam: the front desk keeps a client's phone number but cannot
// name a clinician or case manager, itself least of all (403 naming the field); an admin or
// the client's primary clinician can, but only to an active clinician or case manager (400
// naming the field for an unknown id, a disabled account or the wrong role).
func TestFrontDeskCannotAssignCareTeam(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	admin, _ := apptest.Token(t, ts.Store, "admin@example.org", carepath.RoleAdmin)
	desk, deskStaff := apptest.Token(t, ts.Store, "desk@example.org", carepath.RoleFrontDesk)
	ana, anaStaff := apptest.Token(t, ts.Store, "ana@example.org", carepath.RoleClinician)
	ben := apptest.AddStaff(t, ts.Store, "ben@example.org", carepath.RoleClinician)
	cm := apptest.AddStaff(t, ts.Store, "cm@example.org", carepath.RoleCaseManager)
	gone := apptest.AddStaff(t, ts.Store, "gone@example.org", carepath.RoleClinician)
	off := true
	if _, err := ts.Services.Staff.UpdateStaff(apptest.System(), gone.ID, carepath.StaffUpdate{Disabled: &off}); err != nil {
		t.Fatal(err)
	}
	code, body := apptest.API(t, "POST", ts.URL+"/api/v1/clients", admin,
		`{"given_name":"Robin","family_name":"Lake","birth_date":"1990-04-02","primary_clinician_id":"`+anaStaff.ID+`"}`)
	id := apptest.CreatedID(t, code, body)
	version := 1
	patch := func(token, body string) (int, string) {
		code, out := apptest.API(t, "PATCH", ts.URL+"/api/v1/clients/"+id, token, fmt.Sprintf(`{"version":%d,%s}`, version, body))
		if code == 200 {
			version++
		}
		return code, out
	}
	for _, c := range []struct {
		name, token, body string
		want              int
		field             string
	}{
		{"front desk keeps the phone", desk, `"phone":"555-010-1234"`, 200, ""},
		{"front desk names itself", desk, `"primary_clinician_id":"` + deskStaff.ID + `"`, 403, "primary_clinician_id"},
		{"front desk names a clinician", desk, `"primary_clinician_id":"` + ben.ID + `"`, 403, "primary_clinician_id"},
		{"front desk names a case manager", desk, `"case_manager_id":"` + cm.ID + `"`, 403, "case_manager_id"},
		{"front desk sends the team unchanged", desk, `"primary_clinician_id":"` + anaStaff.ID + `","phone":"555-010-4321"`, 200, ""},
		{"admin names a missing id", admin, `"primary_clinician_id":"0190c0de-0000-7000-8000-000000000000"`, 400, "primary_clinician_id"},
		{"admin names a disabled clinician", admin, `"primary_clinician_id":"` + gone.ID + `"`, 400, "primary_clinician_id"},
		{"admin names a front desk as clinician", admin, `"primary_clinician_id":"` + deskStaff.ID + `"`, 400, "primary_clinician_id"},
		{"the primary clinician names a case manager", ana, `"case_manager_id":"` + cm.ID + `"`, 200, ""},
		{"the primary clinician hands over", ana, `"primary_clinician_id":"` + ben.ID + `"`, 200, ""},
		{"the former clinician no longer sees the client", ana, `"phone":"555-010-0000"`, 404, ""},
	} {
		code, out := patch(c.token, c.body)
		if code != c.want || (c.field != "" && !strings.Contains(out, `"`+c.field+`"`)) {
			t.Errorf("%s: %d %s, want %d naming %q", c.name, code, out, c.want, c.field)
		}
	}
	var denied int
	ts.DB.QueryRow(`SELECT count(*) FROM audit_log WHERE action = 'client.update' AND NOT allowed AND client_id = $1`, id).Scan(&denied)
	if denied < 3 {
		t.Errorf("%d denied client.update rows name the client", denied)
	}
}

// TestFrontDeskCanGiveAnyoneAChartAtCreation: a new client's care team follows the rules of a
// change of care team: the front desk (or an admin) names only an active clinician as primary
// clinician and an active case manager or clinician as case manager; itself, an unknown id, a
// disabled account or the wrong role is 400 naming the field, and no client is stored.
func TestFrontDeskCanGiveAnyoneAChartAtCreation(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	desk, deskStaff := apptest.Token(t, ts.Store, "desk@example.org", carepath.RoleFrontDesk)
	ana := apptest.AddStaff(t, ts.Store, "ana@example.org", carepath.RoleClinician)
	cm := apptest.AddStaff(t, ts.Store, "cm@example.org", carepath.RoleCaseManager)
	gone := apptest.AddStaff(t, ts.Store, "gone@example.org", carepath.RoleClinician)
	off := true
	if _, err := ts.Services.Staff.UpdateStaff(apptest.System(), gone.ID, carepath.StaffUpdate{Disabled: &off}); err != nil {
		t.Fatal(err)
	}
	create := func(team string) (int, string) {
		return apptest.API(t, "POST", ts.URL+"/api/v1/clients", desk, `{"given_name":"Robin","family_name":"Lake","birth_date":"1990-04-02"`+team+`}`)
	}
	for _, c := range []struct {
		name, team, field string
	}{
		{"the front desk names itself", `,"primary_clinician_id":"` + deskStaff.ID + `"`, "primary_clinician_id"},
		{"an id of nobody", `,"primary_clinician_id":"0190c0de-0000-7000-8000-000000000000"`, "primary_clinician_id"},
		{"a disabled clinician", `,"primary_clinician_id":"` + gone.ID + `"`, "primary_clinician_id"},
		{"a case manager as clinician", `,"primary_clinician_id":"` + cm.ID + `"`, "primary_clinician_id"},
		{"the front desk as case manager", `,"primary_clinician_id":"` + ana.ID + `","case_manager_id":"` + deskStaff.ID + `"`, "case_manager_id"},
	} {
		if code, out := create(c.team); code != 400 || !strings.Contains(out, `"`+c.field+`"`) {
			t.Errorf("%s: %d %s, want 400 naming %s", c.name, code, out, c.field)
		}
	}
	if n := apptest.CountRows(t, ts.DB, "clients", "1 = 1"); n != 0 {
		t.Errorf("%d clients stored after refusals", n)
	}
	code, out := create(`,"primary_clinician_id":"` + ana.ID + `","case_manager_id":"` + cm.ID + `"`)
	apptest.CreatedID(t, code, out)
}
