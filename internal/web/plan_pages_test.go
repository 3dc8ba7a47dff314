package web_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
	"github.com/chromedp/chromedp"
)

// planFormValues is a one-problem plan as the plan form posts it, with a spare blank goal
// row that must not be saved.
func planFormValues(statement, target string) url.Values {
	return url.Values{
		"review_date":             {""},
		"p0.statement":            {statement},
		"p0.in_own_words":         {"I can't stop worrying"},
		"p0.g0.statement":         {"Reduce anxiety to mild"},
		"p0.g0.in_own_words":      {"Feel calm at work"},
		"p0.g0.o0.statement":      {"GAD-7 below 10"},
		"p0.g0.o0.target_date":    {target},
		"p0.g0.o0.i0.kind":        {"cbt"},
		"p0.g0.o0.i0.description": {"exposure work"},
		"p0.g0.o0.i0.frequency":   {"weekly"},
		"p0.g0.o0.i1.kind":        {""},
		"p0.g0.o0.i1.description": {""},
		"p0.g0.o0.i1.frequency":   {""},
		"p0.g1.statement":         {""},
		"p0.g1.in_own_words":      {""},
		"p0.g1.o0.statement":      {""},
		"p0.g1.o0.target_date":    {""},
		"action":                  {"save"},
	}
}

