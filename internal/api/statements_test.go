package api_test

import (
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
)

// TestEstimateAndSuperbillAPI: a self-pay client's good-faith estimate and an out-of-network
// client's superbill come as PDFs regenerated from the chart (read back with pdftotext: the
// levels' codes and charges, the diagnoses, the payer); what is missing is named (the clinic's
// billing details, an assessment), an insured client gets no estimate and a client without
// out-of-network coverage no superbill (400 naming coverage).
func TestEstimateAndSuperbillAPI(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	admin, _ := apptest.Token(t, ts.Store, "admin@example.org", carepath.RoleAdmin)
	desk, _ := apptest.Token(t, ts.Store, "desk@example.org", carepath.RoleFrontDesk)
	ana, anaStaff := apptest.Token(t, ts.Store, "ana@example.org", carepath.RoleClinician)
	client, _, group := seedAttended(t, ts.Store, anaStaff.ID)
	for _, day := range []string{"2026-10-26", "2026-10-28"} {
		apptest.SignGroupNote(t, ts.Store, anaStaff, group+":"+day, client)
	}
	api := ts.URL + "/api/v1"
	call := func(method, path, token, body string, want int) string {
		t.Helper()
		status, got := apptest.API(t, method, api+path, token, body)
		if status != want {
			t.Fatalf("%s %s = %d %s, want %d", method, path, status, got, want)
		}
		return got
	}
	getPDF := func(path, token string) string { t.Helper(); return pdfTextAt(t, api+path, token) }
	estimate := "/clients/" + client + "/good-faith-estimate"
	superbill := "/clients/" + client + "/superbill?from=2026-10-01&to=2026-10-31"
	call("POST", "/clients/"+client+"/diagnoses", ana, `{"code":"F10.20","primary":true}`, 201)
	if got := call("GET", estimate, ana, "", 400); !strings.Contains(got, `"field":"assessment"`) {
		t.Errorf("no assessment: %s", got)
	}
	call("POST", "/clients/"+client+"/assessments", ana, `{"profile":{"answers":{"phq9":[2,2,2,2,2,1,1,1,0]}}}`, 201)
	if got := call("GET", estimate, ana, "", 400); !strings.Contains(got, `"field":"billing_provider"`) {
		t.Errorf("no billing details: %s", got)
	}
	call("PUT", "/billing-provider", admin, `{"name":"Harbor Behavioral Health","npi":"1003000126","tax_id":"12-3456789",
		"address":{"line1":"100 Main St","city":"Springfield","state":"IL","zip":"62701-1234"},"phone":"555-010-0199","submitter_id":"HARBORBH"}`, 200)
	text := getPDF(estimate, ana)
	for _, want := range []string{"Harbor Behavioral Health", "Robin Lake", "F10.20", "S9480", "$300.00", "Intensive Outpatient Program", "$5,400.00"} {
		if !strings.Contains(text, want) {
			t.Errorf("estimate lacks %q:\n%s", want, text)
		}
	}
	if again := getPDF(estimate, ana); again != text {
		t.Errorf("the estimate is not regenerated the same from the same records")
	}
	if got := call("GET", superbill, ana, "", 400); !strings.Contains(got, `"field":"coverage"`) {
		t.Errorf("superbill without out-of-network coverage: %s", got)
	}
	call("POST", "/clients/"+client+"/coverages", desk, `{"payer_id":"60054","member_id":"W123","plan_year_start":"2026-01-01","in_network":false}`, 201)
	if got := call("GET", estimate, ana, "", 400); !strings.Contains(got, `"field":"coverage"`) {
		t.Errorf("estimate for an insured client: %s", got)
	}
	call("POST", "/clients/"+client+"/payments", desk, `{"date":"2026-10-28","cents":4500,"method":"check","reference":"1042"}`, 201)
	voided := apptest.CreatedID(t, 201, call("POST", "/clients/"+client+"/payments", desk, `{"date":"2026-10-29","cents":9900,"method":"cash"}`, 201))
	call("POST", "/client-payments/"+voided+"/void", admin, `{"reason":"recorded for the wrong client"}`, 200)
	call("POST", "/clients/"+client+"/payments", desk, `{"date":"2026-11-02","cents":7700,"method":"card"}`, 201)
	text = getPDF(superbill, ana)
	if strings.Contains(text, "$99.00") || strings.Contains(text, "$77.00") {
		t.Errorf("superbill lists a voided payment or one outside the period:\n%s", text)
	}
	for _, want := range []string{"Robin Lake", "Acme Health", "W123", "F10.20", "H0015", "2026-10-26", "$600.00",
		"Payments received from the client", "October 28, 2026", "Check", "$45.00", "$555.00"} {
		if !strings.Contains(text, want) {
			t.Errorf("superbill lacks %q:\n%s", want, text)
		}
	}
	if got := call("GET", "/clients/"+client+"/superbill?from=2026-10-31&to=2026-10-01", ana, "", 400); !strings.Contains(got, `"field":"to"`) && !strings.Contains(got, `"field":"from"`) {
		t.Errorf("bad period: %s", got)
	}
}
