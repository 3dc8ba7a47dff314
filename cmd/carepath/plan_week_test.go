package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
)

// planSeed is a small IOP to plan: Ann and Ben (clinicians, afternoons, at most 10 clients),
// a process group run by Ann (Mon/Wed/Fri 09:00–12:00) with Alice on it, a skills group run
// by Ben (Tue/Thu 18:00–19:30); Alice and Bob see Ann, Carol sees Ben. Alice's and Carol's
// availability is recorded (mornings of the group days, plus one afternoon hour); Bob's is not.
type planSeed struct {
	program           *carepath.Program
	ann, ben          *carepath.Staff
	alice, bob, carol string
	process, skills   *carepath.Group
}

func seedPlanWeek(t *testing.T, st *store.Store) planSeed {
	t.Helper()
	ctx := carepath.NewContext(context.Background(), cliActor())
	var s planSeed
	var err error
	if s.program, err = store.NewProgramService(st).CreateProgram(ctx, carepath.ProgramCreate{Name: "Evening IOP",
		Level: carepath.LevelIOP, TimeZone: "America/Chicago"}); err != nil {
		t.Fatal(err)
	}
	s.ann = addTestStaff(t, st, "ann@example.org", carepath.RoleClinician)
	s.ben = addTestStaff(t, st, "ben@example.org", carepath.RoleClinician)
	names := store.NewStaffService(st)
	for _, k := range []*carepath.Staff{s.ann, s.ben} {
		name := "Ann Therapist"
		if k == s.ben {
			name = "Ben Therapist"
		}
		if _, err := names.UpdateStaff(ctx, k.ID, carepath.StaffUpdate{Name: &name}); err != nil {
			t.Fatal(err)
		}
	}
	avail := store.NewAvailabilityService(st)
	var afternoons []string
	for _, d := range carepath.SlotDays[:5] {
		for h := 13; h < 17; h++ {
			afternoons = append(afternoons, carepath.SlotID(d, h))
		}
	}
	for _, k := range []*carepath.Staff{s.ann, s.ben} {
		if _, err := avail.SetClinicianAvailability(ctx, carepath.ClinicianAvailability{StaffID: k.ID, Slots: afternoons, MaxClients: 10}); err != nil {
			t.Fatal(err)
		}
	}
	clients, episodes := store.NewClientService(st), store.NewEpisodeService(st)
	for _, c := range []struct {
		id         *string
		given, fam string
		clinician  string
	}{{&s.alice, "Alice", "Adams", s.ann.ID}, {&s.bob, "Bob", "Brown", s.ann.ID}, {&s.carol, "Carol", "Chen", s.ben.ID}} {
		cl := &carepath.Client{GivenName: c.given, FamilyName: c.fam, BirthDate: "1990-01-01", PrimaryClinicianID: c.clinician}
		if err := clients.CreateClient(ctx, cl); err != nil {
			t.Fatal(err)
		}
		*c.id = cl.ID
		if _, err := episodes.AdmitClient(ctx, carepath.EpisodeAdmit{ClientID: cl.ID, ProgramID: s.program.ID, On: "2026-11-02"}); err != nil {
			t.Fatal(err)
		}
	}
	groups := store.NewGroupService(st)
	if s.process, err = groups.CreateGroup(ctx, carepath.GroupCreate{ProgramID: s.program.ID, Name: "Process A", Type: "process",
		FacilitatorIDs: []string{s.ann.ID}, Days: []string{"mon", "wed", "fri"}, StartTime: "09:00", Minutes: 180,
		StartDate: "2026-10-26", Room: "Room 1"}); err != nil {
		t.Fatal(err)
	}
	if s.skills, err = groups.CreateGroup(ctx, carepath.GroupCreate{ProgramID: s.program.ID, Name: "Skills B", Type: "skills",
		FacilitatorIDs: []string{s.ben.ID}, Days: []string{"tue", "thu"}, StartTime: "18:00", Minutes: 90,
		StartDate: "2026-10-26", Room: "Room 2"}); err != nil {
		t.Fatal(err)
	}
	if _, err := groups.AddGroupMember(ctx, s.process.ID, s.alice, "2026-10-26"); err != nil {
		t.Fatal(err)
	}
	mornings := []string{"mon-09", "mon-10", "mon-11", "wed-09", "wed-10", "wed-11", "fri-09", "fri-10", "fri-11"}
	if _, err := avail.SetClientAvailability(ctx, s.alice, append(slices.Clone(mornings), "tue-14")); err != nil {
		t.Fatal(err)
	}
	if _, err := avail.SetClientAvailability(ctx, s.carol, append(slices.Clone(mornings), "thu-15")); err != nil {
		t.Fatal(err)
	}
	return s
}

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
func clientLine(p carepath.SchedulePlan, id string) carepath.PlanClient {
	for _, c := range p.Clients {
		if c.ClientID == id {
			return c
		}
	}
	return carepath.PlanClient{}
}

