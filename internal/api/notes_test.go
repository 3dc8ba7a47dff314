package api_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
)

func TestNotesAPI(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	desk, _ := apptest.Token(t, st, "desk@example.org", carepath.RoleFrontDesk)
	ana, anaStaff := apptest.Token(t, st, "ana@example.org", carepath.RoleClinician)
	bo, boStaff := apptest.Token(t, st, "bo@example.org", carepath.RoleClinician)
	cm, cmStaff := apptest.Token(t, st, "cm@example.org", carepath.RoleCaseManager)
	api := ts.URL + "/api/v1"

	create := func(path, token, body string) string {
		t.Helper()
		status, answer := apptest.API(t, "POST", api+path, token, body)
		return apptest.CreatedID(t, status, answer)
	}
	client := func(given, clinician string) string {
		return create("/clients", desk, `{"given_name":"`+given+`","family_name":"Lake",
			"birth_date":"1990-04-02","primary_clinician_id":"`+clinician+`","case_manager_id":"`+cmStaff.ID+`"}`)
	}
	robin, sky := client("Robin", anaStaff.ID), client("Sky", boStaff.ID)
	due := time.Now().UTC().AddDate(0, 2, 0).Format(carepath.DateLayout)
	planID := create("/clients/"+robin+"/plans", ana, `{"problems":[{"statement":"GAD",
		"goals":[{"statement":"Calmer","objectives":[{"statement":"GAD-7 below 10","target_date":"`+due+`",
		"interventions":[{"kind":"cbt"}]}]}]}]}`)
	objective := carepath.ObjectiveID(planID, 1, 1, 1)
	dap := `"sections":{"data":"Practised grounding","assessment":"Less anxious","plan":"Weekly"}`
	individual := `{"kind":"individual","format":"dap","client_id":"` + robin + `",` + dap + `,"objective_ids":["` + objective + `"]}`
	noteID := create("/notes", ana, individual)
	occ := apptest.GroupSession(t, st, boStaff.ID, robin, sky)
	group := `{"kind":"group","format":"birp","session_id":"` + occ + `",
		"sections":{"behavior":"Six attended","intervention":"Skills","response":"Engaged","plan":"Continue"},
		"attendees":[{"client_id":"` + robin + `","individual":"Shared a trigger","objective_ids":["` + objective + `"]},
		{"client_id":"` + sky + `","individual":"Listened"}]}`

	for _, tt := range []struct {
		name, method, path, token, body string
		status                          int
		want                            string // in the body
	}{
		{"no token", "GET", "/notes/" + noteID, "", "", 401, ""},
		{"front desk may not read notes", "GET", "/notes/" + noteID, desk, "", 403, ""},
		{"front desk may not write notes", "POST", "/notes", desk, individual, 403, ""},
		{"another clinician gets 404", "GET", "/notes/" + noteID, bo, "", 404, ""},
		{"note for someone else's client names the field", "POST", "/notes", bo, individual, 404, `"client_id"`},
		{"group note with someone else's client names the attendee", "POST", "/notes", ana, group, 404, `"attendees[1].client_id"`},
		{"missing sections are named", "POST", "/notes", ana, `{"kind":"individual","format":"soap","client_id":"` + robin + `","sections":{}}`,
			400, `"sections.subjective"`},
		{"unknown kind", "POST", "/notes", ana, `{"kind":"phone","format":"dap","client_id":"` + robin + `",` + dap + `}`, 400, `"kind"`},
		{"objective of another plan", "POST", "/notes", ana, strings.Replace(individual, planID, "0190a0b2-0000-7000-8000-000000000000", 1),
			400, `"objective_ids[0]"`},
		{"group note without attendees", "POST", "/notes", cm, `{"kind":"group","format":"dap","session_id":"` + occ + `",` + dap + `}`,
			400, `"attendees"`},
		{"a session not on the schedule", "POST", "/notes", cm, strings.Replace(group, occ, occ[:len(occ)-2]+"27", 1), 400, `"session_id"`},
		{"stale revision is 409", "PUT", "/notes/" + noteID, ana, `{"revision":7,` + dap + `}`, 409, "reload"},
		{"only the author edits", "PUT", "/notes/" + noteID, cm, `{"revision":1,` + dap + `}`, 403, ""},
		{"no addendum on a draft", "POST", "/notes/" + noteID + "/addenda", ana, `{"text":"x"}`, 409, ""},
		{"bad status filter", "GET", "/clients/" + robin + "/notes?status=old", ana, "", 400, `"status"`},
		{"case managers have no co-sign queue", "GET", "/cosign-queue", cm, "", 403, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			status, body := apptest.API(t, tt.method, api+tt.path, tt.token, tt.body)
			if status != tt.status || !strings.Contains(body, tt.want) {
				t.Errorf("%s %s: %d %s, want %d with %s", tt.method, tt.path, status, body, tt.status, tt.want)
			}
		})
	}
	if n := apptest.CountRows(t, ts.DB, "notes", "1 = 1"); n != 1 {
		t.Errorf("%d notes after the refusals, want 1", n)
	}

	note := func(method, path, token, body string, want int) carepath.Note {
		t.Helper()
		status, body := apptest.API(t, method, api+path, token, body)
		var n carepath.Note
		if status != want || json.Unmarshal([]byte(body), &n) != nil {
			t.Fatalf("got %d %s, want %d", status, body, want)
		}
		return n
	}
	// Update, sign, then the signed note is locked: edits are 409, corrections are addenda.
	n := note("PUT", "/notes/"+noteID, ana, `{"revision":1,"sections":{"data":"Grounding","assessment":"Less anxious","plan":"Weekly"}}`, 200)
	if n.Revision != 2 || len(n.ObjectiveIDs) != 0 || n.Sections["data"] != "Grounding" {
		t.Errorf("updated %+v", n)
	}
	n = note("POST", "/notes/"+noteID+"/sign", ana, `{"revision":2}`, 200)
	if n.Status != carepath.NoteSigned || n.SignedBy != anaStaff.ID {
		t.Errorf("signed %+v", n)
	}
	if status, body := apptest.API(t, "PUT", api+"/notes/"+noteID, ana, `{"revision":3,`+dap+`}`); status != 409 || !strings.Contains(body, "addendum") {
		t.Errorf("edit of a signed note: %d %s", status, body)
	}
	n = note("POST", "/notes/"+noteID+"/addenda", ana, `{"text":"Client phoned after the session."}`, 201)
	if len(n.Addenda) != 1 || n.Addenda[0].Text != "Client phoned after the session." {
		t.Errorf("addendum %+v", n)
	}
	// A case manager's group note lands in each attendee's chart and waits for a co-signature.
	g := note("POST", "/notes", cm, group, 201)
	if !g.NeedsCosign || len(g.Attendees) != 2 {
		t.Fatalf("group note %+v", g)
	}
	var list struct{ Notes []carepath.Note }
	status, body := apptest.API(t, "GET", api+"/clients/"+sky+"/notes", bo, "")
	if status != 200 || json.Unmarshal([]byte(body), &list) != nil || len(list.Notes) != 1 ||
		len(list.Notes[0].Attendees) != 1 || list.Notes[0].Attendees[0].Individual != "Listened" || strings.Contains(body, "Shared a trigger") {
		t.Errorf("Sky's chart: %d %s", status, body)
	}
	status, body = apptest.API(t, "GET", api+"/clients/"+robin+"/notes?status=signed", ana, "")
	if status != 200 || json.Unmarshal([]byte(body), &list) != nil || len(list.Notes) != 1 || list.Notes[0].ID != noteID {
		t.Errorf("Robin's signed notes: %d %s", status, body)
	}
	if status, _ := apptest.API(t, "POST", api+"/notes/"+g.ID+"/cosign", ana, ""); status != 409 {
		t.Errorf("co-sign before signing: %d", status)
	}
	note("POST", "/notes/"+g.ID+"/sign", cm, `{"revision":1}`, 200)
	status, body = apptest.API(t, "GET", api+"/cosign-queue", bo, "")
	if status != 200 || json.Unmarshal([]byte(body), &list) != nil || len(list.Notes) != 1 || list.Notes[0].ID != g.ID {
		t.Errorf("Bo's queue: %d %s", status, body)
	}
	g = note("POST", "/notes/"+g.ID+"/cosign", bo, "", 200)
	if g.CosignedBy != boStaff.ID || g.CosignedAt == nil {
		t.Errorf("co-signed %+v", g)
	}
	status, body = apptest.API(t, "GET", api+"/cosign-queue", ana, "")
	if status != 200 || !strings.Contains(body, `"notes":[]`) {
		t.Errorf("Ana's queue after co-sign: %d %s", status, body)
	}
	// An addendum sets a medication note's E/M code, on a medication note only.
	if status, body := apptest.API(t, "POST", api+"/notes/"+noteID+"/addenda", ana, `{"text":"Level","em_code":"99213"}`); status != 400 || !strings.Contains(body, `"em_code"`) {
		t.Errorf("an E/M code in an individual note's addendum: %d %s", status, body)
	}
	med := note("POST", "/notes", ana, `{"kind":"medication","format":"dap","client_id":"`+robin+`",`+dap+`}`, 201)
	med = note("POST", "/notes/"+med.ID+"/sign", ana, `{"revision":1}`, 200)
	if status, body := apptest.API(t, "POST", api+"/notes/"+med.ID+"/addenda", ana, `{"text":"Level","em_code":"99211"}`); status != 400 || !strings.Contains(body, `"em_code"`) {
		t.Errorf("99211 in an addendum: %d %s", status, body)
	}
	med = note("POST", "/notes/"+med.ID+"/addenda", ana, `{"text":"E/M level chosen after signing.","em_code":"99214"}`, 201)
	if med.EMCode != "" || len(med.Addenda) != 1 || med.Addenda[0].EMCode != "99214" || med.BilledEMCode() != "99214" {
		t.Errorf("medication addendum %+v", med)
	}
}
