package web_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/delivery"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// deliverySeed is a small program for the delivery page tests: an IOP in Chicago, a process
// group on Monday, Wednesday and Friday mornings (Ana and Ben on the roster, Ben from a later
// date), and a weekly individual session between Lee and Ana on Tuesdays.
type deliverySeed struct {
	lee, kim, admin, desk *carepath.Staff
	ana, ben              *carepath.Client
	program               *carepath.Program
	group                 *carepath.Group
	session               *carepath.TherapySession
	monday                delivery.Date // Monday of this week in Chicago
	loc                   *time.Location
}

func seedDelivery(t *testing.T, st *store.Store) deliverySeed {
	t.Helper()
	var s deliverySeed
	s.lee = apptest.AddStaff(t, st, "lee@example.org", carepath.RoleClinician)
	s.kim = apptest.AddStaff(t, st, "kim@example.org", carepath.RoleClinician)
	s.admin = apptest.AddStaff(t, st, "admin@example.org", carepath.RoleAdmin)
	s.desk = apptest.AddStaff(t, st, "desk@example.org", carepath.RoleFrontDesk)
	cli := apptest.System()
	clients := store.NewClientService(st)
	s.ana = &carepath.Client{GivenName: "Ana", FamilyName: "Lopez", BirthDate: "1990-04-02", PrimaryClinicianID: s.lee.ID}
	s.ben = &carepath.Client{GivenName: "Ben", FamilyName: "Okafor", BirthDate: "1985-07-12", PrimaryClinicianID: s.lee.ID}
	for _, c := range []*carepath.Client{s.ana, s.ben} {
		if err := clients.CreateClient(cli, c); err != nil {
			t.Fatal(err)
		}
	}
	var err error
	if s.program, err = store.NewProgramService(st).CreateProgram(cli, carepath.ProgramCreate{Name: "Morning IOP", Level: carepath.LevelIOP, TimeZone: "America/Chicago"}); err != nil {
		t.Fatal(err)
	}
	s.loc = s.program.Location()
	s.monday = delivery.WeekOf(time.Now(), s.loc).Monday()
	start := s.monday.AddDays(-21)
	episodes := store.NewEpisodeService(st)
	for _, c := range []*carepath.Client{s.ana, s.ben} {
		if _, err := episodes.AdmitClient(cli, carepath.EpisodeAdmit{ClientID: c.ID, ProgramID: s.program.ID, Level: carepath.LevelIOP, On: start.String()}); err != nil {
			t.Fatal(err)
		}
	}
	groups := store.NewGroupService(st)
	if s.group, err = groups.CreateGroup(cli, carepath.GroupCreate{ProgramID: s.program.ID, Name: "Morning process", Type: "process",
		FacilitatorIDs: []string{s.lee.ID}, Days: []string{"mon", "wed", "fri"}, StartTime: "09:00", Minutes: 180,
		StartDate: start.String(), Room: "Room 2"}); err != nil {
		t.Fatal(err)
	}
	if _, err := groups.AddGroupMember(cli, s.group.ID, s.ana.ID, start.String()); err != nil {
		t.Fatal(err)
	}
	if _, err := groups.AddGroupMember(cli, s.group.ID, s.ben.ID, s.monday.AddDays(-7).String()); err != nil {
		t.Fatal(err)
	}
	if s.session, err = store.NewTherapySessionService(st).CreateSession(cli, carepath.TherapySessionCreate{ProgramID: s.program.ID, Kind: "individual",
		ClientID: s.ana.ID, ClinicianID: s.lee.ID, Days: []string{"tue"}, StartTime: "14:00", Minutes: 50, StartDate: start.String(),
		Modality: "telehealth", MeetingLink: "https://meet.example.org/lee-ana"}); err != nil {
		t.Fatal(err)
	}
	return s
}

// occurrence is the id of the group's occurrence on d.
func (s deliverySeed) occurrence(d delivery.Date) string { return delivery.OccurrenceID(s.group.ID, d) }

// hiddenValue reads the value of the hidden input name from a page.
func hiddenValue(page, name string) string {
	m := regexp.MustCompile(`name="` + regexp.QuoteMeta(name) + `" value="([^"]*)"`).FindStringSubmatch(page)
	if m == nil {
		return ""
	}
	return m[1]
}