// rosterFrom lists the clients who join a group on date, from the API.
func rosterFrom(t *testing.T, base, token, groupID, date string) []string {
	t.Helper()
	code, body := apiCall(t, "GET", base+"/api/v1/groups/"+groupID, token, "")
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
	code, body := apiCall(t, "GET", base+"/api/v1/sessions?program_id="+programID+"&from=2026-12-07&to=2026-12-14", token, "")
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
	ts, st := testServer(t)
	s := seedPlanWeek(t, st)
	admin, _ := staffToken(t, st, "director@example.org", carepath.RoleAdmin)
	desk, _ := staffToken(t, st, "desk@example.org", carepath.RoleFrontDesk)
	plans := ts.URL + "/api/v1/programs/" + s.program.ID + "/schedule-plans"

	if code, body := apiCall(t, "POST", plans, desk, `{"week":"2026-W50"}`); code != 403 {
		t.Errorf("front desk plans: %d %s", code, body)
	}
	code, body := apiCall(t, "POST", plans, admin, `{"week":"2026-W60","without":["x"]}`)
	if code != 400 || !strings.Contains(body, `"week"`) || !strings.Contains(body, `"without[0]"`) {
		t.Errorf("bad plan: %d %s", code, body)
	}
	// Availability through the API: the front desk records Bob's; a bad slot is named.
	if code, body := apiCall(t, "PUT", ts.URL+"/api/v1/clients/"+s.bob+"/availability", desk, `{"slots":["mon-09","mon-99"]}`); code != 400 ||
		!strings.Contains(body, "slots[1]") {
		t.Errorf("bad availability: %d %s", code, body)
	}
	if code, body := apiCall(t, "GET", ts.URL+"/api/v1/clients/"+s.bob+"/availability", desk, ""); code != 200 || !strings.Contains(body, `"set":false`) {
		t.Errorf("availability not recorded: %d %s", code, body)
	}

	code, body = apiCall(t, "POST", plans, admin, `{"week":"2026-W50"}`)
	id := createdID(t, code, body)
	p := planOf(t, body)
	if p.Status != "proposed" || p.Monday != "2026-12-07" || len(p.Groups) != 2 || p.Summary.SessionsToBook != 3 {
		t.Errorf("proposal = %+v", p)
	}
	if a := clientLine(p, s.alice); a.Moved || a.NewTherapist || a.ClinicianAfter != s.ann.ID || a.PlannedMinutes != 540 || a.Name != "Adams, Alice" {
		t.Errorf("alice = %+v", a)
	}
	if b := clientLine(p, s.bob); !b.Moved || b.AvailabilitySet || !slices.Contains(b.GroupsAfter, s.process.ID) {
		t.Errorf("bob = %+v", b)
	}
	// Nothing changes before the director applies the plan.
	if got := rosterFrom(t, ts.URL, admin, s.process.ID, "2026-12-07"); len(got) != 0 {
		t.Errorf("roster changed before apply: %v", got)
	}
	if n := individualOccurrences(t, ts.URL, admin, s.program.ID); n != 0 {
		t.Errorf("sessions booked before apply: %d", n)
	}
	if code, body := apiCall(t, "POST", ts.URL+"/api/v1/schedule-plans/"+id+"/apply", desk, ""); code != 403 {
		t.Errorf("front desk applies: %d %s", code, body)
	}

	code, body = apiCall(t, "POST", ts.URL+"/api/v1/schedule-plans/"+id+"/apply", admin, "")
	if code != 200 || planOf(t, body).Status != "applied" {
		t.Fatalf("apply: %d %s", code, body)
	}
	want := []string{s.bob, s.carol}
	slices.Sort(want)
	if got := rosterFrom(t, ts.URL, admin, s.process.ID, "2026-12-07"); !slices.Equal(got, want) {
		t.Errorf("joined from Monday = %v, want %v", got, want)
	}
	if n := individualOccurrences(t, ts.URL, admin, s.program.ID); n != 3 {
		t.Errorf("sessions booked = %d, want 3", n)
	}
	if code, body := apiCall(t, "POST", ts.URL+"/api/v1/schedule-plans/"+id+"/apply", admin, ""); code != 409 {
		t.Errorf("apply twice: %d %s", code, body)
	}

	// A proposal goes stale when a roster changes before it is applied.
	code, body = apiCall(t, "POST", plans, admin, `{"week":"2026-W50"}`)
	again := createdID(t, code, body)
	if p := planOf(t, body); p.Summary.ClientsMoved != 0 || p.Summary.SessionsToBook != 0 {
		t.Errorf("planning an applied week again changes %+v", p.Summary)
	}
	if code, body := apiCall(t, "POST", ts.URL+"/api/v1/groups/"+s.process.ID+"/members/"+s.carol+"/end", admin,
		`{"on":"2026-12-09"}`); code != 200 {
		t.Fatalf("end member: %d %s", code, body)
	}
	if code, body := apiCall(t, "POST", ts.URL+"/api/v1/schedule-plans/"+again+"/apply", admin, ""); code != 409 ||
		!strings.Contains(body, "changed since") {
		t.Errorf("stale apply: %d %s", code, body)
	}
}

