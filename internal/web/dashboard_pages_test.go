package web_test

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/delivery"
	"github.com/carepath/carepath/internal/app/apptest"
)

// dashboardWorld is a clinic with one client of Ana's in an IOP: PHQ-9s that show a reliable
// deterioration and then a positive item 9, check-ins that report a relapse, and a group whose
// first two sessions she missed without excuse.
type dashboardWorld struct {
	base, client, admin string
}

func newDashboardWorld(t *testing.T) (dashboardWorld, *apptest.Server) {
	t.Helper()
	ts := apptest.Start(t)
	st := ts.Store
	admin, _ := apptest.Token(t, st, "admin@example.org", carepath.RoleAdmin)
	ana, anaStaff := apptest.Token(t, st, "ana@example.org", carepath.RoleClinician)
	apptest.AddStaff(t, st, "ben@example.org", carepath.RoleClinician)
	apptest.AddStaff(t, st, "desk@example.org", carepath.RoleFrontDesk)
	now := time.Now().UTC()
	code, body := apptest.API(t, "POST", ts.URL+"/api/v1/clients", admin,
		`{"given_name":"Ada","family_name":"Quill","birth_date":"1990-01-02","email":"ada@example.org","email_consent":true,"primary_clinician_id":"`+anaStaff.ID+`"}`)
	client := apptest.CreatedID(t, code, body)
	code, body = apptest.API(t, "POST", ts.URL+"/api/v1/programs", admin, `{"name":"Evening IOP","level":"iop","time_zone":"UTC","min_hours_per_week":9}`)
	program := apptest.CreatedID(t, code, body)
	if code, body := apptest.API(t, "POST", ts.URL+"/api/v1/clients/"+client+"/episodes", admin,
		`{"program_id":"`+program+`","on":"`+now.AddDate(0, 0, -30).Format(carepath.DateLayout)+`"}`); code != 201 {
		t.Fatalf("admit: %d %s", code, body)
	}
	monday := delivery.WeekOf(now.AddDate(0, 0, -21), time.UTC).Monday()
	code, body = apptest.API(t, "POST", ts.URL+"/api/v1/groups", admin, fmt.Sprintf(`{"program_id":%q,"name":"Process A",
		"type":"process","capacity":8,"facilitator_ids":[%q],"days":["mon","wed","fri"],"start_time":"09:00",
		"minutes":180,"start_date":%q,"end_date":%q,"room":"Room 1"}`, program, anaStaff.ID, monday, monday.AddDays(13)))
	group := apptest.CreatedID(t, code, body)
	if code, body := apptest.API(t, "POST", ts.URL+"/api/v1/groups/"+group+"/members", admin, fmt.Sprintf(`{"client_id":%q,"from":%q}`, client, monday)); code != 200 {
		t.Fatalf("member: %d %s", code, body)
	}
	for day, status := range map[int]string{0: "absent_unexcused", 2: "absent_unexcused", 4: "present"} {
		minutes := 0
		if status == "present" {
			minutes = 180
		}
		occ := delivery.OccurrenceID(group, monday.AddDays(day))
		if code, body := apptest.API(t, "PUT", ts.URL+"/api/v1/sessions/"+occ+"/attendance", ana,
			fmt.Sprintf(`{"records":[{"client_id":%q,"status":%q,"minutes":%d}],"version":0}`, client, status, minutes)); code != 200 {
			t.Fatalf("attendance: %d %s", code, body)
		}
	}
	for _, m := range []struct {
		instrument, answers string
		days                int
	}{{"phq9", "[1,1,1,1,0,0,0,0,0]", 28}, {"phq9", "[2,2,2,1,1,1,1,0,0]", 14}, {"phq9", "[1,1,1,1,1,1,0,0,1]", 0},
		{"checkin", "[7,30,2]", 20}, {"checkin", "[4,25,7]", 6}} {
		at := now.AddDate(0, 0, -m.days).Add(-time.Minute).Format(time.RFC3339)
		if code, body := apptest.API(t, "POST", ts.URL+"/api/v1/clients/"+client+"/measures", ana,
			`{"instrument":"`+m.instrument+`","answers":`+m.answers+`,"taken_at":"`+at+`"}`); code != 201 {
			t.Fatalf("measure: %d %s", code, body)
		}
	}
	return dashboardWorld{base: ts.URL, client: client, admin: admin}, ts
}

