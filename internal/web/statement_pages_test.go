package web_test

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// TestStatementPages: a self-pay client's chart links to the good-faith estimates page, whose
// preview comes as a PDF naming the client, the diagnosis and the recommended level; giving an
// estimate keeps it, listed with its number and its PDF as issued; an insured client's estimate
// is refused naming the coverage, on the preview and on the page (nothing kept); an
// out-of-network client's chart offers the superbill form.
func TestStatementPages(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	s := apptest.SeedChart(t, ts.Store)
	cli := apptest.System()
	if _, err := store.NewClaimService(ts.Store).SetBillingProvider(cli, carepath.BillingProvider{Name: "Harbor Behavioral Health",
		NPI: "1003000126", TaxID: "12-3456789", Address: carepath.PostalAddress{Line1: "100 Main St", City: "Springfield", State: "IL", Zip: "62701-1234"},
		Phone: "555-010-0199", SubmitterID: "HARBORBH"}); err != nil {
		t.Fatal(err)
	}
	if _, err := store.NewDiagnosisService(ts.Store).AddDiagnosis(cli, s.Client.ID, carepath.DiagnosisInput{Code: "F33.1", Primary: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := store.NewAssessmentService(ts.Store).CreateAssessment(cli, s.Client.ID, carepath.AssessmentInput{
		Profile: json.RawMessage(`{"answers":{"phq9":[2,2,2,2,2,1,1,1,0]}}`)}); err != nil {
		t.Fatal(err)
	}
	ana := apptest.SignIn(t, ts.URL, "ana@example.org")
	chart := "/staff/clients/" + s.Client.ID
	if _, _, body := ana("GET", chart, nil); !strings.Contains(body, chart+"/estimates") || strings.Contains(body, "superbill.pdf") {
		t.Fatalf("a self-pay chart links to the estimates and not to a superbill")
	}
	if code, _, body := ana("GET", chart+"/estimates", nil); code != 200 || !strings.Contains(body, "No good-faith estimate has been given") ||
		!strings.Contains(body, chart+"/estimate.pdf") {
		t.Fatalf("estimates page before any: %d", code)
	}
	code, loc, _ := ana("POST", chart+"/estimates", url.Values{})
	if code != 303 || !strings.HasPrefix(loc, chart+"/estimates?new=") {
		t.Fatalf("give an estimate: %d %q", code, loc)
	}
	_, _, list := ana("GET", loc, nil)
	number := regexp.MustCompile(`GFE-\d{8}-[0-9A-F]{8}`).FindString(list)
	issued := regexp.MustCompile(chart + `/estimates/[0-9a-f-]{36}/pdf`).FindString(list)
	if number == "" || issued == "" || !strings.Contains(list, "(just given)") {
		t.Fatalf("the estimate given is not listed with its number and PDF")
	}
	code, _, kept := ana("GET", issued, nil)
	if text := apptest.PDFText(t, kept); code != 200 || !strings.Contains(text, number) || !strings.Contains(text, "F33.1") {
		t.Fatalf("kept estimate: %d %q", code, text)
	}
	code, _, pdf := ana("GET", chart+"/estimate.pdf", nil)
	if text := apptest.PDFText(t, pdf); code != 200 || !strings.Contains(text, "Good-Faith Estimate") || !strings.Contains(text, "F33.1") ||
		!strings.Contains(text, "Robin Lake") || !strings.Contains(text, "Recommended") {
		t.Fatalf("estimate: %d %q", code, text)
	}
	payer, err := store.NewPayerService(ts.Store).CreatePayer(cli, carepath.PayerInput{Name: "Acme Health", PayerID: "60054"})
	if err != nil {
		t.Fatal(err)
	}
	out := false
	if _, err := store.NewCoverageService(ts.Store).AddCoverage(cli, s.Client.ID, carepath.CoverageInput{PayerID: payer.ID, MemberID: "W1",
		PlanYearStart: "2026-01-01", InNetwork: &out}); err != nil {
		t.Fatal(err)
	}
	if code, _, body := ana("GET", chart+"/estimate.pdf", nil); code != 400 || !strings.Contains(body, "insurance on file") {
		t.Errorf("estimate for an insured client: %d", code)
	}
	if code, _, body := ana("POST", chart+"/estimates", url.Values{}); code != 400 || !strings.Contains(body, "insurance on file") ||
		strings.Count(body, "/pdf\"") != 1 {
		t.Errorf("giving an estimate to an insured client: %d, or the list changed", code)
	}
	if _, _, body := ana("GET", chart, nil); !strings.Contains(body, chart+"/superbill.pdf") || strings.Contains(body, chart+"/estimates") {
		t.Errorf("an out-of-network chart offers the superbill and not the estimate")
	}
}
