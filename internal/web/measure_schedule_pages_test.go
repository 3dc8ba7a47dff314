package web_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestMeasureSchedulePages shows a client's schedule (the IOP default, with the check-in
// because the client has check-ins), overrides it, rejects bad input with every field named
// and what was chosen kept, goes back to the default, and keeps the front desk (403) and
// another clinician (404) out.
func TestMeasureSchedulePages(t *testing.T) {
	t.Parallel()
	w, ts := newDashboardWorld(t)
	ana := apptest.SignIn(t, w.base, "ana@example.org")
	ben := apptest.SignIn(t, w.base, "ben@example.org")
	desk := apptest.SignIn(t, w.base, "desk@example.org")
	path := "/staff/clients/" + w.client + "/measure-schedule"

	if _, _, chart := ana("GET", "/staff/clients/"+w.client, nil); !strings.Contains(chart, `href="`+path+`"`) {
		t.Errorf("the chart's measures section does not link to the schedule")
	}
	code, _, page := ana("GET", path, nil)
	for _, want := range []string{"The default for Intensive Outpatient Program (IOP).", `<dd id="current-every">Every week (7 days)</dd>`,
		`<dd id="current-repeated">PHQ-9, GAD-7, Check-in</dd>`, `<dd id="current-bookends">AUDIT, DAST-10</dd>`,
		`id="every_days" name="every_days" min="0" max="90" step="1" inputmode="numeric" value="7"`,
		`value="phq9" id="repeated-phq9" checked`, `value="checkin" id="repeated-checkin" checked`, `value="dast10" id="bookends-dast10" checked`} {
		if !strings.Contains(page, want) {
			t.Errorf("schedule page lacks %q", want)
		}
	}
	if code != 200 || strings.Contains(page, `id="reset-schedule"`) {
		t.Fatalf("schedule page: %d\n%s", code, page)
	}

	t.Run("invalid input is 400 naming each field, with the choices kept", func(t *testing.T) {
		form := url.Values{"every_days": {"weekly"}, "repeated": {"gad7", "bogus"}, "bookends": {"auditc"}}
		code, _, page := ana("POST", path, form)
		for _, want := range []string{`href="#every_days"`, "(every_days)", "(repeated[1])", `value="weekly"`, `aria-invalid="true"`,
			`value="gad7" id="repeated-gad7" checked`, `value="auditc" id="bookends-auditc" checked`, `id="repeated-error"`} {
			if !strings.Contains(page, want) {
				t.Errorf("400 page lacks %q", want)
			}
		}
		if code != 400 || strings.Contains(page, `value="phq9" id="repeated-phq9" checked`) {
			t.Errorf("invalid: %d", code)
		}
		code, _, page = ana("POST", path, url.Values{"every_days": {"91"}})
		if code != 400 || !strings.Contains(page, "(every_days)") || !strings.Contains(page, "(repeated)") || !strings.Contains(page, `value="91"`) {
			t.Errorf("out of range, nothing repeated: %d\n%s", code, page)
		}
		if n := apptest.CountRows(t, ts.DB, "measure_schedules", "1 = 1"); n != 0 {
			t.Errorf("%d schedules stored after invalid input", n)
		}
	})

	t.Run("override, then back to the default", func(t *testing.T) {
		code, loc, _ := ana("POST", path, url.Values{"every_days": {"3"}, "repeated": {"phq9"}})
		if code != 303 || loc != path+"?done=saved" {
			t.Fatalf("override: %d %s", code, loc)
		}
		_, _, page := ana("GET", loc, nil)
		for _, want := range []string{"The schedule was saved", "Set by the care team", `<dd id="current-every">Every 3 days</dd>`,
			`<dd id="current-repeated">PHQ-9</dd>`, `<dd id="current-bookends">none</dd>`, `id="reset-schedule"`, "every time: PHQ-9, GAD-7, Check-in"} {
			if !strings.Contains(page, want) {
				t.Errorf("overridden schedule lacks %q", want)
			}
		}
		code, body := apptest.API(t, "GET", w.base+"/api/v1/clients/"+w.client+"/measures", w.admin, "")
		var series struct {
			Schedule struct {
				EveryDays int  `json:"every_days"`
				Override  bool `json:"override"`
			} `json:"schedule"`
		}
		if err := json.Unmarshal([]byte(body), &series); err != nil || code != 200 || series.Schedule.EveryDays != 3 || !series.Schedule.Override {
			t.Errorf("API after override: %d %s", code, body)
		}
		// Ben and the front desk may not reset it.
		if code, _, _ := ben("POST", path, url.Values{"action": {"reset"}}); code != 404 {
			t.Errorf("Ben resets: %d", code)
		}
		if code, _, _ := desk("POST", path, url.Values{"action": {"reset"}}); code != 403 {
			t.Errorf("front desk resets: %d", code)
		}
		code, loc, _ = ana("POST", path, url.Values{"action": {"reset"}})
		if code != 303 || loc != path+"?done=reset" {
			t.Fatalf("reset: %d %s", code, loc)
		}
		_, _, page = ana("GET", loc, nil)
		if !strings.Contains(page, "follows the level&#39;s default again") || !strings.Contains(page, `<dd id="current-every">Every week (7 days)</dd>`) ||
			strings.Contains(page, `id="reset-schedule"`) {
			t.Errorf("after reset:\n%s", page)
		}
		if n := apptest.CountRows(t, ts.DB, "measure_schedules", "1 = 1"); n != 0 {
			t.Errorf("%d schedules stored after reset", n)
		}
	})

	t.Run("front desk 403, another clinician 404", func(t *testing.T) {
		form := url.Values{"every_days": {"3"}, "repeated": {"phq9"}}
		if code, _, _ := desk("GET", path, nil); code != 403 {
			t.Errorf("front desk GET: %d", code)
		}
		if code, _, _ := desk("POST", path, form); code != 403 {
			t.Errorf("front desk POST: %d", code)
		}
		if code, _, page := ben("GET", path, nil); code != 404 || strings.Contains(page, "Ada") {
			t.Errorf("Ben GET: %d", code)
		}
		if code, _, _ := ben("POST", path, form); code != 404 {
			t.Errorf("Ben POST: %d", code)
		}
		if n := apptest.CountRows(t, ts.DB, "measure_schedules", "1 = 1"); n != 0 {
			t.Errorf("%d schedules stored by others", n)
		}
	})
}