func TestAttendancePage(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	s := seedDelivery(t, st)
	lee := apptest.SignIn(t, ts.URL, "lee@example.org")
	lastMonday := s.monday.AddDays(-7)
	occ := s.occurrence(lastMonday)
	path := "/staff/sessions/" + occ + "/attendance"

	code, _, page := lee("GET", path, nil)
	if code != 200 {
		t.Fatalf("attendance form: %d", code)
	}
	for _, want := range []string{"Group: Morning process", "Lopez, Ana", "Okafor, Ben", `name="status-0"`, `name="status-1"`,
		`<legend class="att-name">Lopez, Ana</legend>`, `for="att-0-minutes"`, `name="version" value="0"`} {
		if !strings.Contains(page, want) {
			t.Errorf("form lacks %q", want)
		}
	}
	ids := regexp.MustCompile(`name="client_id" value="([^"]+)"`).FindAllStringSubmatch(page, -1)
	if len(ids) != 2 {
		t.Fatalf("%d rows, want 2", len(ids))
	}
	row := map[string]string{ids[0][1]: "0", ids[1][1]: "1"}
	ana, ben := row[s.ana.ID], row[s.ben.ID]

	// A row left unmarked and minutes beyond the session: 400 naming each row, values kept,
	// nothing written.
	form := url.Values{"version": {"0"}, "client_id": {ids[0][1], ids[1][1]},
		"status-" + ana: {"late"}, "minutes-" + ana: {"500"}}
	code, _, page = lee("POST", path, form)
	if code != 400 {
		t.Fatalf("unmarked row: %d", code)
	}
	if !strings.Contains(page, `href="#att-`+ben+`-present"`) || !strings.Contains(page, "Choose how Okafor, Ben attended.") {
		t.Errorf("the summary does not name Ben's row:\n%s", clip(page, 3000))
	}
	if !strings.Contains(page, `id="att-`+ana+`-late" name="status-`+ana+`" value="late" checked`) || !strings.Contains(page, `value="500"`) {
		t.Error("Ana's values were not kept")
	}
	if n := apptest.CountRows(t, ts.DB, "attendance", "occurrence_id = '"+occ+"'"); n != 0 {
		t.Fatalf("%d rows written on a 400", n)
	}
	// Both marked, Ana's minutes beyond the session: the service names her row.
	form.Set("status-"+ben, "absent_unexcused")
	code, _, page = lee("POST", path, form)
	if code != 400 || !strings.Contains(page, `href="#att-`+ana+`-minutes"`) || !strings.Contains(page, `aria-invalid="true"`) {
		t.Fatalf("minutes out of range: %d\n%s", code, clip(page, 3000))
	}
	if n := apptest.CountRows(t, ts.DB, "attendance", "occurrence_id = '"+occ+"'"); n != 0 {
		t.Fatalf("%d rows written on a 400", n)
	}
	// A good save, then a stale one: 409 showing what is recorded.
	form.Set("minutes-"+ana, "150")
	code, loc, _ := lee("POST", path, form)
	if code != 303 || !strings.HasSuffix(loc, "?saved=1") {
		t.Fatalf("save: %d %s", code, loc)
	}
	code, _, page = lee("GET", path+"?saved=1", nil)
	if code != 200 || !strings.Contains(page, "Attendance saved.") || hiddenValue(page, "version") != "1" {
		t.Fatalf("after save: %d version %q", code, hiddenValue(page, "version"))
	}
	form.Set("status-"+ben, "absent_excused")
	code, _, page = lee("POST", path, form) // still version 0
	if code != 409 || !strings.Contains(page, "Someone saved this attendance first") || hiddenValue(page, "version") != "1" {
		t.Fatalf("stale save: %d\n%s", code, clip(page, 3000))
	}
	if !strings.Contains(page, `id="att-`+ben+`-absent_unexcused" name="status-`+ben+`" value="absent_unexcused" checked`) {
		t.Error("the 409 page does not show what is recorded")
	}
	if n := apptest.CountRows(t, ts.DB, "attendance", "occurrence_id = '"+occ+"' AND status = 'absent_excused'"); n != 0 {
		t.Fatal("the stale save was written")
	}
	// Present with the minutes left empty counts the whole session.
	form = url.Values{"version": {"1"}, "client_id": {ids[0][1], ids[1][1]}, "status-" + ana: {"present"}, "status-" + ben: {"absent_excused"}}
	if code, _, _ := lee("POST", path, form); code != 303 {
		t.Fatalf("second save: %d", code)
	}
	if n := apptest.CountRows(t, ts.DB, "attendance", "occurrence_id = '"+occ+"' AND minutes = 180"); n != 1 {
		t.Errorf("present with no minutes: %d rows with 180 minutes", n)
	}

	// The front desk may not take attendance; an unknown occurrence is 404.
	desk := apptest.SignIn(t, ts.URL, "desk@example.org")
	if code, _, _ := desk("GET", path, nil); code != 403 {
		t.Errorf("front desk: %d", code)
	}
	if code, _, _ := lee("GET", "/staff/sessions/"+s.group.ID+":1999-01-04/attendance", nil); code != 404 {
		t.Errorf("unknown occurrence: %d", code)
	}
}

