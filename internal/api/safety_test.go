package api_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
)

// safetyAPI is a program with Omar and Bea working in it, Zed outside it, a front desk, and a
// client of Ana's admitted to it; every exchange is checked against the OpenAPI document.
type safetyAPI struct {
	base, admin, ana, omar, zed, desk string
	program, client                   string
	omarID, beaID, zedID              string
}

func newSafetyAPI(t *testing.T) safetyAPI {
	t.Helper()
	ts := apptest.Start(t)
	st := ts.Store
	w := safetyAPI{base: ts.URL}
	var ana, omar, bea, zed *carepath.Staff
	w.admin, _ = apptest.Token(t, st, "admin@example.org", carepath.RoleAdmin)
	w.ana, ana = apptest.Token(t, st, "ana@example.org", carepath.RoleClinician)
	w.omar, omar = apptest.Token(t, st, "omar@example.org", carepath.RoleClinician)
	w.zed, zed = apptest.Token(t, st, "zed@example.org", carepath.RoleClinician)
	w.desk, _ = apptest.Token(t, st, "desk@example.org", carepath.RoleFrontDesk)
	bea = apptest.AddStaff(t, st, "bea@example.org", carepath.RoleCaseManager)
	w.omarID, w.beaID, w.zedID = omar.ID, bea.ID, zed.ID
	w.client = apptest.MeasureClient(t, ts.URL, w.admin, ana.ID)
	code, body := apptest.API(t, "GET", ts.URL+"/api/v1/clients/"+w.client+"/episodes", w.admin, "")
	var eps struct {
		Episodes []struct {
			ProgramID string `json:"program_id"`
		} `json:"episodes"`
	}
	if code != 200 || json.Unmarshal([]byte(body), &eps) != nil || len(eps.Episodes) != 1 {
		t.Fatalf("episodes: %d %s", code, body)
	}
	w.program = eps.Episodes[0].ProgramID
	if code, body := apptest.API(t, "PUT", ts.URL+"/api/v1/programs/"+w.program+"/staff", w.admin, fmt.Sprintf(
		`{"version":1,"staff":[{"staff_id":%q,"role":"clinician"},{"staff_id":%q,"role":"clinician"},{"staff_id":%q,"role":"case_manager"}]}`,
		ana.ID, omar.ID, bea.ID)); code != 200 {
		t.Fatalf("program staff: %d %s", code, body)
	}
	return w
}

// TestOnCallAPI sets a program's rota through PUT /api/v1/programs/{id}/on-call: staff who
// may not see the program's clients are refused naming the field, only admins set it, a
// stale version conflicts, dated shifts round-trip, and office hours are set and read.
func TestOnCallAPI(t *testing.T) {
	t.Parallel()
	w := newSafetyAPI(t)
	oncall := w.base + "/api/v1/programs/" + w.program + "/on-call"
	if code, _ := apptest.API(t, "GET", oncall, w.ana, ""); code != 404 {
		t.Errorf("no rota: %d", code)
	}
	if code, body := apptest.API(t, "PUT", oncall, w.admin, fmt.Sprintf(`{"primary_id":%q,"backup_id":%q,"version":0}`, w.zedID, w.beaID)); code != 400 ||
		fmt.Sprint(problemFields(t, body)) != "[primary_id]" {
		t.Errorf("someone outside the program: %d %s", code, body)
	}
	if code, _ := apptest.API(t, "PUT", oncall, w.omar, fmt.Sprintf(`{"primary_id":%q,"version":0}`, w.omarID)); code != 403 {
		t.Errorf("a clinician sets the rota: %d", code)
	}
	body := fmt.Sprintf(`{"primary_id":%q,"backup_id":%q,"intake_alerts":true,"version":0,
		"shifts":[{"from":"2026-12-24T17:00:00-06:00","to":"2026-12-26T08:00:00-06:00","primary_id":%q,"backup_id":%q}]}`, w.omarID, w.beaID, w.beaID, w.omarID)
	code, out := apptest.API(t, "PUT", oncall, w.admin, body)
	if code != 200 || !strings.Contains(out, `"version":1`) || !strings.Contains(out, `"from":"2026-12-24T23:00:00Z"`) {
		t.Fatalf("set: %d %s", code, out)
	}
	if code, _ := apptest.API(t, "PUT", oncall, w.admin, body); code != 409 {
		t.Errorf("stale version: %d", code)
	}
	if code, out := apptest.API(t, "GET", oncall, w.desk, ""); code != 200 || !strings.Contains(out, w.omarID) {
		t.Errorf("the front desk reads who is on call: %d %s", code, out)
	}
	hours := w.base + "/api/v1/programs/" + w.program + "/office-hours"
	if code, body := apptest.API(t, "PUT", hours, w.admin, `{"days":[{"day":"funday","opens":"09:00","closes":"17:00"}]}`); code != 400 ||
		fmt.Sprint(problemFields(t, body)) != "[days[0].day]" {
		t.Errorf("bad day: %d %s", code, body)
	}
	if code, out := apptest.API(t, "PUT", hours, w.admin, `{"days":[{"day":"wed","opens":"09:00","closes":"17:00"},{"day":"mon","opens":"08:30","closes":"16:30"}]}`); code != 200 ||
		!strings.Contains(out, `"days":[{"day":"mon"`) {
		t.Errorf("hours: %d %s", code, out)
	}
	if code, out := apptest.API(t, "GET", hours, w.ana, ""); code != 200 || !strings.Contains(out, `"time_zone":"UTC"`) {
		t.Errorf("read hours: %d %s", code, out)
	}
}

