package web_test

import (
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/carepath/carepath/internal/app/apptest"
)

// TestSafetyPlanPages writes a safety plan in the chart (a missing step and no "written with
// the client" show the form again with everything kept), saves a second version (the first
// stays readable), refuses a stale save, makes a link shown once, and opens it as the client:
// the plan, 988 and 911, and no name.
func TestSafetyPlanPages(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	s := apptest.SeedChart(t, ts.Store)
	ana := apptest.SignIn(t, ts.URL, "ana@example.org")
	plan := "/staff/clients/" + s.Client.ID + "/safety-plan"

	if code, _, page := ana("GET", plan, nil); code != 200 || !strings.Contains(page, "no safety plan for this client yet") {
		t.Fatalf("empty plan page: %d", code)
	}
	form := url.Values{"base_version": {"0"}, "warning_signs": {"Not sleeping\nPulling away from friends"},
		"coping_strategies": {""}, "help_contacts-0-name": {"Sister Rosa"}, "help_contacts-0-phone": {"555-010-7777"},
		"safe_environment": {"Rosa keeps the medicines"}}
	code, _, page := ana("POST", plan, form)
	if code != 400 || !strings.Contains(page, "on their own to cope") || !strings.Contains(page, "written with the client") ||
		!strings.Contains(page, "Pulling away from friends") || !strings.Contains(page, `value="Sister Rosa"`) {
		t.Fatalf("incomplete plan: %d", code)
	}
	if n := apptest.CountRows(t, ts.DB, "safety_plans", "1 = 1"); n != 0 {
		t.Fatalf("%d plans stored after an error", n)
	}
	form.Set("coping_strategies", "Walk the dog\nMusic")
	form.Set("written_with_client", "yes")
	if code, loc, _ := ana("POST", plan, form); code != 303 || !strings.Contains(loc, "plan=saved") {
		t.Fatalf("save: %d %s", code, loc)
	}
	form.Set("base_version", "1")
	form.Set("warning_signs", "Not sleeping\nPulling away from friends\nDrinking alone")
	if code, _, _ := ana("POST", plan, form); code != 303 {
		t.Fatalf("second version: %d", code)
	}
	if code, _, page := ana("POST", plan, form); code != 409 || !strings.Contains(page, "newer version") || !strings.Contains(page, "Drinking alone") {
		t.Errorf("stale save: %d", code)
	}
	code, _, page = ana("GET", plan, nil)
	for _, want := range []string{"Version 2", "Drinking alone", "tel:988", "tel:911", "Sister Rosa", `href="` + plan + `?version=1"`, "Step 6"} {
		if code != 200 || !strings.Contains(page, want) {
			t.Errorf("plan page lacks %q", want)
		}
	}
	if _, _, v1 := ana("GET", plan+"?version=1", nil); !strings.Contains(v1, "Version 1") || strings.Contains(v1, "Drinking alone") {
		t.Errorf("version 1 is not readable as it was")
	}
	// Robin has no email: the link cannot be emailed, and the page says why; shown once instead.
	if !strings.Contains(page, "no email address") {
		t.Errorf("the page does not say why the link cannot be emailed")
	}
	code, _, page = ana("POST", plan+"/links", url.Values{"send_to": {"none"}})
	link := regexp.MustCompile(`https?://[^"<\s]+/p/[A-Za-z0-9_-]+`).FindString(page)
	if code != 200 || link == "" {
		t.Fatalf("link: %d", code)
	}
	if n := apptest.CountRows(t, ts.DB, "safety_plan_links", "token_hash = '"+link[strings.LastIndex(link, "/")+1:]+"'"); n != 0 {
		t.Errorf("the token is stored in clear")
	}
	resp, err := http.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	b := new(strings.Builder)
	_, _ = readBody(b, resp)
	client := b.String()
	if resp.StatusCode != 200 || !strings.Contains(client, "My safety plan") || !strings.Contains(client, "Drinking alone") ||
		!strings.Contains(client, "tel:988") || strings.Contains(client, "Robin") || strings.Contains(client, "Lake") {
		t.Errorf("the client's page: %d", resp.StatusCode)
	}
	if code, _ := fetch(t, "GET", ts.URL+"/p/not-a-token", nil); code != 404 {
		t.Errorf("a wrong token: %d", code)
	}
	// The front desk may not read safety plans.
	desk := apptest.SignIn(t, ts.URL, "desk@example.org")
	if code, _, _ := desk("GET", plan, nil); code != 403 {
		t.Errorf("front desk: %d", code)
	}
}

// TestAssessmentBelowTheFloor takes an assessment in the chart with thoughts of self-harm: the
// recommendation shows the floor beside it, the C-SSRS opens, a final level below the floor is
// refused without a note naming the variance note, and saved with one; the chart shows floor,
// recommendation and final level side by side.
func TestAssessmentBelowTheFloor(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	s := apptest.SeedChart(t, ts.Store)
	ana := apptest.SignIn(t, ts.URL, "ana@example.org")
	assess := "/staff/clients/" + s.Client.ID + "/assess"
	form := url.Values{"self_harm": {"yes"}, "profile": {`{"answers":{"phq9":[2,2,2,2,2,2,1,1,2]}}`}, "action": {"preview"}}
	code, _, page := ana("POST", assess, form)
	if code != 200 || !strings.Contains(page, `id="rec-floor"`) || !regexp.MustCompile(`<details id="assess-cssrs" class="cssrs" open`).MatchString(page) {
		t.Fatalf("preview: %d", code)
	}
	// Thoughts of self-harm without the screen: the floor is at least an IOP.
	form.Set("action", "save")
	form.Set("final_level", "outpatient")
	form.Set("variance_code", "client_preference")
	code, _, page = ana("POST", assess, form)
	if code != 400 || !strings.Contains(page, "below the safety floor") || !strings.Contains(page, `href="#assess-variance-note"`) {
		t.Fatalf("below the floor without a note: %d", code)
	}
	form.Set("variance_note", "Declines the IOP; daily phone check-ins, safety plan made, sister stays with her.")
	if code, _, _ := ana("POST", assess, form); code != 303 {
		t.Fatalf("below the floor with a note: %d", code)
	}
	_, _, chart := ana("GET", "/staff/clients/"+s.Client.ID, nil)
	if !strings.Contains(chart, "Safety floor") || !strings.Contains(chart, "below the safety floor") {
		t.Errorf("the chart does not show the floor beside the final level")
	}
	// The C-SSRS answered: intent in the past month sets an inpatient floor.
	form = url.Values{"self_harm": {"yes"}, "cssrs_1": {"yes"}, "cssrs_2": {"yes"}, "cssrs_3": {"yes"}, "cssrs_4": {"yes"}, "cssrs_5": {"no"},
		"cssrs_6": {"no"}, "action": {"preview"}}
	if _, _, page := ana("POST", assess, form); !strings.Contains(page, "Inpatient") || !strings.Contains(page, "emergency") {
		t.Errorf("C-SSRS with intent does not set an inpatient floor and emergency urgency")
	}
	// A C-SSRS begun but not finished names the questions left.
	form = url.Values{"self_harm": {"yes"}, "cssrs_1": {"yes"}, "action": {"preview"}}
	if code, _, page := ana("POST", assess, form); code != 400 || !strings.Contains(page, `href="#assess-cssrs-2"`) {
		t.Errorf("half a screen: %d", code)
	}
}

// readBody reads a response body into b and closes it.
func readBody(b *strings.Builder, resp *http.Response) (int64, error) {
	defer resp.Body.Close()
	return io.Copy(b, resp.Body)
}