// alertIDs returns the ids of the acknowledge forms on a page, in page order.
func alertIDs(page string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`action="/staff/alerts/([0-9a-f-]+)/acknowledge"`).FindAllStringSubmatch(page, -1) {
		out = append(out, m[1])
	}
	return out
}

func TestDashboardPages(t *testing.T) {
	t.Parallel()
	w, _ := newDashboardWorld(t)
	ana := apptest.SignIn(t, w.base, "ana@example.org")
	ben := apptest.SignIn(t, w.base, "ben@example.org")
	admin := apptest.SignIn(t, w.base, "admin@example.org")
	desk := apptest.SignIn(t, w.base, "desk@example.org")

	// Ana's dashboard: the safety alert first, with the crisis protocol, then the deterioration,
	// the relapse, the absences and the weeks below the minimum.
	code, _, page := ana("GET", "/staff", nil)
	last := -1
	for _, h := range []string{"PHQ-9 item 9 answered positively — same-day review", "Reliable deterioration", "Relapse reported", "Unexcused absences in a row", "Week below the program minimum"} {
		if j := strings.Index(page, h+": Ada Quill"); j < 0 || j < last {
			t.Fatalf("Ana's dashboard: %q at %d, after %d\n%s", h, j, last, page)
		} else {
			last = j
		}
	}
	if code != 200 || !strings.Contains(page, "988") || !strings.Contains(page, "2 unexcused absences in a row.") {
		t.Fatalf("Ana's dashboard: %d", code)
	}
	for _, link := range []string{`href="/staff/clients"`, `href="/staff/intakes"`, `href="/staff/programs"`, `href="/staff/account"`, `href="/staff/clients/` + w.client + `#h-measures"`} {
		if !strings.Contains(page, link) {
			t.Errorf("Ana's dashboard lacks %s", link)
		}
	}
	ids := alertIDs(page)
	if len(ids) != 3 {
		t.Fatalf("Ana's acknowledge forms: %v", ids)
	}
	if _, _, page := admin("GET", "/staff", nil); !strings.Contains(page, "Ada Quill") || len(alertIDs(page)) != 3 {
		t.Errorf("admin does not see every alert")
	}
	if _, _, page := ben("GET", "/staff", nil); strings.Contains(page, "Ada Quill") || !strings.Contains(page, "No open alerts") {
		t.Errorf("Ben sees Ana's client's alerts")
	}
	if code, _, page := desk("GET", "/staff", nil); code != 200 || strings.Contains(page, "Ada Quill") || strings.Contains(page, "/acknowledge") ||
		!strings.Contains(page, "Clinical alerts are shown to clinicians") {
		t.Errorf("front desk dashboard: %d", code)
	}

	// The chart: the crisis flag at the top, a PHQ-9 chart with its five bands, events and a
	// text alternative.
	code, _, chart := ana("GET", "/staff/clients/"+w.client, nil)
	flag, svg := strings.Index(chart, `id="crisis-flag"`), strings.Index(chart, `id="measure-phq9"`)
	if code != 200 || flag < 0 || svg < flag || !strings.Contains(chart, `href="tel:988"`) {
		t.Fatalf("chart: %d flag at %d, svg at %d", code, flag, svg)
	}
	for _, want := range []string{`role="img"`, "Minimal", "Moderately severe", "Severe", `class="alarm"`, "Admitted at Intensive Outpatient Program (IOP)",
		"reliable deterioration", "item 9 positive", "+6 from 4", `action="/staff/clients/` + w.client + `/measure-links"`,
		`id="measure-checkin"`, "Relapse reported in a check-in", "relapse reported", `class="week"`, "absent from all 3", "attended 1 of 3"} {
		if !strings.Contains(chart, want) {
			t.Errorf("chart lacks %q", want)
		}
	}
	if n := strings.Count(chart, `class="band"`); n != 5 {
		t.Errorf("%d severity bands, want 5", n)
	}
	if _, _, page := desk("GET", "/staff/clients/"+w.client, nil); strings.Contains(page, "measure-phq9") || strings.Contains(page, "crisis-flag") {
		t.Errorf("front desk sees the measures")
	}

	// Acknowledging: a note is required (400, naming it), kept when too long; Ben cannot; twice is 409.
	ack := "/staff/alerts/" + ids[0] + "/acknowledge"
	if code, _, page := ana("POST", ack, url.Values{"note": {"  "}}); code != 400 || !strings.Contains(page, "Note (note)") || !strings.Contains(page, `id="note-`+ids[0]+`"`) {
		t.Errorf("empty note: %d\n%s", code, page)
	}
	long := strings.Repeat("x", 2001)
	if code, _, page := ana("POST", ack, url.Values{"note": {long}}); code != 400 || !strings.Contains(page, long) {
		t.Errorf("long note: %d", code)
	}
	if code, _, _ := ben("POST", ack, url.Values{"note": {"Called"}}); code != 404 {
		t.Errorf("Ben acknowledges: %d", code)
	}
	if code, loc, _ := ana("POST", ack, url.Values{"note": {"Called her; safety plan done"}}); code != 303 || !strings.HasPrefix(loc, "/staff?ack=done") {
		t.Fatalf("acknowledge: %d %s", code, loc)
	}
	if code, _, page := ana("POST", ack, url.Values{"note": {"Again"}}); code != 409 || !strings.Contains(page, "already acknowledged") ||
		!strings.Contains(page, "Called her; safety plan done") || !strings.Contains(page, "Again") {
		t.Errorf("twice: %d\n%s", code, page)
	}
	if _, _, page := ana("GET", "/staff?ack=done", nil); !strings.Contains(page, "Alert acknowledged") || len(alertIDs(page)) != 2 {
		t.Errorf("after acknowledging: %v", alertIDs(page))
	}
	if _, _, chart := ana("GET", "/staff/clients/"+w.client, nil); strings.Contains(chart, `id="crisis-flag"`) {
		t.Errorf("the crisis flag stays after the safety alert was acknowledged")
	}
}

