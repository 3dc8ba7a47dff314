package web_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// fieldError is the error shown next to the field with id on a page, "" when there is none.
func fieldError(page, id string) string {
	m := regexp.MustCompile(`id="` + regexp.QuoteMeta(id) + `-error">([^<]*)<`).FindStringSubmatch(page)
	if m == nil {
		return ""
	}
	return m[1]
}

// The group pages: a new group with bad fields names each one and keeps what was typed; a good
// one is created and opens its page; the roster takes a client from a date and lets one go from
// a date, each bad date named; editing keeps the days and hours and names a bad capacity; the
// front desk schedules, a reviewer may not.
func TestGroupPages(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	s := seedDelivery(t, ts.Store)
	desk := apptest.SignIn(t, ts.URL, "desk@example.org")
	apptest.AddStaff(t, ts.Store, "rev@example.org", carepath.RoleReviewer)
	rev := apptest.SignIn(t, ts.URL, "rev@example.org")

	code, _, page := desk("GET", "/staff/groups", nil)
	if code != 200 || !strings.Contains(page, "Morning process") || !strings.Contains(page, `href="/staff/groups/new"`) ||
		!regexp.MustCompile(`09:00–12:00 C[SD]T`).MatchString(page) {
		t.Fatalf("group list: %d\n%s", code, page)
	}
	if code, _, _ := rev("GET", "/staff/groups/new", nil); code != 403 {
		t.Errorf("reviewer opens the group form: %d", code)
	}
	bad := url.Values{"program_id": {s.program.ID}, "name": {"Evening skills"}, "type": {"skills"}, "capacity": {"ten"},
		"start_time": {"18:00"}, "minutes": {"90"}, "start_date": {s.monday.String()}, "room": {"Room 4"}}
	code, _, page = desk("POST", "/staff/groups/new", bad)
	if code != 400 || fieldError(page, "group-capacity") == "" || fieldError(page, "group-days") == "" ||
		fieldError(page, "group-facilitator_ids") == "" || !strings.Contains(page, `value="Evening skills"`) ||
		!strings.Contains(page, `value="ten"`) || !strings.Contains(page, `value="Room 4"`) {
		t.Fatalf("bad group: %d\n%s", code, page)
	}
	good := url.Values{"program_id": {s.program.ID}, "name": {"Evening skills"}, "type": {"skills"}, "capacity": {"12"},
		"facilitator_ids": {s.kim.ID}, "days": {"tue", "thu"}, "start_time": {"18:00"}, "minutes": {"90"},
		"start_date": {s.monday.String()}, "modality": {"in_person"}, "room": {"Room 4"}}
	code, loc, _ := desk("POST", "/staff/groups/new", good)
	if code != 303 || !strings.HasPrefix(loc, "/staff/groups/") {
		t.Fatalf("create group: %d %q", code, loc)
	}
	gid := strings.TrimPrefix(strings.Split(loc, "?")[0], "/staff/groups/")
	code, _, page = desk("GET", loc, nil)
	if code != 200 || !strings.Contains(page, "The group was created") || !strings.Contains(page, "Lopez, Ana") {
		t.Fatalf("new group's page: %d\n%s", code, page)
	}
	// The roster: a missing client and date are named; a good add and a bad end date.
	code, _, page = desk("POST", "/staff/groups/"+gid+"/members", url.Values{"client_id": {""}, "from": {""}})
	if code != 400 || fieldError(page, "member-client") == "" || fieldError(page, "member-from") == "" {
		t.Errorf("empty add: %d\n%s", code, page)
	}
	code, _, page = desk("POST", "/staff/groups/"+gid+"/members", url.Values{"client_id": {s.ana.ID}, "from": {"2026-02-31"}})
	if code != 400 || fieldError(page, "member-from") == "" || !strings.Contains(page, `value="2026-02-31"`) {
		t.Errorf("bad date: %d\n%s", code, page)
	}
	if code, loc, _ := desk("POST", "/staff/groups/"+gid+"/members", url.Values{"client_id": {s.ana.ID}, "from": {s.monday.String()}}); code != 303 ||
		!strings.HasSuffix(loc, "?added=1") {
		t.Fatalf("add Ana: %d %q", code, loc)
	}
	code, _, page = desk("POST", "/staff/groups/"+gid+"/members/end", url.Values{"client_id": {s.ana.ID}, "on": {s.monday.AddDays(-30).String()}})
	if code != 400 || !strings.Contains(page, `value="`+s.monday.AddDays(-30).String()+`"`) || !strings.Contains(page, "has-error") {
		t.Errorf("end before joining: %d\n%s", code, page)
	}
	if code, _, _ := desk("POST", "/staff/groups/"+gid+"/members/end", url.Values{"client_id": {s.ana.ID}, "on": {s.monday.AddDays(14).String()}}); code != 303 {
		t.Errorf("end Ana in two weeks: %d", code)
	}
	g, _ := store.NewGroupService(ts.Store).FindGroupByID(apptest.System(), gid)
	if len(g.Members) != 1 || g.Members[0].Until != s.monday.AddDays(14).String() {
		t.Errorf("roster %+v", g.Members)
	}
	// Editing: the days stay; a bad capacity is named with what was typed.
	code, _, page = desk("GET", "/staff/groups/"+gid+"/edit", nil)
	if code != 200 || !strings.Contains(page, "days and hours stay as they are") || strings.Contains(page, `name="days"`) {
		t.Errorf("edit form: %d\n%s", code, page)
	}
	edit := url.Values{"name": {"Evening skills (DBT)"}, "capacity": {"-3"}, "facilitator_ids": {s.kim.ID}, "modality": {"in_person"}, "room": {"Room 5"}}
	code, _, page = desk("POST", "/staff/groups/"+gid+"/edit", edit)
	if code != 400 || fieldError(page, "group-capacity") == "" || !strings.Contains(page, `value="Evening skills (DBT)"`) {
		t.Errorf("bad edit: %d\n%s", code, page)
	}
	edit.Set("capacity", "8")
	if code, loc, _ := desk("POST", "/staff/groups/"+gid+"/edit", edit); code != 303 || !strings.HasSuffix(loc, "?saved=1") {
		t.Errorf("edit: %d %q", code, loc)
	}
	if g, _ := store.NewGroupService(ts.Store).FindGroupByID(apptest.System(), gid); g.Name != "Evening skills (DBT)" || g.Capacity != 8 ||
		g.Room != "Room 5" || strings.Join(g.Days, ",") != "tue,thu" {
		t.Errorf("edited group %+v", g)
	}
}

