package api_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
)

func TestClientsAndAuditAPI(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	token := func(email string, role carepath.Role) (string, *carepath.Staff) {
		return apptest.Token(t, st, email, role)
	}
	desk, _ := token("desk@example.org", carepath.RoleFrontDesk)
	ana, anaStaff := token("ana@example.org", carepath.RoleClinician)
	bo, _ := token("bo@example.org", carepath.RoleClinician)
	admin, _ := token("admin@example.org", carepath.RoleAdmin)
	base := ts.URL + "/api/v1/clients"

	status, body := apptest.API(t, "POST", base, desk, `{"given_name":"Robin","family_name":"Lake","birth_date":"1990-04-02","primary_clinician_id":"`+anaStaff.ID+`"}`)
	if status != 201 {
		t.Fatalf("create: %d %s", status, body)
	}
	var c struct {
		ID      string `json:"id"`
		Version int    `json:"version"`
	}
	if err := json.Unmarshal([]byte(body), &c); err != nil || c.ID == "" || c.Version != 1 {
		t.Fatalf("created %s", body)
	}

	for _, tt := range []struct {
		name, method, path, token, body string
		status                          int
		want                            string // in the body
	}{
		{"no token", "GET", "/" + c.ID, "", "", 401, ""},
		{"bad birth date is named", "POST", "", desk, `{"given_name":"A","family_name":"B","birth_date":"1990-02-30"}`, 400, `"birth_date"`},
		{"unknown field is named", "POST", "", desk, `{"given_name":"A","family_name":"B","birth_date":"1990-02-03","shoe_size":9}`, 400, `"shoe_size"`},
		{"wrong type is named", "POST", "", desk, `{"given_name":7,"family_name":"B","birth_date":"1990-02-03"}`, 400, `"given_name"`},
		{"malformed JSON", "POST", "", desk, `{"given_name":`, 400, `"body"`},
		{"primary clinician reads", "GET", "/" + c.ID, ana, "", 200, `"Robin"`},
		{"another clinician gets 404", "GET", "/" + c.ID, bo, "", 404, ""},
		{"list shows the clinician's own clients", "GET", "?search=rob", ana, "", 200, `"total":1`},
		{"another clinician's list is empty", "GET", "?search=rob", bo, "", 200, `"total":0`},
		{"stale version is 409", "PATCH", "/" + c.ID, ana, `{"version":0,"phone":"555-010-9999"}`, 400, `"version"`},
		{"update with the version", "PATCH", "/" + c.ID, ana, `{"version":1,"phone":"555-010-9999"}`, 200, `"version":2`},
		{"the same version again conflicts", "PATCH", "/" + c.ID, ana, `{"version":1,"phone":"555-010-0000"}`, 409, ""},
		{"unknown client", "GET", "/01a20853-2b38-786d-b0b4-2c5349401af6", admin, "", 404, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			status, body := apptest.API(t, tt.method, base+tt.path, tt.token, tt.body)
			if status != tt.status || !strings.Contains(body, tt.want) {
				t.Errorf("%s %s = %d %s, want %d with %s", tt.method, tt.path, status, body, tt.status, tt.want)
			}
		})
	}
	// The stale update changed nothing.
	_, body = apptest.API(t, "GET", base+"/"+c.ID, admin, "")
	if !strings.Contains(body, "555-010-9999") {
		t.Errorf("after the 409: %s", body)
	}

	// The audit log: admins only; rows name actor, action and allowed, and no client data.
	if status, _ := apptest.API(t, "GET", ts.URL+"/api/v1/audit?client_id="+c.ID, ana, ""); status != 403 {
		t.Errorf("clinician read the audit log: %d", status)
	}
	status, body = apptest.API(t, "GET", ts.URL+"/api/v1/audit?client_id="+c.ID, admin, "")
	if status != 200 {
		t.Fatalf("audit: %d %s", status, body)
	}
	var rows []struct {
		ActorID string `json:"actor_id"`
		Action  string `json:"action"`
		Allowed bool   `json:"allowed"`
	}
	if err := json.Unmarshal([]byte(body), &rows); err != nil {
		t.Fatal(err)
	}
	var denied, updated bool
	for _, r := range rows {
		denied = denied || (r.Action == "client.read" && !r.Allowed)
		updated = updated || (r.Action == "client.update" && r.Allowed && r.ActorID == anaStaff.ID)
	}
	if !denied || !updated || strings.Contains(body, "Robin") || strings.Contains(body, "555-010") {
		t.Errorf("audit rows %s", body)
	}
	status, body = apptest.API(t, "GET", ts.URL+"/api/v1/audit?client_id="+c.ID+"&format=csv", admin, "")
	if status != 200 || !strings.HasPrefix(body, "id,at,actor_id,role,action") {
		t.Errorf("audit CSV: %d %.80s", status, body)
	}
	if status, body = apptest.API(t, "GET", ts.URL+"/api/v1/audit?from=yesterday", admin, ""); status != 400 || !strings.Contains(body, `"from"`) {
		t.Errorf("bad from: %d %s", status, body)
	}
}