func TestMeasureEntryPages(t *testing.T) {
	t.Parallel()
	w, ts := newDashboardWorld(t)
	ana := apptest.SignIn(t, w.base, "ana@example.org")
	desk := apptest.SignIn(t, w.base, "desk@example.org")
	path := "/staff/clients/" + w.client + "/measures"
	code, _, page := ana("GET", path+"/new?instrument=gad7", nil)
	if code != 200 || !strings.Contains(page, `name="answers[6]"`) || !strings.Contains(page, `<option value="gad7" selected>`) || !strings.Contains(page, `id="taken_at"`) {
		t.Fatalf("form: %d\n%s", code, page)
	}
	if code, _, _ := desk("GET", path+"/new", nil); code != 403 {
		t.Errorf("front desk form: %d", code)
	}
	before := apptest.CountRows(t, ts.DB, "measures", "1 = 1")
	taken := time.Now().UTC().Add(-time.Hour).Format("2006-01-02T15:04")
	form := url.Values{"instrument": {"gad7"}, "taken_at": {taken}}
	for i, a := range []string{"1", "2", "1", "", "0", "1", "1"} {
		if a != "" {
			form.Set("answers["+string(rune('0'+i))+"]", a)
		}
	}
	code, _, page = ana("POST", path, form)
	if code != 400 || !strings.Contains(page, "(answers[3])") || !strings.Contains(page, `href="#answers-3"`) ||
		!strings.Contains(page, `value="2" id="answers-1-2" checked`) || !strings.Contains(page, `value="`+taken+`"`) {
		t.Fatalf("missing answer: %d\n%s", code, page)
	}
	future := url.Values{"instrument": {"gad7"}, "taken_at": {time.Now().UTC().Add(48 * time.Hour).Format("2006-01-02T15:04")}}
	for i := range 7 {
		future.Set("answers["+string(rune('0'+i))+"]", "1")
	}
	if code, _, page := ana("POST", path, future); code != 400 || !strings.Contains(page, "Date and time taken") {
		t.Errorf("future: %d", code)
	}
	if n := apptest.CountRows(t, ts.DB, "measures", "1 = 1"); n != before {
		t.Fatalf("%d measures stored after errors", n-before)
	}
	form.Set("answers[3]", "3")
	if code, loc, _ := ana("POST", path, form); code != 303 || !strings.Contains(loc, "measure=saved") {
		t.Fatalf("save: %d %s", code, loc)
	}
	if _, _, chart := ana("GET", "/staff/clients/"+w.client+"?measure=saved", nil); !strings.Contains(chart, `id="measure-gad7"`) || !strings.Contains(chart, "The measure was saved") {
		t.Errorf("the chart lacks the GAD-7 chart")
	}

	// The answer link: at least one questionnaire; sent by email.
	links := "/staff/clients/" + w.client + "/measure-links"
	if code, _, page := ana("POST", links, url.Values{"send_to": {"email"}}); code != 400 || !strings.Contains(page, "Questionnaires: ") || !strings.Contains(page, `value="email" id="send-email" checked`) {
		t.Errorf("no instrument: %d", code)
	}
	if code, _, page := ana("POST", links, url.Values{"instruments": {"phq9"}, "send_to": {"sms"}}); code != 400 || !strings.Contains(page, "Send by") {
		t.Errorf("no phone: %d\n%s", code, page)
	}
	// Without a mail server the link is made and logged, and the chart says it was not emailed.
	if code, loc, _ := ana("POST", links, url.Values{"instruments": {"phq9", "gad7"}, "send_to": {"email"}}); code != 303 || !strings.Contains(loc, "measure=logged") {
		t.Errorf("send: %d %s", code, loc)
	}
	if n := apptest.CountRows(t, ts.DB, "measure_links", "1 = 1"); n != 1 {
		t.Errorf("%d links stored", n)
	}
}