// TestPlanPages walks a plan through the chart's pages: the first draft (with an "add
// another" row and a bad target date), an edit, a stale revision (409, typed values kept),
// signing, a signed plan that cannot be edited, the client's acknowledgement and a new
// version copied from the signed one; front desk gets 403 and another clinician's client 404.
func TestPlanPages(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	s := apptest.SeedChart(t, st)
	ana := apptest.SignIn(t, ts.URL, "ana@example.org")
	desk := apptest.SignIn(t, ts.URL, "desk@example.org")
	plans := "/staff/clients/" + s.Client.ID + "/plans"
	due := time.Now().UTC().AddDate(0, 2, 0).Format(carepath.DateLayout)

	if code, _, body := ana("GET", plans, nil); code != 200 || !strings.Contains(body, "Write the first treatment plan") {
		t.Fatalf("empty plan page: %d", code)
	}
	if code, _, body := ana("GET", plans+"/new", nil); code != 200 || !strings.Contains(body, `id="plan-p0-g0-o0-target_date"`) ||
		!strings.Contains(body, `for="plan-p0-in_own_words"`) {
		t.Fatalf("new plan form: %d", code)
	}
	t.Run("add another goal keeps what was typed", func(t *testing.T) {
		code, _, body := ana("POST", plans, formWith(planFormValues("Generalized anxiety", due), "add", "p0", "action", ""))
		if code != 200 || !strings.Contains(body, `id="plan-p0-g2-statement"`) || !strings.Contains(body, "Generalized anxiety") {
			t.Errorf("add a goal: %d", code)
		}
	})
	t.Run("a bad target date is 400 naming the field", func(t *testing.T) {
		code, _, body := ana("POST", plans, planFormValues("Generalized anxiety", "2026-02-30"))
		if code != 400 || !strings.Contains(body, `href="#plan-p0-g0-o0-target_date"`) ||
			!strings.Contains(body, `id="plan-p0-g0-o0-target_date-error"`) || !strings.Contains(body, `value="2026-02-30"`) ||
			!strings.Contains(body, "exposure work") {
			t.Errorf("bad target date: %d %s", code, clip(body, 300))
		}
	})

	code, loc, _ := ana("POST", plans, planFormValues("Generalized anxiety", due))
	if code != 303 || !strings.HasPrefix(loc, plans+"/") || !strings.HasSuffix(loc, "/edit") {
		t.Fatalf("create plan: %d %q", code, loc)
	}
	edit := loc
	first := strings.TrimSuffix(strings.TrimPrefix(loc, plans+"/"), "/edit")
	p, err := store.NewTreatmentPlanService(st).FindPlanByID(apptest.System(), first)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Problems) != 1 || len(p.Problems[0].Goals) != 1 || len(p.Problems[0].Goals[0].Objectives[0].Interventions) != 1 {
		t.Errorf("blank rows were stored: %+v", p.Problems)
	}

	if code, _, body := ana("GET", edit, nil); code != 200 || !strings.Contains(body, `name="revision" value="1"`) ||
		!strings.Contains(body, "Feel calm at work") {
		t.Fatalf("edit form: %d", code)
	}
	if code, loc, _ := ana("POST", edit, formWith(planFormValues("GAD, moderate", due), "revision", "1")); code != 303 || loc != plans {
		t.Fatalf("save draft: %d %q", code, loc)
	}
	t.Run("a stale revision is 409 and keeps the typed values", func(t *testing.T) {
		code, _, body := ana("POST", edit, formWith(planFormValues("GAD, severe", due), "revision", "1"))
		if code != 409 || !strings.Contains(body, "Someone else changed this plan") || !strings.Contains(body, "GAD, severe") {
			t.Errorf("stale save: %d", code)
		}
	})
	t.Run("a bad date in the edit form is 400", func(t *testing.T) {
		code, _, body := ana("POST", edit, formWith(planFormValues("GAD, moderate", "soon"), "revision", "2"))
		if code != 400 || !strings.Contains(body, `href="#plan-p0-g0-o0-target_date"`) || !strings.Contains(body, `value="soon"`) {
			t.Errorf("bad date on edit: %d", code)
		}
	})
	code, _, body := ana("GET", plans, nil)
	if code != 200 || !strings.Contains(body, "Draft, version 1") || !strings.Contains(body, "GAD, moderate") ||
		!strings.Contains(body, "In the client's words: “Feel calm at work”") || !strings.Contains(body, "Sign this plan") {
		t.Fatalf("plan page with a draft: %d", code)
	}
	if code, _, _ := ana("POST", edit[:len(edit)-len("edit")]+"sign", url.Values{"revision": {"1"}}); code != 409 {
		t.Errorf("sign at a stale revision: %d", code)
	}
	if code, loc, _ := ana("POST", edit[:len(edit)-len("edit")]+"sign", url.Values{"revision": {"2"}}); code != 303 || loc != plans {
		t.Fatalf("sign: %d %q", code, loc)
	}
	t.Run("a signed plan cannot be edited", func(t *testing.T) {
		if code, _, body := ana("GET", edit, nil); code != 409 || !strings.Contains(body, "never edited") {
			t.Errorf("edit form of a signed plan: %d", code)
		}
		if code, _, body := ana("POST", edit, formWith(planFormValues("Changed after signing", due), "revision", "3")); code != 409 ||
			!strings.Contains(body, "never edited") || !strings.Contains(body, "Changed after signing") {
			t.Errorf("save a signed plan: %d", code)
		}
	})
	ack := edit[:len(edit)-len("edit")] + "acknowledge"
	if code, _, body := ana("POST", ack, url.Values{}); code != 400 || !strings.Contains(body, `id="plan-ack-error"`) {
		t.Errorf("acknowledge without how: %d", code)
	}
	if code, _, _ := ana("POST", ack, url.Values{"how": {"in_person"}}); code != 303 {
		t.Errorf("acknowledge: %d", code)
	}
	if code, _, _ := ana("POST", ack, url.Values{"how": {"verbal"}}); code != 409 {
		t.Errorf("acknowledge twice: %d", code)
	}
	code, _, body = ana("GET", "/staff/clients/"+s.Client.ID, nil)
	if code != 200 || !strings.Contains(body, "Current plan: version 1, signed") || !strings.Contains(body, "GAD, moderate") ||
		!strings.Contains(body, "The client acknowledged it") {
		t.Errorf("chart with a signed plan: %d", code)
	}

	code, loc, _ = ana("POST", plans, url.Values{"action": {"copy"}})
	if code != 303 || !strings.HasSuffix(loc, "/edit") || loc == edit {
		t.Fatalf("start a new version: %d %q", code, loc)
	}
	if code, _, body := ana("GET", loc, nil); code != 200 || !strings.Contains(body, "draft version 2") || !strings.Contains(body, "GAD, moderate") {
		t.Errorf("new version copies the last: %d", code)
	}
	if code, _, body := ana("POST", plans, url.Values{"action": {"copy"}}); code != 409 || !strings.Contains(body, "already has a draft") {
		t.Errorf("a second draft: %d", code)
	}
	code, _, body = ana("GET", plans, nil)
	if code != 200 || !strings.Contains(body, "Draft, version 2") || !strings.Contains(body, "Current plan, version 1 (signed)") ||
		!strings.Contains(body, "Version 2</a>") || !strings.Contains(body, "Version 1</a>") {
		t.Errorf("plan page with both versions: %d", code)
	}
	if code, _, body := ana("GET", plans+"/"+first, nil); code != 200 || !strings.Contains(body, "Treatment plan, version 1") {
		t.Errorf("version page: %d", code)
	}

	t.Run("front desk may not see plans", func(t *testing.T) {
		for _, path := range []string{plans, plans + "/new", plans + "/" + first, edit} {
			if code, _, body := desk("GET", path, nil); code != 403 || strings.Contains(body, "GAD") {
				t.Errorf("front desk GET %s: %d", path, code)
			}
		}
		if code, _, _ := desk("POST", plans, url.Values{"action": {"copy"}}); code != 403 {
			t.Errorf("front desk starts a version: %d", code)
		}
		if code, _, body := desk("GET", "/staff/clients/"+s.Client.ID, nil); code != 200 ||
			!strings.Contains(body, "Treatment plans are not available for your role") || strings.Contains(body, "GAD") {
			t.Errorf("front desk chart: %d", code)
		}
	})
	t.Run("another clinician's client is not found", func(t *testing.T) {
		if code, _, body := ana("GET", "/staff/clients/"+s.Other.ID+"/plans", nil); code != 404 || strings.Contains(body, "Harper") {
			t.Errorf("other client's plans: %d", code)
		}
		if code, _, _ := ana("GET", "/staff/clients/"+s.Other.ID+"/plans/"+first, nil); code != 404 {
			t.Errorf("a plan under another client's path: %d", code)
		}
	})
}