// TestAcknowledgedAlertsPage acknowledges two of a clinician's alerts and lists them, newest
// acknowledgement first with who, when and the note: for her and for an admin, not for
// another clinician, and not at all for the front desk.
func TestAcknowledgedAlertsPage(t *testing.T) {
	t.Parallel()
	w, _ := newDashboardWorld(t)
	ana := apptest.SignIn(t, w.base, "ana@example.org")
	ben := apptest.SignIn(t, w.base, "ben@example.org")
	admin := apptest.SignIn(t, w.base, "admin@example.org")
	desk := apptest.SignIn(t, w.base, "desk@example.org")
	const path = "/staff/alerts/acknowledged"

	_, _, home := ana("GET", "/staff", nil)
	if !strings.Contains(home, `href="`+path+`"`) {
		t.Errorf("the dashboard does not link to the acknowledged alerts")
	}
	if code, _, page := ana("GET", path, nil); code != 200 || !strings.Contains(page, "No acknowledged alerts yet") {
		t.Fatalf("before any acknowledgement: %d", code)
	}
	ids := alertIDs(home)
	if len(ids) < 2 {
		t.Fatalf("alerts: %v", ids)
	}
	for i, note := range []string{"Called her; safety plan reviewed", "Talked through the relapse plan"} {
		if code, _, _ := ana("POST", "/staff/alerts/"+ids[i]+"/acknowledge", url.Values{"note": {note}}); code != 303 {
			t.Fatalf("acknowledge %d: %d", i, code)
		}
	}
	for name, as := range map[string]func(string, string, url.Values) (int, string, string){"Ana": ana, "admin": admin} {
		code, _, page := as("GET", path, nil)
		first, second := strings.Index(page, "Talked through the relapse plan"), strings.Index(page, "Called her; safety plan reviewed")
		if code != 200 || first < 0 || second < first {
			t.Errorf("%s: %d, newest note at %d, older at %d", name, code, first, second)
		}
		for _, want := range []string{"Ada Quill", `href="/staff/clients/` + w.client + `#h-measures"`, "PHQ-9 item 9 answered positively", "<caption"} {
			if !strings.Contains(page, want) {
				t.Errorf("%s's page lacks %q", name, want)
			}
		}
		if n := strings.Count(page, "<td>Dr clinician</td>"); n != 2 {
			t.Errorf("%s's page names the one who acknowledged %d times, want 2", name, n)
		}
	}
	if code, _, page := ben("GET", path, nil); code != 200 || strings.Contains(page, "Ada Quill") || strings.Contains(page, "relapse plan") {
		t.Errorf("Ben sees Ana's client's acknowledged alerts: %d", code)
	}
	if code, _, page := desk("GET", path, nil); code != 403 || strings.Contains(page, "relapse plan") {
		t.Errorf("front desk: %d", code)
	}
}

