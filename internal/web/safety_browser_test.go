package web_test

import (
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/chromedp/chromedp"
)

// TestBrowserSafetyPlanOnAPhone writes a safety plan in the chart on a 390×844 phone (a
// missing step comes back in the error summary with what was typed kept), saves it, shows the
// client's link, and opens it as the client would: the six steps fit the screen, phone
// numbers are links to call, 988 and 911 are there, and the client is not named. axe-core
// runs on each page.
func TestBrowserSafetyPlanOnAPhone(t *testing.T) {
	t.Parallel()
	axe := loadAxe(t)
	b := newBrowser(t)
	s := apptest.SeedChart(t, b.srv.Store)
	b.do("emulate a phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(3), chromedp.EmulateMobile, chromedp.EmulateTouch))
	b.signInBrowser("ana@example.org")
	plan := "/staff/clients/" + s.Client.ID + "/safety-plan"

	b.open(plan + "/edit")
	b.axeCheck("safety plan form", axe)
	b.typeInto("plan-warning_signs", "Not sleeping\nPulling away from friends")
	b.typeInto("help_contacts-0-name", "Sister Rosa")
	b.typeInto("help_contacts-0-phone", "555-010-7777")
	b.typeInto("plan-safe_environment", "Rosa keeps the medicines")
	b.navigate("save without coping strategies", 400, chromedp.Click(chromedp.ID("plan-save")))
	if got := js[string](b, `document.getElementById('error-summary').textContent`); !strings.Contains(got, "to cope") || !strings.Contains(got, "written with the client") {
		t.Errorf("error summary: %q", clip(got, 300))
	}
	if got := js[string](b, `document.getElementById('help_contacts-0-name').value`); got != "Sister Rosa" {
		t.Errorf("what was typed is lost: %q", got)
	}
	b.axeCheck("safety plan form with errors", axe)
	b.typeInto("plan-coping_strategies", "Walk the dog")
	b.click("plan-with-client")
	b.navigate("save", 200, chromedp.Click(chromedp.ID("plan-save")))
	if got := b.path(); !strings.HasPrefix(got, plan) {
		t.Fatalf("after saving: %s", got)
	}
	if o := b.overflow(390); o.ScrollWidth > 390 || len(o.Offenders) > 0 {
		t.Errorf("the chart's plan is wider than the phone: %+v", o)
	}
	b.axeCheck("safety plan", axe)
	b.navigate("show the link", 200, chromedp.Click(chromedp.ID("plan-link-show")))
	link := js[string](b, `document.getElementById('plan-link-url').getAttribute('href')`)
	if !strings.Contains(link, "/p/") {
		t.Fatalf("no link shown: %q", link)
	}

	// The client opens the link on their phone.
	b.open(strings.TrimPrefix(link, b.base))
	main := js[string](b, `document.querySelector('main').textContent`)
	for _, want := range []string{"My safety plan", "Not sleeping", "Walk the dog", "Sister Rosa", "988", "911", "Step 6"} {
		if !strings.Contains(main, want) {
			t.Errorf("the client's plan lacks %q", want)
		}
	}
	if strings.Contains(main, "Robin") || strings.Contains(main, "Lake") {
		t.Errorf("the client's plan names them")
	}
	if !js[bool](b, `!!document.querySelector('a.call[href="tel:555-010-7777"]') && !!document.querySelector('a[href="tel:988"]')`) {
		t.Error("phone numbers are not links to call")
	}
	if o := b.overflow(390); o.ScrollWidth > 390 || len(o.Offenders) > 0 {
		t.Errorf("the client's plan is wider than the phone: %+v", o)
	}
	b.axeCheck("the client's safety plan", axe)
}

// TestBrowserCSSRSInTheChart enters a C-SSRS screener in the chart: the form shows the six
// questions with when to ask 3–5, a yes to question 2 and to intent raises the same-day alert,
// the chart shows the crisis flag naming the screen and its risk over time. axe-core runs on
// the entry form and the chart.
func TestBrowserCSSRSInTheChart(t *testing.T) {
	t.Parallel()
	axe := loadAxe(t)
	b := newBrowser(t)
	s := apptest.SeedChart(t, b.srv.Store)
	b.do("desktop window", chromedp.EmulateViewport(1280, 900))
	b.signInBrowser("ana@example.org")
	b.open("/staff/clients/" + s.Client.ID + "/measures/new?instrument=cssrs")
	text := js[string](b, `document.getElementById('measure-form').textContent`)
	if !strings.Contains(text, "Ask only after a yes to question 2") || !strings.Contains(text, "Columbia") {
		t.Errorf("the C-SSRS form: %q", clip(text, 400))
	}
	b.axeCheck("C-SSRS entry", axe)
	// Yes to 1, 2 and 4 (intent); no to 3 and 5; never acted (6: no).
	for i, v := range []string{"0", "0", "1", "0", "1", "2"} {
		id := "answers-" + string(rune('0'+i))
		if v != "0" {
			id += "-" + v
		}
		b.click(id)
	}
	b.navigate("save", 200, chromedp.Click(chromedp.CSS(`#measure-form button[type=submit]`)))
	chart := js[string](b, `document.querySelector('main').textContent`)
	if !strings.Contains(chart, "suicide-risk screen (C-SSRS) was positive") || !strings.Contains(chart, "C-SSRS screener risk over time") {
		t.Errorf("the chart after a positive C-SSRS: %q", clip(chart, 600))
	}
	b.axeCheck("chart with a positive C-SSRS", axe)
	b.open("/staff")
	if got := js[string](b, `document.querySelector('main').textContent`); !strings.Contains(got, "Suicide-risk screen (C-SSRS) positive") {
		t.Errorf("the dashboard does not label the C-SSRS alert: %q", clip(got, 600))
	}
}

// TestBrowserOnCallAndAlertPages has an admin put someone on call on the program's on-call
// page (the loud warning goes once someone is), then opens the alert a positive
// item 9 raises (how to reach the client, who was paged) and the assessment form, where
// ticking self-harm opens the C-SSRS. axe-core runs on each page.
func TestBrowserOnCallAndAlertPages(t *testing.T) {
	t.Parallel()
	axe := loadAxe(t)
	b := newBrowser(t)
	s := apptest.SeedChart(t, b.srv.Store)
	members := []carepath.ProgramMember{{StaffID: s.Clinician.ID, Role: carepath.ProgramRoleClinician}}
	if _, err := b.srv.Services.ProgramDetails.UpdateProgramDetails(apptest.System(), s.Program.ID, carepath.ProgramDetailsUpdate{Version: 1, Staff: &members}); err != nil {
		t.Fatal(err)
	}
	b.do("desktop window", chromedp.EmulateViewport(1280, 900))
	b.signInBrowser("admin@example.org")
	b.open("/staff/programs/" + s.Program.ID + "/settings")
	if !js[bool](b, `!!document.getElementById('no-on-call')`) {
		t.Error("the settings page does not warn that nobody is on call")
	}
	b.open("/staff/programs/" + s.Program.ID + "/on-call")
	b.axeCheck("on-call page", axe)
	b.do("choose the primary", chromedp.SetValue(chromedp.ID("oncall-primary"), s.Clinician.ID))
	b.navigate("save the rota", 200, chromedp.Click(chromedp.ID("oncall-save")))
	if js[bool](b, `!!document.getElementById('no-on-call')`) {
		t.Error("the warning stays after someone is on call")
	}
	b.axeCheck("on-call page saved", axe)

	_, raised, err := b.srv.Services.Measures.CreateMeasure(apptest.System(), s.Client.ID, carepath.MeasureInput{Instrument: "phq9",
		Answers: []int{2, 2, 2, 2, 2, 2, 2, 2, 3}, TakenAt: time.Now().Add(-time.Minute)})
	if err != nil || len(raised) == 0 {
		t.Fatalf("measure: %v", err)
	}
	b.open("/staff/alerts/" + raised[0].ID)
	if got := js[string](b, `document.querySelector('main').textContent`); !strings.Contains(got, "Robin Lake") || !strings.Contains(got, "Who was paged") {
		t.Errorf("alert page: %q", clip(got, 400))
	}
	b.axeCheck("alert page", axe)
	b.open("/staff/clients/" + s.Client.ID + "/assess")
	b.click("assess-self-harm")
	if !js[bool](b, `document.getElementById('assess-cssrs').open`) {
		t.Error("ticking self-harm does not open the C-SSRS")
	}
	b.axeCheck("assessment form with the C-SSRS", axe)
}
