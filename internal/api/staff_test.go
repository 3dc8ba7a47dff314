package api_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
)

// The staff directory: everyone but a reviewer lists it; an admin reads and changes one
// account, its hire date and time zone among them; a bad hire date or zone is named, nothing
// changes, and other roles get 403.
func TestStaffAPI(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	admin, _ := apptest.Token(t, ts.Store, "admin@example.org", carepath.RoleAdmin)
	desk, _ := apptest.Token(t, ts.Store, "desk@example.org", carepath.RoleFrontDesk)
	rev, _ := apptest.Token(t, ts.Store, "rev@example.org", carepath.RoleReviewer)
	ann := apptest.AddStaff(t, ts.Store, "ann@example.org", carepath.RoleClinician)

	status, body := apptest.API(t, "GET", ts.URL+"/api/v1/staff", desk, "")
	var list struct{ Staff []carepath.Staff }
	if err := json.Unmarshal([]byte(body), &list); status != 200 || err != nil || len(list.Staff) != 4 {
		t.Fatalf("directory: %d %s", status, body)
	}
	if status, _ := apptest.API(t, "GET", ts.URL+"/api/v1/staff", rev, ""); status != 403 {
		t.Errorf("reviewer lists the staff: %d", status)
	}
	if status, _ := apptest.API(t, "GET", ts.URL+"/api/v1/staff/"+ann.ID, desk, ""); status != 403 {
		t.Errorf("front desk reads an account: %d", status)
	}
	for _, c := range []struct {
		body, field string
	}{
		{`{"hire_date":"2026-13-01"}`, "hire_date"},
		{`{"hire_date":"2999-01-01"}`, "hire_date"},
		{`{"time_zone":"Mars/Olympus"}`, "time_zone"},
		{`{"hire_date":"yesterday","time_zone":"Nowhere"}`, "hire_date time_zone"},
	} {
		status, body := apptest.API(t, "PATCH", ts.URL+"/api/v1/staff/"+ann.ID, admin, c.body)
		if status != 400 || !strings.Contains(body, `"field":"`+strings.Fields(c.field)[0]+`"`) ||
			(strings.Contains(c.field, " ") && !strings.Contains(body, `"field":"time_zone"`)) {
			t.Errorf("%s: %d %s", c.body, status, body)
		}
	}
	status, body = apptest.API(t, "PATCH", ts.URL+"/api/v1/staff/"+ann.ID, admin, `{"hire_date":"2024-03-18","time_zone":"America/Chicago"}`)
	var got carepath.Staff
	if err := json.Unmarshal([]byte(body), &got); status != 200 || err != nil || got.HireDate != "2024-03-18" || got.TimeZone != "America/Chicago" ||
		got.Name != ann.Name || got.Role != carepath.RoleClinician {
		t.Fatalf("patch: %d %s", status, body)
	}
	status, body = apptest.API(t, "GET", ts.URL+"/api/v1/staff/"+ann.ID, admin, "")
	if status != 200 || !strings.Contains(body, `"hire_date":"2024-03-18"`) {
		t.Errorf("read back: %d %s", status, body)
	}
	if status, _ := apptest.API(t, "PATCH", ts.URL+"/api/v1/staff/"+ann.ID, desk, `{"hire_date":"2024-03-18"}`); status != 403 {
		t.Errorf("front desk changes an account: %d", status)
	}
	if n := apptest.CountRows(t, ts.DB, "audit_log", "action = 'staff.update' AND detail LIKE '%hire_date%'"); n < 1 {
		t.Errorf("the hire date change is not in the access log")
	}
}

// TestStaffSupervisorFlag: an admin marks a clinician a supervisor through PATCH
// /api/v1/staff/{id}; a front desk cannot be one (400 naming supervisor); the flag is read back.
func TestStaffSupervisorFlag(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	admin, _ := apptest.Token(t, ts.Store, "admin@example.org", carepath.RoleAdmin)
	ana := apptest.AddStaff(t, ts.Store, "ana@example.org", carepath.RoleClinician)
	desk := apptest.AddStaff(t, ts.Store, "desk@example.org", carepath.RoleFrontDesk)
	if code, body := apptest.API(t, "PATCH", ts.URL+"/api/v1/staff/"+desk.ID, admin, `{"supervisor":true}`); code != 400 || !strings.Contains(body, `"supervisor"`) {
		t.Errorf("front desk as supervisor: %d %s", code, body)
	}
	if code, body := apptest.API(t, "PATCH", ts.URL+"/api/v1/staff/"+ana.ID, admin, `{"supervisor":true}`); code != 200 || !strings.Contains(body, `"supervisor":true`) {
		t.Errorf("clinician as supervisor: %d %s", code, body)
	}
	if code, body := apptest.API(t, "GET", ts.URL+"/api/v1/staff/"+ana.ID, admin, ""); code != 200 || !strings.Contains(body, `"supervisor":true`) {
		t.Errorf("read back: %d %s", code, body)
	}
}