func TestWeekAndDosePages(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	s := seedDelivery(t, st)
	lee := apptest.SignIn(t, ts.URL, "lee@example.org")
	lastWeek := delivery.WeekOfDate(s.monday.AddDays(-7))

	code, _, page := lee("GET", "/staff/programs/"+s.program.ID+"/week?week="+lastWeek.String(), nil)
	if code != 200 {
		t.Fatalf("program week: %d", code)
	}
	for _, want := range []string{"Morning IOP", "Week " + lastWeek.String(), "09:00–12:00", "Group: Morning process", "Room 2",
		"Individual session", "14:00–14:50", "Telehealth", "Dr clinician", "/staff/sessions/" + s.occurrence(s.monday.AddDays(-7)) + "/attendance",
		"Times are in America/Chicago"} {
		if !strings.Contains(page, want) {
			t.Errorf("program week lacks %q", want)
		}
	}
	if n := strings.Count(page, "<p>Group: Morning process"); n != 3 {
		t.Errorf("%d group sessions in the week, want 3", n)
	}
	if code, _, _ := lee("GET", "/staff/programs/"+s.program.ID+"/week?week=nonsense", nil); code != 200 {
		t.Errorf("week=nonsense falls back to this week: %d", code)
	}
	code, _, page = lee("GET", "/staff/clients/"+s.ana.ID+"/week?week="+lastWeek.String(), nil)
	if code != 200 || strings.Count(page, "<p>Group: Morning process") != 3 || !strings.Contains(page, "https://meet.example.org/lee-ana") ||
		!strings.Contains(page, "/static/delivery.css") {
		t.Errorf("client week: %d\n%s", code, clip(page, 2000))
	}
	code, _, page = lee("GET", "/staff/groups/"+s.group.ID+"/week?week="+lastWeek.String(), nil)
	if code != 200 || !strings.Contains(page, "Roster this week") || !strings.Contains(page, "Lopez, Ana") || !strings.Contains(page, "Okafor, Ben") {
		t.Errorf("group week: %d", code)
	}

	// Record last week's attendance: Ana attends all three groups and her session.
	att := store.NewAttendanceService(st)
	cli := apptest.System()
	for i := 0; i < 5; i += 2 {
		d := s.monday.AddDays(-7 + i)
		if _, err := att.RecordAttendance(cli, s.occurrence(d), carepath.AttendanceUpdate{Records: []carepath.AttendanceRecord{
			{ClientID: s.ana.ID, Status: "present", Minutes: 180}, {ClientID: s.ben.ID, Status: "absent_unexcused"}}}); err != nil {
			t.Fatal(err)
		}
	}
	code, _, page = lee("GET", "/staff/clients/"+s.ana.ID+"/dose?to="+lastWeek.String(), nil)
	if code != 200 {
		t.Fatalf("client dose: %d", code)
	}
	for _, want := range []string{"<th scope=\"row\">" + lastWeek.String() + "</th><td>9 h</td><td>9 h</td><td><span class=\"met-yes\">Yes</span>",
		`role="img"`, "Minimum 9 h", "Hours delivered each week: the numbers", "<td>No sessions</td>",
		`<th scope="row">Minimum 9 h</th><td>9 h</td>`} {
		if !strings.Contains(page, want) {
			t.Errorf("client dose lacks %q", want)
		}
	}
	if code, _, page := lee("GET", "/staff/clients/"+s.ana.ID+"/dose", nil); code != 200 || !strings.Contains(page, "Week in progress") {
		t.Errorf("this week's dose is judged before it ends: %d", code)
	}
	code, _, page = lee("GET", "/staff/programs/"+s.program.ID+"/dose?week="+lastWeek.String(), nil)
	if code != 200 || !strings.Contains(page, "Lopez, Ana") || !strings.Contains(page, "Clients who met the weekly minimum") ||
		!strings.Contains(page, "1 of 2") {
		t.Errorf("program dose: %d\n%s", code, clip(page, 3000))
	}
}