// The booking pages: missing choices are named and what was typed stays; a booking over
// someone's session is refused (409) naming the clinician and the session in the way, by kind,
// client and time in its zone (never an id); a good booking opens its first session, which can
// be moved (a bad length named) and cancelled for that date only.
func TestSessionPages(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	s := seedDelivery(t, ts.Store)
	desk := apptest.SignIn(t, ts.URL, "desk@example.org")
	tuesday := s.monday.AddDays(8).String() // next week's Tuesday: Lee sees Ana at 14:00

	code, _, page := desk("POST", "/staff/sessions/new", url.Values{"program_id": {s.program.ID}, "kind": {"individual"},
		"client_id": {s.ben.ID}, "repeat": {"once"}, "start_time": {"14:30"}, "minutes": {"fifty"}, "room": {"Office 9"}})
	if code != 400 || fieldError(page, "session-date") == "" || fieldError(page, "session-minutes") == "" ||
		fieldError(page, "session-clinician_id") == "" || !strings.Contains(page, `value="fifty"`) || !strings.Contains(page, `value="Office 9"`) {
		t.Fatalf("bad booking: %d\n%s", code, page)
	}
	clash := url.Values{"program_id": {s.program.ID}, "kind": {"family"}, "client_id": {s.ben.ID}, "clinician_id": {s.lee.ID},
		"repeat": {"once"}, "date": {tuesday}, "start_time": {"14:30"}, "minutes": {"50"}, "modality": {"in_person"}, "room": {"Office 9"}}
	code, _, page = desk("POST", "/staff/sessions/new", clash)
	if code != 409 || !strings.Contains(page, "Dr clinician is already booked then: Individual session with Lopez, Ana (Morning IOP)") ||
		!regexp.MustCompile(`14:00–14:50 C[SD]T`).MatchString(page) || strings.Contains(page, s.session.ID) ||
		!strings.Contains(page, `value="`+tuesday+`"`) {
		t.Fatalf("double booking: %d\n%s", code, page)
	}
	clash.Set("start_time", "15:00")
	code, loc, _ := desk("POST", "/staff/sessions/new", clash)
	if code != 303 || !strings.Contains(loc, ":"+tuesday+"?booked=1") {
		t.Fatalf("book: %d %q", code, loc)
	}
	occ := strings.TrimPrefix(strings.Split(loc, "?")[0], "/staff/sessions/")
	code, _, page = desk("GET", loc, nil)
	if code != 200 || !strings.Contains(page, "Family session with Okafor, Ben") || !strings.Contains(page, "Booked.") {
		t.Fatalf("session page: %d\n%s", code, page)
	}
	code, _, page = desk("POST", "/staff/sessions/"+occ+"/move", url.Values{"date": {tuesday}, "start_time": {"16:00"}, "minutes": {"0"}})
	if code != 400 || fieldError(page, "move-minutes") == "" || !strings.Contains(page, `value="16:00"`) {
		t.Errorf("bad move: %d\n%s", code, page)
	}
	code, _, page = desk("POST", "/staff/sessions/"+occ+"/move", url.Values{"date": {tuesday}, "start_time": {"14:00"}, "minutes": {"50"}})
	if code != 409 || !strings.Contains(page, "already booked then") {
		t.Errorf("move onto Lee's session: %d\n%s", code, page)
	}
	if code, loc, _ := desk("POST", "/staff/sessions/"+occ+"/move", url.Values{"date": {tuesday}, "start_time": {"16:00"}, "minutes": {"50"}}); code != 303 ||
		!strings.HasSuffix(loc, "?moved=1") {
		t.Errorf("move: %d %q", code, loc)
	}
	if code, loc, _ := desk("POST", "/staff/sessions/"+occ+"/cancel", url.Values{}); code != 303 || !strings.Contains(loc, "cancelled=1") {
		t.Errorf("cancel: %d %q", code, loc)
	}
	if code, _, _ := desk("GET", "/staff/sessions/"+occ, nil); code != 404 {
		t.Errorf("a cancelled session still opens: %d", code)
	}
}

