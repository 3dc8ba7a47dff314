package api_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
)

// planOf decodes a schedule plan.
func planOf(t *testing.T, body string) carepath.SchedulePlan {
	t.Helper()
	var p carepath.SchedulePlan
	if err := json.Unmarshal([]byte(body), &p); err != nil {
		t.Fatalf("decode plan: %v: %s", err, body)
	}
	return p
}

// clientLine returns the plan's line for a client.
func clientLine(p carepath.SchedulePlan, id string) carepath.SchedulePlanClient {
	for _, c := range p.Clients {
		if c.ClientID == id {
			return c
		}
	}
	return carepath.SchedulePlanClient{}
}

// rosterFrom lists the clients who join a group on date, from the API.
func rosterFrom(t *testing.T, base, token, groupID, date string) []string {
	t.Helper()
	code, body := apptest.API(t, "GET", base+"/api/v1/groups/"+groupID, token, "")
	if code != 200 {
		t.Fatalf("get group: %d %s", code, body)
	}
	var g carepath.Group
	_ = json.Unmarshal([]byte(body), &g)
	var out []string
	for _, m := range g.Members {
		if m.From == date {
			out = append(out, m.ClientID)
		}
	}
	slices.Sort(out)
	return out
}

// individualOccurrences counts the individual sessions of the program in the week from monday.
func individualOccurrences(t *testing.T, base, token, programID string) int {
	t.Helper()
	code, body := apptest.API(t, "GET", base+"/api/v1/sessions?program_id="+programID+"&from=2026-12-07&to=2026-12-14", token, "")
	if code != 200 {
		t.Fatalf("list sessions: %d %s", code, body)
	}
	var v struct {
		Sessions []carepath.Occurrence `json:"sessions"`
	}
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatalf("sessions: %v %s", err, body)
	}
	n := 0
	for _, o := range v.Sessions {
		if o.Kind == carepath.SessionIndividual {
			n++
		}
	}
	return n
}