// TestSafetyAlertAPI raises a PHQ-9 item 9 alert with someone on call: the person paged
// (not on the care team) reads it with how to reach the client, someone neither paged nor
// on the care team gets 404, and an acknowledgement stops the escalation.
func TestSafetyAlertAPI(t *testing.T) {
	t.Parallel()
	w := newSafetyAPI(t)
	if code, body := apptest.API(t, "PUT", w.base+"/api/v1/programs/"+w.program+"/on-call", w.admin,
		fmt.Sprintf(`{"primary_id":%q,"backup_id":%q,"version":0}`, w.omarID, w.beaID)); code != 200 {
		t.Fatalf("on call: %d %s", code, body)
	}
	code, body := apptest.API(t, "POST", w.base+"/api/v1/clients/"+w.client+"/measures", w.ana, `{"instrument":"phq9","answers":[2,2,2,2,2,2,2,2,3]}`)
	var created struct {
		Alerts []struct {
			ID   string `json:"id"`
			Kind string `json:"kind"`
		} `json:"alerts"`
	}
	if code != 201 || json.Unmarshal([]byte(body), &created) != nil || len(created.Alerts) == 0 || created.Alerts[0].Kind != "safety_item9" {
		t.Fatalf("measure: %d %s", code, body)
	}
	alert := w.base + "/api/v1/safety-alerts/" + created.Alerts[0].ID
	code, out := apptest.API(t, "GET", alert, w.omar, "")
	if code != 200 || !strings.Contains(out, `"name":"Ada Quill"`) || !strings.Contains(out, `"tier":"backup"`) || !strings.Contains(out, `"state":"pending"`) {
		t.Fatalf("the person paged: %d %s", code, out)
	}
	if code, _ := apptest.API(t, "GET", alert, w.zed, ""); code != 404 {
		t.Errorf("neither paged nor on the care team: %d", code)
	}
	if code, body := apptest.API(t, "POST", alert+"/acknowledge", w.omar, `{"note":""}`); code != 400 || fmt.Sprint(problemFields(t, body)) != "[note]" {
		t.Errorf("empty note: %d %s", code, body)
	}
	code, out = apptest.API(t, "POST", alert+"/acknowledge", w.omar, `{"note":"Called Ada; safe with her sister tonight."}`)
	if code != 200 || !strings.Contains(out, `"cancel_reason":"acknowledged"`) || !strings.Contains(out, `"acknowledged_by"`) {
		t.Errorf("acknowledge: %d %s", code, out)
	}
	if code, _ := apptest.API(t, "POST", alert+"/acknowledge", w.ana, `{"note":"again"}`); code != 409 {
		t.Errorf("twice: %d", code)
	}
}

// TestSafetyPlanAPI writes a plan through the API: an incomplete one names each field, a
// saved one is version 1, the next version 2 with version 1 still readable, a stale base
// conflicts, the front desk may not read it, and a link is made (its address shown once).
func TestSafetyPlanAPI(t *testing.T) {
	t.Parallel()
	w := newSafetyAPI(t)
	plan := w.base + "/api/v1/clients/" + w.client + "/safety-plan"
	if code, _ := apptest.API(t, "GET", plan, w.ana, ""); code != 404 {
		t.Errorf("no plan yet: %d", code)
	}
	if code, body := apptest.API(t, "POST", plan, w.ana, `{"base_version":0,"written_with_client":false,"help_contacts":[{"name":"Rosa","phone":"12"}]}`); code != 400 ||
		fmt.Sprint(problemFields(t, body)) != "[help_contacts[0].phone warning_signs coping_strategies safe_environment written_with_client]" {
		t.Errorf("incomplete: %d %s", code, body)
	}
	good := `{"base_version":%d,"written_with_client":true,"warning_signs":["Not sleeping"],"coping_strategies":["Walk"],
		"help_contacts":[{"name":"Rosa","phone":"555-010-7777"}],"safe_environment":["Rosa keeps the medicines"]}`
	code, out := apptest.API(t, "POST", plan, w.ana, fmt.Sprintf(good, 0))
	if code != 201 || !strings.Contains(out, `"version":1`) {
		t.Fatalf("save: %d %s", code, out)
	}
	if code, _ := apptest.API(t, "POST", plan, w.ana, fmt.Sprintf(good, 1)); code != 201 {
		t.Fatalf("second version: %d", code)
	}
	if code, _ := apptest.API(t, "POST", plan, w.ana, fmt.Sprintf(good, 1)); code != 409 {
		t.Errorf("stale base: %d", code)
	}
	if code, out := apptest.API(t, "GET", plan+"/versions", w.ana, ""); code != 200 || !strings.Contains(out, `"versions":[{"version":2`) {
		t.Errorf("versions: %d %s", code, out)
	}
	if code, out := apptest.API(t, "GET", plan+"/versions/1", w.ana, ""); code != 200 || !strings.Contains(out, `"version":1`) {
		t.Errorf("version 1: %d %s", code, out)
	}
	if code, _ := apptest.API(t, "GET", plan+"/versions/9", w.ana, ""); code != 404 {
		t.Errorf("no version 9: %d", code)
	}
	if code, _ := apptest.API(t, "GET", plan, w.desk, ""); code != 403 {
		t.Errorf("front desk: %d", code)
	}
	if code, _ := apptest.API(t, "GET", plan, w.zed, ""); code != 404 {
		t.Errorf("not on the care team: %d", code)
	}
	code, out = apptest.API(t, "POST", plan+"/links", w.ana, `{"send_to":"none"}`)
	if code != 201 || !strings.Contains(out, `/p/`) || strings.Contains(out, "Ada") || !strings.Contains(out, `"emailed":false`) {
		t.Errorf("link: %d %s", code, out)
	}
}