// The intake request's page: closing without a note names the note; a request flagged for
// same-day review cannot be closed before it is marked contacted; the queue says who marked a
// request and when; "Mark contacted" works from the queue.
func TestIntakeStatusPages(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	apptest.AddStaff(t, ts.Store, "desk@example.org", carepath.RoleFrontDesk)
	desk := apptest.SignIn(t, ts.URL, "desk@example.org")
	intakes := store.NewIntakeService(ts.Store)
	mk := func(name string, crisis bool) string {
		in := &carepath.Intake{Name: name, Phone: "555-010-2030", Consent: true, Profile: []byte(`{"answers":{}}`), Crisis: crisis}
		if err := intakes.CreateIntake(apptest.System(), in); err != nil {
			t.Fatal(err)
		}
		return in.ID
	}
	plain, crisis := mk("Sam", false), mk("Riley", true)
	code, _, page := desk("POST", "/staff/intakes/"+plain+"/status", url.Values{"status": {"closed"}, "note": {" "}})
	if code != 400 || fieldError(page, "intake-note") == "" || !strings.Contains(page, `value="closed" id="intake-status-closed" checked`) {
		t.Errorf("close without a note: %d\n%s", code, page)
	}
	code, _, page = desk("POST", "/staff/intakes/"+crisis+"/status", url.Values{"status": {"closed"}, "note": {"Duplicate"}})
	if code != 400 || !strings.Contains(fieldError(page, "intake-status"), "same-day review") || !strings.Contains(page, ">Duplicate</textarea>") {
		t.Errorf("close a crisis request unseen: %d\n%s", code, page)
	}
	if code, loc, _ := desk("POST", "/staff/intakes/"+crisis+"/status", url.Values{"status": {"contacted"}, "from": {"queue"}}); code != 303 || loc != "/staff/intakes?marked=1" {
		t.Errorf("mark contacted from the queue: %d %q", code, loc)
	}
	code, _, page = desk("GET", "/staff/intakes", nil)
	if code != 200 || !regexp.MustCompile(`by Dr front_desk, \d{4}-\d\d-\d\d \d\d:\d\d [A-Z]+`).MatchString(page) {
		t.Errorf("the queue does not say who marked it: %d\n%s", code, page)
	}
	if code, loc, _ := desk("POST", "/staff/intakes/"+crisis+"/status", url.Values{"status": {"closed"}, "note": {"Booked with another clinic."}}); code != 303 ||
		!strings.HasSuffix(loc, "?saved=1") {
		t.Errorf("close after contact: %d %q", code, loc)
	}
	code, _, page = desk("GET", "/staff/intakes/"+crisis, nil)
	if code != 200 || !strings.Contains(page, "<strong>contacted</strong> by Dr front_desk") || !strings.Contains(page, "Booked with another clinic.") {
		t.Errorf("request history: %d\n%s", code, page)
	}
	// The staff home counts what the queue lists for each status.
	code, _, home := desk("GET", "/staff", nil)
	_, _, newList := desk("GET", "/staff/intakes?status=new", nil)
	if code != 200 || !strings.Contains(home, `id="intakes-new">1 new</a>`) || strings.Count(newList, `<tr data-id=`) != 1 {
		t.Errorf("home counts and the queue disagree:\n%s", home)
	}
}

