package web_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/carepath/carepath/internal/app/apptest"
)

// TestCoveragePages adds a payer (the admin), records a coverage on the chart (first with
// problems: 400 naming the fields, what was typed kept), and checks the chart's cost comparison
// moves from self-pay to the client's share under the coverage.
func TestCoveragePages(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	s := apptest.SeedChart(t, ts.Store)
	admin := apptest.SignIn(t, ts.URL, "admin@example.org")
	ana := apptest.SignIn(t, ts.URL, "ana@example.org")
	chart := "/staff/clients/" + s.Client.ID
	page := chart + "/coverage"

	if _, _, body := ana("GET", chart, nil); !strings.Contains(body, "No coverage on file: the costs below are self-pay.") ||
		!strings.Contains(body, "A typical course of each level, self-pay") || !strings.Contains(body, `<p id="insurance-summary">No insurance recorded.</p>`) {
		t.Fatalf("chart before coverage lacks the self-pay comparison")
	}
	if code, _, _ := ana("POST", "/staff/payers", url.Values{"name": {"X"}, "payer_id": {"X1"}}); code != 403 {
		t.Errorf("clinician adds a payer: %d, want 403", code)
	}
	if code, _, body := admin("POST", "/staff/payers", url.Values{"name": {"Acme Health"}, "payer_id": {"bad id!"}}); code != 400 ||
		!strings.Contains(body, `id="payer-id-error"`) || !strings.Contains(body, `value="Acme Health"`) {
		t.Errorf("bad payer id: %d", code)
	}
	if code, _, _ := admin("POST", "/staff/payers", url.Values{"name": {"Acme Health"}, "payer_id": {"60054"}, "claim_format": {"837I"}}); code != 303 {
		t.Fatalf("add payer: %d", code)
	}
	_, _, body := ana("GET", page, nil)
	i := strings.Index(body, `<option value="`) + len(`<option value="`)
	i += strings.Index(body[i:], `<option value="`) + len(`<option value="`)
	payerID := body[i : i+strings.Index(body[i:], `"`)]
	form := url.Values{"payer_id": {payerID}, "rank": {"1"}, "relationship": {"self"}, "member_id": {"M-1"}, "plan_year_start": {"2026-01-01"},
		"deductible": {"1,500"}, "deductible_met": {"2000"}, "coinsurance": {"20"}, "oop_max": {"4000"}, "oop_met": {"500"}}
	code, _, body := ana("POST", page, form)
	if code != 400 || !strings.Contains(body, `id="coverage-deductible-met-error"`) || !strings.Contains(body, `value="1,500"`) || !strings.Contains(body, `value="M-1"`) {
		t.Fatalf("met above the deductible: %d", code)
	}
	form.Set("deductible_met", "500")
	// Half an address is named field by field; a Medicare reason on a payer that is not
	// Medicare is refused; what was typed stays.
	form.Set("line1", "12 Elm St")
	form.Set("state", "Illinois")
	form.Set("medicare_secondary_type", "12")
	code, _, body = ana("POST", page, form)
	for _, want := range []string{`id="coverage-city-error"`, `id="coverage-state-error"`, `value="12 Elm St"`, `value="Illinois"`, `<option value="12" selected>`} {
		if code != 400 || !strings.Contains(body, want) {
			t.Errorf("half an address: %d, the page lacks %s", code, want)
		}
	}
	form.Set("city", "Springfield")
	form.Set("state", "il")
	form.Set("zip", "62704")
	form.Set("rank", "2")
	if code, _, body = ana("POST", page, form); code != 400 || !strings.Contains(body, `id="coverage-medicare-secondary-error"`) ||
		!strings.Contains(body, "Acme Health is not marked as Medicare") {
		t.Errorf("a Medicare reason on Acme: %d", code)
	}
	form.Set("rank", "1")
	form.Set("medicare_secondary_type", "")
	if code, loc, _ := ana("POST", page, form); code != 303 || loc != page {
		t.Fatalf("record coverage: %d %q", code, loc)
	}
	if _, _, body := ana("GET", page, nil); !strings.Contains(body, "<dt>Subscriber's address</dt><dd>12 Elm St, Springfield, IL 62704</dd>") {
		t.Errorf("the coverage page lacks the subscriber's address:\n%s", body)
	}
	_, _, body = ana("GET", chart, nil)
	for _, want := range []string{"Primary: Acme Health, member M-1", "under the primary coverage", "in network",
		`<p id="insurance-summary">Primary: Acme Health. <a href="#h-coverage">Coverage and cost</a>`} {
		if !strings.Contains(body, want) {
			t.Errorf("chart lacks %q", want)
		}
	}
}
