package web_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// TestNoteGroupSessionChoice: the group note form offers the signed-in facilitator's group
// sessions of the last 14 days and today as a select (no free-text id), "Use this session"
// (a GET) fills the roster, ?session= links keep working, and the attendance page of a group
// session links to its note.
func TestNoteGroupSessionChoice(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	s := seedNotes(t, st)
	apptest.AddStaff(t, st, "admin@example.org", carepath.RoleAdmin)
	cli := apptest.System()
	p, err := store.NewProgramService(st).CreateProgram(cli, carepath.ProgramCreate{Name: "Day PHP", Level: carepath.LevelPHP, TimeZone: "America/Chicago"})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	from := now.AddDate(0, 0, -20).Format("2006-01-02")
	groups := store.NewGroupService(st)
	g, err := groups.CreateGroup(cli, carepath.GroupCreate{ProgramID: p.ID, Name: "Morning process", Type: "process",
		FacilitatorIDs: []string{s.bo.ID}, Days: []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}, StartTime: "09:00",
		Minutes: 60, StartDate: from, Room: "Room 1"})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{s.robin.ID, s.sky.ID} {
		if _, err := groups.AddGroupMember(cli, g.ID, c, from); err != nil {
			t.Fatal(err)
		}
	}
	bo, ana, admin := apptest.SignIn(t, ts.URL, "bo@example.org"), apptest.SignIn(t, ts.URL, "ana@example.org"), apptest.SignIn(t, ts.URL, "admin@example.org")

	code, _, body := bo("GET", "/staff/notes/group/new", nil)
	if code != 200 || !strings.Contains(body, `<form method="get" action="/staff/notes/group/new"`) ||
		!strings.Contains(body, `<select id="note-session" name="session"`) || !strings.Contains(body, "Use this session") ||
		!strings.Contains(body, `<option value="">Choose a session</option>`) || strings.Contains(body, `type="text" id="note-session"`) {
		t.Fatalf("group note form offers a session select: %d %s", code, clip(body, 800))
	}
	opts := regexp.MustCompile(`<option value="([^"]+)">Morning process — ([^<]+)</option>`).FindAllStringSubmatch(body, -1)
	if len(opts) < 14 || len(opts) > 16 {
		t.Fatalf("sessions offered: %d (want the last 14 days and today)", len(opts))
	}
	oldest := now.AddDate(0, 0, -16).Format("2006-01-02")
	for i, o := range opts {
		date := o[1][strings.LastIndex(o[1], ":")+1:]
		if date > now.Format("2006-01-02") || date < oldest {
			t.Errorf("offered a session outside the last 14 days and today: %s", date)
		}
		if i > 0 && date >= opts[i-1][1][strings.LastIndex(opts[i-1][1], ":")+1:] {
			t.Errorf("sessions not newest first: %v", o[1])
		}
		if !regexp.MustCompile(`^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} 09:00 C[SD]T$`).MatchString(o[2]) {
			t.Errorf("session label %q", o[2])
		}
	}
	occ := opts[0][1]
	// "Use this session" submits the select as ?session=: the roster replaces the caseload.
	code, _, body = bo("GET", "/staff/notes/group/new?session="+occ+"&format=soap", nil)
	if code != 200 || !strings.Contains(body, `<option value="`+occ+`" selected>`) || !strings.Contains(body, `name="session_id" value="`+occ+`"`) ||
		!strings.Contains(body, "Individual part for Sky Moss") || !strings.Contains(body, `id="note-sec-subjective"`) ||
		strings.Contains(body, "Choose a session") || strings.Contains(body, "every client on your caseload is offered") {
		t.Errorf("roster of the chosen session: %d %s", code, clip(body, 800))
	}
	// A clinician who runs no group sees no select, and is told how to reach a session.
	if code, _, body := ana("GET", "/staff/notes/group/new", nil); code != 200 || strings.Contains(body, `<select id="note-session"`) ||
		!strings.Contains(body, "You facilitate no group sessions") {
		t.Errorf("no sessions to offer: %d", code)
	}
	// An admin is offered the program's groups.
	if code, _, body := admin("GET", "/staff/notes/group/new", nil); code != 200 || !strings.Contains(body, `<option value="`+occ+`">Morning process — `) {
		t.Errorf("admin's sessions: %d", code)
	}
	// The attendance page of a group session links to its note.
	code, _, body = bo("GET", "/staff/sessions/"+occ+"/attendance", nil)
	if code != 200 || !strings.Contains(body, "Write the group note") || !strings.Contains(body, `href="/staff/notes/group/new?session=`) {
		t.Errorf("attendance page links to the group note: %d %s", code, clip(body, 600))
	}
	i := strings.Index(body, `href="/staff/notes/group/new?session=`)
	link := body[i+len(`href="`):]
	link = strings.ReplaceAll(link[:strings.Index(link, `"`)], "%3a", ":")
	if code, _, body := bo("GET", link, nil); code != 200 || !strings.Contains(body, `name="session_id" value="`+occ+`"`) {
		t.Errorf("following the attendance page's link (%s): %d", link, code)
	}
}

// TestAuditDateFieldsHint: the audit filter's date fields carry no placeholder that reads as
// a value; the format is in a hint tied to each field.
func TestAuditDateFieldsHint(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	apptest.AddStaff(t, st, "admin@example.org", carepath.RoleAdmin)
	admin := apptest.SignIn(t, ts.URL, "admin@example.org")
	code, _, body := admin("GET", "/staff/audit", nil)
	if code != 200 || strings.Contains(body, "placeholder=") || !strings.Contains(body, `aria-describedby="audit-from-hint"`) ||
		!strings.Contains(body, `id="audit-to-hint">YYYY-MM-DD`) {
		t.Errorf("audit date fields: %d %s", code, clip(body, 800))
	}
}