// The staff forms take a hire date and a time zone: a bad one is named, what was typed stays.
func TestStaffHireDateForm(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	apptest.AddStaff(t, ts.Store, "admin@example.org", carepath.RoleAdmin)
	ann := apptest.AddStaff(t, ts.Store, "ann@example.org", carepath.RoleClinician)
	admin := apptest.SignIn(t, ts.URL, "admin@example.org")
	form := url.Values{"name": {"Ann Clinician"}, "role": {"clinician"}, "status": {"active"}, "hire_date": {"2031-01-01"}, "time_zone": {"Mars/Base"}}
	code, _, page := admin("POST", "/staff/admin/staff/"+ann.ID, form)
	if code != 400 || fieldError(page, "staff-hire-date") == "" || fieldError(page, "staff-time-zone") == "" ||
		!strings.Contains(page, `value="2031-01-01"`) || !strings.Contains(page, `value="Mars/Base"`) {
		t.Fatalf("bad hire date: %d\n%s", code, page)
	}
	form.Set("hire_date", "2022-04-11")
	form.Set("time_zone", "America/Denver")
	if code, _, _ := admin("POST", "/staff/admin/staff/"+ann.ID, form); code != 303 {
		t.Fatalf("save: %d", code)
	}
	if _, _, list := admin("GET", "/staff/admin/staff", nil); !strings.Contains(list, "2022-04-11") {
		t.Errorf("the staff list lacks the hire date")
	}
	code, _, page = admin("POST", "/staff/admin/staff/new", url.Values{"name": {"Bo"}, "email": {"bo@example.org"}, "role": {"clinician"},
		"password": {"a long enough password"}, "hire_date": {"last week"}})
	if code != 400 || fieldError(page, "staff-hire-date") == "" || !strings.Contains(page, `value="last week"`) {
		t.Errorf("new staff with a bad hire date: %d\n%s", code, page)
	}
}

// A full group refuses another member with 409 and says so; only an admin may go over its
// capacity, and only with a reason, which the roster then keeps.
func TestGroupFullNeedsAdminOverride(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	s := seedDelivery(t, ts.Store)
	groups := store.NewGroupService(ts.Store)
	g, err := groups.CreateGroup(apptest.System(), carepath.GroupCreate{ProgramID: s.program.ID, Name: "Small skills", Type: "skills",
		Capacity: 1, FacilitatorIDs: []string{s.kim.ID}, Days: []string{"thu"}, StartTime: "13:00", Minutes: 90,
		StartDate: s.monday.String()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := groups.AddGroupMember(apptest.System(), g.ID, s.ana.ID, s.monday.String()); err != nil {
		t.Fatal(err)
	}
	desk := apptest.SignIn(t, ts.URL, "desk@example.org")
	add := url.Values{"client_id": {s.ben.ID}, "from": {s.monday.String()}}
	if code, _, page := desk("POST", "/staff/groups/"+g.ID+"/members", add); code != 409 || !strings.Contains(page, "the group is full") {
		t.Errorf("desk adds to a full group: %d\n%s", code, clip(page, 400))
	}
	add.Set("override_reason", "Transfer from the evening group")
	if code, _, _ := desk("POST", "/staff/groups/"+g.ID+"/members", add); code != 403 {
		t.Errorf("desk overrides capacity: %d", code)
	}
	admin := apptest.SignIn(t, ts.URL, "admin@example.org")
	add.Set("override_reason", " ")
	add.Set("override", "1")
	if code, _, page := admin("POST", "/staff/groups/"+g.ID+"/members", add); code != 400 || fieldError(page, "member-override-reason") == "" {
		t.Errorf("admin override without a reason: %d", code)
	}
	add.Set("override_reason", "Transfer from the evening group")
	if code, _, _ := admin("POST", "/staff/groups/"+g.ID+"/members", add); code != 303 {
		t.Errorf("admin override: %d", code)
	}
	if got, _ := groups.FindGroupByID(apptest.System(), g.ID); len(got.Members) != 2 {
		t.Errorf("roster after the override: %+v", got.Members)
	}
}
