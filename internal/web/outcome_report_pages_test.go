package web_test

import (
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
)

// TestOutcomesPage: the outcomes page for an admin and a clinician (caveats first, charts,
// tables, suppressed cells as "fewer than 10", a CSV link that downloads the same report),
// a program filter, 400 with an error summary linking to the field and what was typed kept,
// 403 for the front desk, the programs page's link, and no client data on the page.
func TestOutcomesPage(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	s := apptest.SeedOutcomes(t, st)
	apptest.AddStaff(t, st, "outcomes-admin@example.org", carepath.RoleAdmin)
	apptest.AddStaff(t, st, "outcomes-clin@example.org", carepath.RoleClinician)
	apptest.AddStaff(t, st, "outcomes-desk@example.org", carepath.RoleFrontDesk)
	admin := apptest.SignIn(t, ts.URL, "outcomes-admin@example.org")
	q := "?from=" + s.From + "&to=" + s.To

	code, _, body := admin("GET", "/staff/outcomes"+q, nil)
	if code != 200 {
		t.Fatalf("page: %d %s", code, body)
	}
	caveats, table := strings.Index(body, "Observational data, not a trial"), strings.Index(body, "<table class=\"outcomes\"")
	if caveats < 0 || table < 0 || caveats > table {
		t.Errorf("the caveats must come before the figures (caveats at %d, first table at %d)", caveats, table)
	}
	for _, want := range []string{
		"total number of stays is not shown", "complementary suppression", "not the result of a trial", "fewer than 10", "<svg", `id="chart-phq9-improvement"`,
		"Standardized to the pooled baseline mix", "not standardized", "100.0%", "−10.0 points",
		`href="/staff/outcomes.csv?from=` + s.From + `&amp;to=` + s.To + `"`, "How this is computed", "one stay per level",
		`<label for="outcomes-from">`, `<label for="outcomes-program">`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	for i, id := range s.ClientIDs {
		if strings.Contains(body, id) || strings.Contains(body, s.FamilyNames[i]) {
			t.Fatal("the page names a client")
		}
	}
	code, _, csv := admin("GET", "/staff/outcomes.csv"+q, nil)
	if code != 200 || !strings.HasPrefix(csv, "level,band,episodes") || !strings.Contains(csv, "php,all,suppressed") {
		t.Errorf("csv: %d %s", code, csv)
	}

	// The default period (the last twelve months) holds the same stays.
	if code, _, body := admin("GET", "/staff/outcomes", nil); code != 200 || !strings.Contains(body, "total number of stays is not shown") {
		t.Errorf("default period: %d", code)
	}

	// One program, chosen in the form.
	code, _, body = admin("GET", "/staff/outcomes"+q+"&program_id="+s.IOP, nil)
	if code != 200 || !strings.Contains(body, "Outcome IOP ·") || !strings.Contains(body, `<option value="`+s.IOP+`" selected>`) {
		t.Errorf("iop only: %d", code)
	}

	// The PHP alone has 3 stays: every chart value is suppressed, so the page says so in words
	// instead of drawing empty axes and tables of headings, and gives no count.
	code, _, body = admin("GET", "/staff/outcomes"+q+"&program_id="+s.PHP, nil)
	if code != 200 || strings.Count(body, "Too few stays to chart (fewer than 10 in each level)") != 3 ||
		strings.Contains(body, "<svg") || strings.Contains(body, "chart-data") || !strings.Contains(body, "Fewer than 10 stays in this period") {
		t.Errorf("php only: %d %s", code, body)
	}

	// Bad input: 400, the summary links to the field, what was typed is kept.
	code, _, body = admin("GET", "/staff/outcomes?from=2026-02-30&to="+s.To, nil)
	if code != 400 || !strings.Contains(body, `id="error-summary"`) || !strings.Contains(body, `href="#outcomes-from"`) ||
		!strings.Contains(body, `value="2026-02-30"`) || !strings.Contains(body, `aria-invalid="true"`) {
		t.Errorf("bad from: %d %s", code, body)
	}
	code, _, body = admin("GET", "/staff/outcomes"+q+"&program_id=nope", nil)
	if code != 400 || !strings.Contains(body, `href="#outcomes-program"`) {
		t.Errorf("bad program: %d", code)
	}

	clin := apptest.SignIn(t, ts.URL, "outcomes-clin@example.org")
	if code, _, _ := clin("GET", "/staff/outcomes"+q, nil); code != 200 {
		t.Errorf("clinician: %d", code)
	}
	if code, _, body := clin("GET", "/staff/programs", nil); code != 200 || !strings.Contains(body, `href="/staff/outcomes"`) {
		t.Errorf("programs page link for a clinician: %d", code)
	}
	desk := apptest.SignIn(t, ts.URL, "outcomes-desk@example.org")
	if code, _, _ := desk("GET", "/staff/outcomes"+q, nil); code != 403 {
		t.Errorf("front desk page: %d", code)
	}
	if code, _, _ := desk("GET", "/staff/outcomes.csv"+q, nil); code != 403 {
		t.Errorf("front desk csv: %d", code)
	}
	if code, _, body := desk("GET", "/staff/programs", nil); code != 200 || strings.Contains(body, `href="/staff/outcomes"`) {
		t.Errorf("programs page for the front desk: %d, link shown: %v", code, strings.Contains(body, `href="/staff/outcomes"`))
	}
}