// TestAnswerPageFooter checks that the public answer pages say what is stored and who sees it,
// the decision aid keeps its "nothing is stored" line, and staff pages say neither.
func TestAnswerPageFooter(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	_, token := answerLink(t, ts.URL, st, "gad7")
	c := apptest.Browser(t)
	const aidLine = "Nothing you answer here is stored unless you ask us to contact you."
	const answerLine = "only your care team there sees them"
	if code, _, page := apptest.Send(t, c, "GET", ts.URL+"/m/"+token, nil); code != 200 || strings.Contains(page, aidLine) || !strings.Contains(page, answerLine) {
		t.Errorf("answer page footer: %d", code)
	}
	if code, _, page := apptest.Send(t, c, "GET", ts.URL+"/m/not-a-token", nil); code != 404 || strings.Contains(page, aidLine) || !strings.Contains(page, answerLine) {
		t.Errorf("answer gone footer: %d", code)
	}
	if code, _, page := apptest.Send(t, c, "GET", ts.URL+"/", nil); code != 200 || !strings.Contains(page, aidLine) || strings.Contains(page, answerLine) {
		t.Errorf("decision aid footer: %d", code)
	}
	// Staff pages store what is typed into them, so they make neither promise.
	if code, _, page := apptest.Send(t, c, "GET", ts.URL+"/login", nil); code != 200 || strings.Contains(page, aidLine) || strings.Contains(page, answerLine) {
		t.Errorf("staff sign-in footer: %d", code)
	}
}