// TestBrowserMeasureSchedule overrides a client's schedule with the keyboard only: an
// out-of-range number first (400, the summary focused, the number kept), then a good one, then
// back to the default; and reads the acknowledged alerts after acknowledging one. axe-core
// runs on each page.
func TestBrowserMeasureSchedule(t *testing.T) {
	t.Parallel()
	axe := loadAxe(t)
	skipBrowser(t)
	w, _ := newDashboardWorld(t)
	b := newBrowserOn(t, w.base)
	path := "/staff/clients/" + w.client + "/measure-schedule"

	b.open("/login")
	b.typeInto("login-email", "ana@example.org")
	b.typeInto("login-password", apptest.Password)
	b.navigate("sign in", 200, chromedp.KeyEvent(kb.Enter))

	b.open(path)
	b.axeCheck("measurement schedule", axe)
	b.do("type 95 days", chromedp.SetValue(chromedp.ID("every_days"), ""), chromedp.Focus(chromedp.ID("every_days")), chromedp.KeyEvent("95"))
	b.navigate("save 95 days", 400, chromedp.Steps(chromedp.Focus(chromedp.ID("save-schedule")), chromedp.KeyEvent(kb.Enter)))
	if got := js[string](b, `document.activeElement.id + ' ' + document.getElementById('error-summary').textContent`); !strings.HasPrefix(got, "error-summary") || !strings.Contains(got, "every_days") {
		t.Errorf("error summary: %q", clip(got, 200))
	}
	if got := js[string](b, `document.getElementById('every_days').value`); got != "95" {
		t.Errorf("the number typed was not kept: %q", got)
	}
	b.axeCheck("measurement schedule with an error", axe)
	b.followLink("follow the summary link", `#error-summary a`, "every_days")
	b.do("type 10 days", chromedp.SetValue(chromedp.ID("every_days"), ""), chromedp.Focus(chromedp.ID("every_days")), chromedp.KeyEvent("10"))
	b.navigate("save 10 days", 200, chromedp.Steps(chromedp.Focus(chromedp.ID("save-schedule")), chromedp.KeyEvent(kb.Enter)))
	if got := js[string](b, `document.getElementById('current-every').textContent + ' ' + document.querySelector('main').textContent`); !strings.HasPrefix(got, "Every 10 days") || !strings.Contains(got, "The schedule was saved") {
		t.Errorf("after saving: %q", clip(got, 300))
	}
	b.axeCheck("overridden measurement schedule", axe)
	b.navigate("back to the default", 200, chromedp.Steps(chromedp.Focus(chromedp.ID("reset-schedule")), chromedp.KeyEvent(kb.Enter)))
	if got := js[string](b, `document.getElementById('current-every').textContent`); got != "Every week (7 days)" {
		t.Errorf("after going back to the default: %q", got)
	}

	b.open("/staff")
	first := js[string](b, `document.querySelector('ol.alerts li[data-id]').dataset.id`)
	b.do("type the note", chromedp.Focus(chromedp.ID("note-"+first)), chromedp.KeyEvent("Called her today; safety plan reviewed."))
	b.navigate("acknowledge", 200, chromedp.Steps(chromedp.Focus(chromedp.ID("ack-"+first)), chromedp.KeyEvent(kb.Enter)))
	b.open("/staff/alerts/acknowledged")
	if got := js[string](b, `document.querySelector('table.acknowledged-alerts tbody').textContent`); !strings.Contains(got, "safety plan reviewed") {
		t.Errorf("acknowledged alerts: %q", clip(got, 300))
	}
	b.axeCheck("acknowledged alerts", axe)
}