// TestBrowserPlanPages writes, edits, signs and acknowledges a plan in the browser as a
// clinician (with an "add another" row and a 400 on the way), records a Part 2 consent, and
// runs axe-core on the plan and consent pages.
func TestBrowserPlanPages(t *testing.T) {
	t.Parallel()
	axe := loadAxe(t)
	b := newBrowser(t)
	st := b.srv.Store
	s := apptest.SeedChart(t, st)
	plans := "/staff/clients/" + s.Client.ID + "/plans"
	due := time.Now().UTC().AddDate(0, 3, 0).Format(carepath.DateLayout)
	const width = 768
	b.do("emulate a tablet", chromedp.EmulateViewport(width, 1024, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch))
	fits := func(page string) {
		t.Helper()
		if o := b.overflow(width); o.ScrollWidth > width {
			t.Errorf("%s scrolls sideways on a %dpx tablet (%dpx wide): %s", page, width, o.ScrollWidth, strings.Join(o.Offenders, "; "))
		}
	}

	b.signInBrowser("ana@example.org")
	b.open(plans)
	b.axeCheck("plan page without a plan", axe)
	b.navigate("open the new plan form", 200, chromedp.Click(chromedp.CSS(`a[href="`+plans+`/new"]`)))
	b.axeCheck("new plan form", axe)
	fits("new plan form")
	b.typeInto("plan-p0-statement", "Alcohol use disorder, moderate")
	b.typeInto("plan-p0-in_own_words", "Drinking is costing me my family")
	b.typeInto("plan-p0-g0-statement", "Sustained abstinence")
	b.typeInto("plan-p0-g0-in_own_words", "Stay sober for my kids")
	b.typeInto("plan-p0-g0-o0-statement", "Attend 3 IOP groups a week")
	b.typeInto("plan-p0-g0-o0-target_date", "2026-02-30")
	b.do("choose an intervention", chromedp.Evaluate[chromedp.Void](`document.getElementById('plan-p0-g0-o0-i0-kind').value = 'relapse_prevention'`))
	b.navigate("add another goal", 200, chromedp.Click(chromedp.CSS(`button[name=add][value=p0]`)))
	if got := js[string](b, `document.getElementById('plan-p0-statement').value + '|' + document.getElementById('plan-p0-g0-o0-i0-kind').value`); got != "Alcohol use disorder, moderate|relapse_prevention" {
		t.Errorf("values after adding a row: %q", got)
	}
	if !js[bool](b, `!!document.getElementById('plan-p0-g1-statement')`) {
		t.Error("no new goal row")
	}
	b.navigate("save with a bad target date", 400, chromedp.Click(chromedp.CSS(`button[value=save]`)))
	if got := js[string](b, `document.querySelector('#error-summary a').getAttribute('href')`); got != "#plan-p0-g0-o0-target_date" {
		t.Errorf("error summary links to %q", got)
	}
	b.axeCheck("plan form with an error", axe)
	fits("plan form with an error")
	b.do("fix the date", chromedp.Evaluate[chromedp.Void](`document.getElementById('plan-p0-g0-o0-target_date').value = `+jsString(due)))
	b.navigate("start the plan", 200, chromedp.Click(chromedp.CSS(`button[value=save]`)))
	if p := b.path(); !strings.HasSuffix(p, "/edit") {
		t.Fatalf("after starting the plan: %s", p)
	}
	b.do("edit the objective", chromedp.Evaluate[chromedp.Void](`document.getElementById('plan-p0-g0-o0-statement').value = 'Attend every IOP group'`))
	b.navigate("save the draft", 200, chromedp.Click(chromedp.CSS(`button[value=save]`)))
	if p := b.path(); p != plans {
		t.Fatalf("after saving: %s", p)
	}
	b.axeCheck("plan page with a draft", axe)
	b.navigate("sign the plan", 200, chromedp.Click(chromedp.CSS(`form[action$="/sign"] button`)))
	if got := js[string](b, `document.querySelector('main').textContent`); !strings.Contains(got, "Current plan, version 1 (signed)") ||
		!strings.Contains(got, "Attend every IOP group") || !strings.Contains(got, "Stay sober for my kids") {
		t.Errorf("signed plan: %q", clip(got, 400))
	}
	b.axeCheck("plan page with a signed plan", axe)
	fits("plan page with a signed plan")
	b.click("plan-ack-in_person")
	b.navigate("record the acknowledgement", 200, chromedp.Click(chromedp.CSS(`form[action$="/acknowledge"] button`)))
	if got := js[string](b, `document.querySelector('main').textContent`); !strings.Contains(got, "The client acknowledged this plan") {
		t.Errorf("acknowledged plan: %q", clip(got, 400))
	}

	consents := "/staff/clients/" + s.Client.ID + "/consents"
	b.open(consents + "/new")
	b.axeCheck("consent form", axe)
	b.typeInto("consent-information", "Attendance only")
	b.navigate("record a consent without a recipient", 400, chromedp.Click(chromedp.CSS(`form[action="`+consents+`"] button`)))
	if got := js[string](b, `document.getElementById('consent-information').value`); got != "Attendance only" {
		t.Errorf("kept value: %q", got)
	}
	b.axeCheck("consent form with errors", axe)
	fits("consent form with errors")
	b.typeInto("consent-recipient", "Employee Assistance Program")
	b.typeInto("consent-purpose", "Return-to-work clearance")
	b.typeInto("consent-expires-on-event", "end of treatment")
	b.click("consent-purposes-patient_request")
	b.navigate("record the consent", 200, chromedp.Click(chromedp.CSS(`form[action="`+consents+`"] button`)))
	if got := js[string](b, `document.querySelector('main').textContent`); !strings.Contains(got, "Employee Assistance Program") {
		t.Errorf("consent list: %q", clip(got, 400))
	}
	b.axeCheck("consent list", axe)
	fits("consent list")
	b.open("/staff/clients/" + s.Client.ID)
	b.axeCheck("chart with a plan and consents", axe)
	fits("chart with a plan and consents")
}