func TestPlanWeekAPI(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	s := apptest.SeedPlanWeek(t, st)
	admin, _ := apptest.Token(t, st, "director@example.org", carepath.RoleAdmin)
	desk, _ := apptest.Token(t, st, "desk@example.org", carepath.RoleFrontDesk)
	plans := ts.URL + "/api/v1/programs/" + s.Program.ID + "/schedule-plans"

	if code, body := apptest.API(t, "POST", plans, desk, `{"week":"2026-W50"}`); code != 403 {
		t.Errorf("front desk plans: %d %s", code, body)
	}
	code, body := apptest.API(t, "POST", plans, admin, `{"week":"2026-W60","without":["x"]}`)
	if code != 400 || !strings.Contains(body, `"week"`) || !strings.Contains(body, `"without[0]"`) {
		t.Errorf("bad plan: %d %s", code, body)
	}
	// Availability through the API: the front desk records Bob's; a bad slot is named.
	if code, body := apptest.API(t, "PUT", ts.URL+"/api/v1/clients/"+s.Bob+"/availability", desk, `{"slots":["mon-09","mon-99"]}`); code != 400 ||
		!strings.Contains(body, "slots[1]") {
		t.Errorf("bad availability: %d %s", code, body)
	}
	if code, body := apptest.API(t, "GET", ts.URL+"/api/v1/clients/"+s.Bob+"/availability", desk, ""); code != 200 || !strings.Contains(body, `"set":false`) {
		t.Errorf("availability not recorded: %d %s", code, body)
	}

	code, body = apptest.API(t, "POST", plans, admin, `{"week":"2026-W50"}`)
	id := apptest.CreatedID(t, code, body)
	p := planOf(t, body)
	if p.Status != "proposed" || p.Monday != "2026-12-07" || len(p.Groups) != 2 || p.Summary.SessionsToBook != 3 {
		t.Errorf("proposal = %+v", p)
	}
	if a := clientLine(p, s.Alice); a.Moved || a.NewTherapist || a.ClinicianAfter != s.Ann.ID || a.PlannedMinutes != 540 || a.Name != "Adams, Alice" {
		t.Errorf("alice = %+v", a)
	}
	if b := clientLine(p, s.Bob); !b.Moved || b.AvailabilitySet || !slices.Contains(b.GroupsAfter, s.Process.ID) {
		t.Errorf("bob = %+v", b)
	}
	// Nothing changes before the director applies the plan.
	if got := rosterFrom(t, ts.URL, admin, s.Process.ID, "2026-12-07"); len(got) != 0 {
		t.Errorf("roster changed before apply: %v", got)
	}
	if n := individualOccurrences(t, ts.URL, admin, s.Program.ID); n != 0 {
		t.Errorf("sessions booked before apply: %d", n)
	}
	if code, body := apptest.API(t, "POST", ts.URL+"/api/v1/schedule-plans/"+id+"/apply", desk, ""); code != 403 {
		t.Errorf("front desk applies: %d %s", code, body)
	}

	code, body = apptest.API(t, "POST", ts.URL+"/api/v1/schedule-plans/"+id+"/apply", admin, "")
	if code != 200 || planOf(t, body).Status != "applied" {
		t.Fatalf("apply: %d %s", code, body)
	}
	want := []string{s.Bob, s.Carol}
	slices.Sort(want)
	if got := rosterFrom(t, ts.URL, admin, s.Process.ID, "2026-12-07"); !slices.Equal(got, want) {
		t.Errorf("joined from Monday = %v, want %v", got, want)
	}
	if n := individualOccurrences(t, ts.URL, admin, s.Program.ID); n != 3 {
		t.Errorf("sessions booked = %d, want 3", n)
	}
	if code, body := apptest.API(t, "POST", ts.URL+"/api/v1/schedule-plans/"+id+"/apply", admin, ""); code != 409 {
		t.Errorf("apply twice: %d %s", code, body)
	}

	// A proposal goes stale when a roster changes before it is applied.
	code, body = apptest.API(t, "POST", plans, admin, `{"week":"2026-W50"}`)
	again := apptest.CreatedID(t, code, body)
	if p := planOf(t, body); p.Summary.ClientsMoved != 0 || p.Summary.SessionsToBook != 0 {
		t.Errorf("planning an applied week again changes %+v", p.Summary)
	}
	if code, body := apptest.API(t, "POST", ts.URL+"/api/v1/groups/"+s.Process.ID+"/members/"+s.Carol+"/end", admin,
		`{"on":"2026-12-09"}`); code != 200 {
		t.Fatalf("end member: %d %s", code, body)
	}
	if code, body := apptest.API(t, "POST", ts.URL+"/api/v1/schedule-plans/"+again+"/apply", admin, ""); code != 409 ||
		!strings.Contains(body, "changed since") {
		t.Errorf("stale apply: %d %s", code, body)
	}
}

func TestPlanWeekDepartureAPI(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	s := apptest.SeedPlanWeek(t, st)
	admin, _ := apptest.Token(t, st, "director@example.org", carepath.RoleAdmin)
	code, body := apptest.API(t, "POST", ts.URL+"/api/v1/programs/"+s.Program.ID+"/schedule-plans", admin,
		fmt.Sprintf(`{"week":"2026-W50","without":[%q]}`, s.Ann.ID))
	id := apptest.CreatedID(t, code, body)
	p := planOf(t, body)
	for _, c := range []string{s.Alice, s.Bob} {
		if l := clientLine(p, c); l.ClinicianAfter != s.Ben.ID || !l.NewTherapist {
			t.Errorf("Ann's client = %+v", l)
		}
	}
	if l := clientLine(p, s.Carol); l.ClinicianAfter != s.Ben.ID || l.NewTherapist {
		t.Errorf("Ben's client keeps Ben: %+v", l)
	}
	if !slices.Equal(p.Uncovered, []string{s.Process.ID}) {
		t.Errorf("uncovered = %v", p.Uncovered)
	}
	if code, body := apptest.API(t, "POST", ts.URL+"/api/v1/schedule-plans/"+id+"/apply", admin, ""); code != 200 {
		t.Fatalf("apply: %d %s", code, body)
	}
	code, body = apptest.API(t, "GET", ts.URL+"/api/v1/clients/"+s.Bob, admin, "")
	if code != 200 || !strings.Contains(body, `"primary_clinician_id":"`+s.Ben.ID+`"`) {
		t.Errorf("bob's therapist after apply: %d %s", code, body)
	}
}