func TestQualityAndScorecardPages(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	s := seedDelivery(t, st)
	admin := apptest.SignIn(t, ts.URL, "admin@example.org")
	lee := apptest.SignIn(t, ts.URL, "lee@example.org")
	att := store.NewAttendanceService(st)
	cli := apptest.System()
	d := s.monday.AddDays(-7)
	if _, err := att.RecordAttendance(cli, s.occurrence(d), carepath.AttendanceUpdate{Records: []carepath.AttendanceRecord{
		{ClientID: s.ana.ID, Status: "present", Minutes: 180}, {ClientID: s.ben.ID, Status: "late", Minutes: 120}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := att.RecordAttendance(cli, delivery.OccurrenceID(s.session.ID, d.AddDays(1)), carepath.AttendanceUpdate{Records: []carepath.AttendanceRecord{
		{ClientID: s.ana.ID, Status: "present", Minutes: 50}}}); err != nil {
		t.Fatal(err)
	}
	path := "/staff/programs/" + s.program.ID + "/quality"
	if code, _, _ := lee("GET", path, nil); code != 403 {
		t.Errorf("clinician sees the quality page: %d", code)
	}
	code, _, page := admin("GET", path, nil)
	if code != 200 {
		t.Fatalf("quality: %d\n%s", code, clip(page, 2000))
	}
	for _, want := range []string{"One-on-one minutes per client-week", "Group size", "Therapist continuity", "Staff turnover",
		"Hours delivered against hours required", "How this is computed", `role="img"`, "Share of required hours delivered, week by week",
		"does <strong>not</strong> publish"} {
		if !strings.Contains(page, want) {
			t.Errorf("quality page lacks %q", want)
		}
	}
	if strings.Count(page, `class="method"`) != 5 {
		t.Errorf("%d method texts, want 5", strings.Count(page, `class="method"`))
	}
	code, _, page = admin("GET", path+"?from=2026-W10&to=2026-W02", nil)
	if code != 400 || !strings.Contains(page, `href="#quality-to"`) || !strings.Contains(page, `value="2026-W10"`) {
		t.Errorf("reversed period: %d", code)
	}
	if code, _, _ := admin("GET", path+"?from=W99", nil); code != 400 {
		t.Errorf("bad week: %d", code)
	}

	// The scorecard is off by default, then published by an admin (not a clinician).
	public := apptest.Browser(t)
	if code, _, _ := apptest.Send(t, public, "GET", ts.URL+"/programs/"+s.program.ID+"/scorecard", nil); code != 404 {
		t.Errorf("unpublished scorecard: %d", code)
	}
	if code, _, _ := lee("POST", "/staff/programs/"+s.program.ID+"/scorecard", url.Values{"public": {"yes"}}); code != 403 {
		t.Errorf("clinician publishes: %d", code)
	}
	code, loc, _ := admin("POST", "/staff/programs/"+s.program.ID+"/scorecard", url.Values{"public": {"yes"}})
	if code != 303 || !strings.HasSuffix(loc, "quality?scorecard=saved") {
		t.Fatalf("publish: %d %s", code, loc)
	}
	code, _, page = apptest.Send(t, public, "GET", ts.URL+"/programs/"+s.program.ID+"/scorecard", nil)
	if code != 200 || !strings.Contains(page, "Quality scorecard") || !strings.Contains(page, "Hours delivered against hours required") {
		t.Fatalf("scorecard: %d\n%s", code, clip(page, 2000))
	}
	for _, secret := range []string{s.ana.ID, s.ben.ID, "Ana", "Lopez", "Okafor", s.lee.ID} {
		if strings.Contains(page, secret) {
			t.Errorf("the public scorecard shows %q", secret)
		}
	}
	if code, _, _ := apptest.Send(t, public, "GET", ts.URL+"/programs/not-a-program/scorecard", nil); code != 404 {
		t.Errorf("unknown program scorecard: %d", code)
	}
	// A second visit is served from memory, with the same page; unpublishing takes effect at once.
	if code, _, again := apptest.Send(t, public, "GET", ts.URL+"/programs/"+s.program.ID+"/scorecard", nil); code != 200 || again != page {
		t.Errorf("second scorecard visit: %d, same page %v", code, again == page)
	}
	if code, _, _ := admin("POST", "/staff/programs/"+s.program.ID+"/scorecard", url.Values{"public": {"no"}}); code != 303 {
		t.Fatalf("unpublish: %d", code)
	}
	if code, _, _ := apptest.Send(t, public, "GET", ts.URL+"/programs/"+s.program.ID+"/scorecard", nil); code != 404 {
		t.Errorf("unpublished scorecard after a cached visit: %d", code)
	}
}
