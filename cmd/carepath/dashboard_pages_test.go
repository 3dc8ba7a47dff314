package main

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
)

// dashboardWorld is a clinic with one client of Ana's whose PHQ-9s show a reliable
// deterioration and then a positive item 9.
type dashboardWorld struct {
	base, client, admin string
}

func newDashboardWorld(t *testing.T) (dashboardWorld, *store.Store) {
	t.Helper()
	ts, st := testServer(t)
	admin, _ := staffToken(t, st, "admin@example.org", carepath.RoleAdmin)
	ana, anaStaff := staffToken(t, st, "ana@example.org", carepath.RoleClinician)
	addTestStaff(t, st, "ben@example.org", carepath.RoleClinician)
	addTestStaff(t, st, "desk@example.org", carepath.RoleFrontDesk)
	client := measureClient(t, ts.URL, admin, anaStaff.ID)
	now := time.Now().UTC()
	for _, m := range []struct {
		answers string
		days    int
	}{{"[1,1,1,1,0,0,0,0,0]", 28}, {"[2,2,2,1,1,1,1,0,0]", 14}, {"[1,1,1,1,1,1,0,0,1]", 0}} {
		at := now.AddDate(0, 0, -m.days).Add(-time.Minute).Format(time.RFC3339)
		if code, body := apiCall(t, "POST", ts.URL+"/api/v1/clients/"+client+"/measures", ana,
			`{"instrument":"phq9","answers":`+m.answers+`,"taken_at":"`+at+`"}`); code != 201 {
			t.Fatalf("measure: %d %s", code, body)
		}
	}
	return dashboardWorld{base: ts.URL, client: client, admin: admin}, st
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
	w, _ := newDashboardWorld(t)
	ana := signInAs(t, w.base, "ana@example.org")
	ben := signInAs(t, w.base, "ben@example.org")
	admin := signInAs(t, w.base, "admin@example.org")
	desk := signInAs(t, w.base, "desk@example.org")

	// Ana's dashboard: the safety alert first, with the crisis protocol, then the deterioration.
	code, _, page := ana("GET", "/staff", nil)
	safety := strings.Index(page, "PHQ-9 item 9 answered positively")
	deterioration := strings.Index(page, "Reliable deterioration")
	if code != 200 || safety < 0 || deterioration < safety || !strings.Contains(page, "Ada Quill") || !strings.Contains(page, "988") {
		t.Fatalf("Ana's dashboard: %d safety at %d, deterioration at %d\n%s", code, safety, deterioration, page)
	}
	for _, link := range []string{`href="/staff/clients"`, `href="/staff/intakes"`, `href="/staff/programs"`, `href="/staff/account/calendar"`, `href="/staff/clients/` + w.client + `#h-measures"`} {
		if !strings.Contains(page, link) {
			t.Errorf("Ana's dashboard lacks %s", link)
		}
	}
	ids := alertIDs(page)
	if len(ids) != 2 {
		t.Fatalf("Ana's acknowledge forms: %v", ids)
	}
	if _, _, page := admin("GET", "/staff", nil); !strings.Contains(page, "Ada Quill") || len(alertIDs(page)) != 2 {
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
		"reliable deterioration", "item 9 positive", "+6 from 4", `action="/staff/clients/` + w.client + `/measure-links"`} {
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
	if _, _, page := ana("GET", "/staff?ack=done", nil); !strings.Contains(page, "Alert acknowledged") || len(alertIDs(page)) != 1 {
		t.Errorf("after acknowledging: %v", alertIDs(page))
	}
	if _, _, chart := ana("GET", "/staff/clients/"+w.client, nil); strings.Contains(chart, `id="crisis-flag"`) {
		t.Errorf("the crisis flag stays after the safety alert was acknowledged")
	}
}

func TestMeasureEntryPages(t *testing.T) {
	w, st := newDashboardWorld(t)
	ana := signInAs(t, w.base, "ana@example.org")
	desk := signInAs(t, w.base, "desk@example.org")
	path := "/staff/clients/" + w.client + "/measures"
	code, _, page := ana("GET", path+"/new?instrument=gad7", nil)
	if code != 200 || !strings.Contains(page, `name="answers[6]"`) || !strings.Contains(page, `<option value="gad7" selected>`) || !strings.Contains(page, `id="taken_at"`) {
		t.Fatalf("form: %d\n%s", code, page)
	}
	if code, _, _ := desk("GET", path+"/new", nil); code != 403 {
		t.Errorf("front desk form: %d", code)
	}
	before := countTableRows(t, st, "measures", "1 = 1")
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
	if n := countTableRows(t, st, "measures", "1 = 1"); n != before {
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
	if code, loc, _ := ana("POST", links, url.Values{"instruments": {"phq9", "gad7"}, "send_to": {"email"}}); code != 303 || !strings.Contains(loc, "measure=sent") {
		t.Errorf("send: %d %s", code, loc)
	}
	if n := countTableRows(t, st, "measure_links", "1 = 1"); n != 1 {
		t.Errorf("%d links stored", n)
	}
}