func TestPlanWeekDepartureAPI(t *testing.T) {
	ts, st := testServer(t)
	s := seedPlanWeek(t, st)
	admin, _ := staffToken(t, st, "director@example.org", carepath.RoleAdmin)
	code, body := apiCall(t, "POST", ts.URL+"/api/v1/programs/"+s.program.ID+"/schedule-plans", admin,
		fmt.Sprintf(`{"week":"2026-W50","without":[%q]}`, s.ann.ID))
	id := createdID(t, code, body)
	p := planOf(t, body)
	for _, c := range []string{s.alice, s.bob} {
		if l := clientLine(p, c); l.ClinicianAfter != s.ben.ID || !l.NewTherapist {
			t.Errorf("Ann's client = %+v", l)
		}
	}
	if l := clientLine(p, s.carol); l.ClinicianAfter != s.ben.ID || l.NewTherapist {
		t.Errorf("Ben's client keeps Ben: %+v", l)
	}
	if !slices.Equal(p.Uncovered, []string{s.process.ID}) {
		t.Errorf("uncovered = %v", p.Uncovered)
	}
	if code, body := apiCall(t, "POST", ts.URL+"/api/v1/schedule-plans/"+id+"/apply", admin, ""); code != 200 {
		t.Fatalf("apply: %d %s", code, body)
	}
	code, body = apiCall(t, "GET", ts.URL+"/api/v1/clients/"+s.bob, admin, "")
	if code != 200 || !strings.Contains(body, `"primary_clinician_id":"`+s.ben.ID+`"`) {
		t.Errorf("bob's therapist after apply: %d %s", code, body)
	}
}