// TestGroupCapacityAPI fills a process group to its default cap of 9: the tenth member gets
// 409 naming capacity, a clinician's override is refused, and an admin's with a reason
// passes.
func TestGroupCapacityAPI(t *testing.T) {
	t.Parallel()
	w := newSafetyAPI(t)
	code, body := apptest.API(t, "POST", w.base+"/api/v1/groups", w.admin, fmt.Sprintf(`{"program_id":%q,"name":"Process","type":"process",
		"facilitator_ids":[%q],"days":["tue"],"start_time":"10:00","minutes":90,"start_date":"2026-03-03"}`, w.program, w.omarID))
	group := apptest.CreatedID(t, code, body)
	members := w.base + "/api/v1/groups/" + group + "/members"
	for i := range 10 {
		code, body := apptest.API(t, "POST", w.base+"/api/v1/clients", w.admin, fmt.Sprintf(`{"given_name":"M%d","family_name":"Member","birth_date":"1990-01-02"}`, i))
		c := apptest.CreatedID(t, code, body)
		code, body = apptest.API(t, "POST", members, w.admin, fmt.Sprintf(`{"client_id":%q,"from":"2026-03-03"}`, c))
		switch {
		case i < 9 && code != 200:
			t.Fatalf("member %d: %d %s", i, code, body)
		case i == 9:
			if code != 409 || fmt.Sprint(problemFields(t, body)) != "[capacity]" {
				t.Errorf("the tenth: %d %s", code, body)
			}
			if code, _ := apptest.API(t, "POST", members, w.omar, fmt.Sprintf(`{"client_id":%q,"from":"2026-03-03","capacity_override_reason":"please"}`, c)); code != 403 {
				t.Errorf("a clinician overrides: %d", code)
			}
			if code, body := apptest.API(t, "POST", members, w.admin, fmt.Sprintf(`{"client_id":%q,"from":"2026-03-03","capacity_override_reason":"Covering the day group for a week"}`, c)); code != 200 {
				t.Errorf("an admin overrides: %d %s", code, body)
			}
		}
	}
}

// TestAssessmentFloorAPI takes an assessment through the API with thoughts of self-harm: the
// answer carries the floor beside the recommendation, and a final level below it without a
// note is refused naming variance.note.
func TestAssessmentFloorAPI(t *testing.T) {
	t.Parallel()
	w := newSafetyAPI(t)
	assess := w.base + "/api/v1/clients/" + w.client + "/assessments"
	profile := `{"answers":{"phq9":[2,2,2,2,2,2,1,1,2]},"context":{"self_harm":true}}`
	if code, body := apptest.API(t, "POST", assess, w.ana, `{"profile":`+profile+`,"final_level":"outpatient","variance":{"code":"client_preference"}}`); code != 400 ||
		fmt.Sprint(problemFields(t, body)) != "[variance.note]" {
		t.Errorf("below the floor without a note: %d %s", code, body)
	}
	code, out := apptest.API(t, "POST", assess, w.ana, `{"profile":`+profile+`,"final_level":"outpatient","variance":{"code":"client_preference","note":"Declines the IOP; daily calls and a safety plan."}}`)
	if code != 201 || !strings.Contains(out, `"floor":"iop"`) || !strings.Contains(out, `"urgency":"today"`) || !strings.Contains(out, `"final_level":"outpatient"`) {
		t.Errorf("with a note: %d %s", code, out)
	}
}