func TestPlanWeekPages(t *testing.T) {
	ts, st := testServer(t)
	s := seedPlanWeek(t, st)
	addTestStaff(t, st, "director@example.org", carepath.RoleAdmin)
	addTestStaff(t, st, "desk@example.org", carepath.RoleFrontDesk)
	desk := signInAs(t, ts.URL, "desk@example.org")
	avail := "/staff/clients/" + s.bob + "/availability"
	if code, _, body := desk("GET", avail, nil); code != 200 || !strings.Contains(body, "Not recorded yet") ||
		!strings.Contains(body, "<legend>Monday</legend>") {
		t.Errorf("availability form: %d", code)
	}
	if code, loc, _ := desk("POST", avail, url.Values{"slot": {"mon-09", "mon-10", "mon-11"}}); code != 303 || loc != avail+"?saved=1" {
		t.Errorf("save availability: %d %s", code, loc)
	}
	if _, _, body := desk("GET", avail+"?saved=1", nil); !strings.Contains(body, `value="mon-10" id="avail-mon-10" checked`) {
		t.Errorf("saved hours not ticked")
	}
	if code, _, _ := desk("GET", "/staff/programs/"+s.program.ID+"/plan-week", nil); code != 403 {
		t.Errorf("front desk opens Plan next week: %d", code)
	}

	dir := signInAs(t, ts.URL, "director@example.org")
	if _, _, body := dir("GET", "/staff/programs", nil); !strings.Contains(body, "/staff/programs/"+s.program.ID+"/plan-week") {
		t.Errorf("no Plan next week link on the programs page")
	}
	if code, _, body := dir("GET", "/staff/admin/staff/"+s.ann.ID+"/availability", nil); code != 200 || !strings.Contains(body, `value="10"`) {
		t.Errorf("clinician availability: %d", code)
	}
	if code, _, body := dir("POST", "/staff/admin/staff/"+s.ann.ID+"/availability", url.Values{"slot": {"mon-13"}, "max_clients": {"lots"}}); code != 400 ||
		!strings.Contains(body, `href="#avail-max-clients"`) || !strings.Contains(body, `value="mon-13" id="avail-mon-13" checked`) {
		t.Errorf("bad max clients: %d", code)
	}
	form := "/staff/programs/" + s.program.ID + "/plan-week"
	code, _, body := dir("GET", form, nil)
	if code != 200 || !strings.Contains(body, "Departure or absence") || !strings.Contains(body, "Ann Therapist") {
		t.Fatalf("plan form: %d", code)
	}
	if code, _, body := dir("POST", form, url.Values{"week": {"next week"}}); code != 400 || !strings.Contains(body, `href="#plan-week"`) ||
		!strings.Contains(body, `value="next week"`) {
		t.Errorf("bad week: %d", code)
	}
	code, loc, _ := dir("POST", form, url.Values{"week": {"2026-W50"}, "without": {s.ann.ID}})
	if code != 303 || !strings.HasPrefix(loc, "/staff/schedule-plans/") {
		t.Fatalf("propose: %d %s", code, loc)
	}
	code, _, body = dir("GET", loc, nil)
	for _, want := range []string{"Who changes groups", "Who gets a new therapist", "Brown, Bob", "Ben Therapist", "Ann Therapist (away)",
		"Process A", "need a substitute", "Apply this plan"} {
		if !strings.Contains(body, want) {
			t.Errorf("proposal lacks %q", want)
		}
	}
	if code != 200 {
		t.Errorf("proposal: %d", code)
	}
	code, applied, _ := dir("POST", loc+"/apply", url.Values{})
	if code != 303 || applied != loc+"?applied=1" {
		t.Fatalf("apply: %d %s", code, applied)
	}
	if _, _, body := dir("GET", applied, nil); !strings.Contains(body, "Applied.") || strings.Contains(body, "Apply this plan") {
		t.Errorf("after apply")
	}
	if code, _, body := dir("POST", loc+"/apply", url.Values{}); code != 409 || !strings.Contains(body, "already applied") {
		t.Errorf("apply twice: %d", code)
	}
}
