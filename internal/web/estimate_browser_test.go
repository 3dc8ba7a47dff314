package web_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
	"github.com/chromedp/chromedp"
)

// TestBrowserGoodFaithEstimates: a clinician opens a self-pay client's estimates from the
// chart, gives one, and finds it listed with its number, marked as just given, with the link to
// its PDF; the page passes axe-core empty and with the estimate.
func TestBrowserGoodFaithEstimates(t *testing.T) {
	t.Parallel()
	axe := loadAxe(t)
	b := newBrowser(t)
	st := b.srv.Store
	s := apptest.SeedChart(t, st)
	cli := apptest.System()
	if _, err := store.NewClaimService(st).SetBillingProvider(cli, carepath.BillingProvider{Name: "Harbor Behavioral Health",
		NPI: "1003000126", TaxID: "12-3456789", Address: carepath.PostalAddress{Line1: "100 Main St", City: "Springfield", State: "IL", Zip: "62701-1234"},
		Phone: "555-010-0199", SubmitterID: "HARBORBH"}); err != nil {
		t.Fatal(err)
	}
	if _, err := store.NewAssessmentService(st).CreateAssessment(cli, s.Client.ID, carepath.AssessmentInput{
		Profile: json.RawMessage(`{"answers":{"phq9":[2,2,2,2,2,1,1,1,0]}}`)}); err != nil {
		t.Fatal(err)
	}

	b.signInBrowser("ana@example.org")
	b.open("/staff/clients/" + s.Client.ID)
	b.navigate("open the estimates from the chart", 200, chromedp.Click(chromedp.CSS(`a[href$="/estimates"]`)))
	b.axeCheck("estimates page, none given", axe)
	b.navigate("give an estimate", 200, chromedp.Click(chromedp.CSS(`form[action$="/estimates"] button[type=submit]`)))
	row := strings.Join(strings.Fields(js[string](b, `document.querySelector('tr.just-added') ? document.querySelector('tr.just-added').textContent : ''`)), " ")
	if !strings.Contains(row, "GFE-") || !strings.Contains(row, "(just given)") || !strings.Contains(row, "PDF of GFE-") {
		t.Errorf("the estimate just given reads %q", clip(row, 400))
	}
	b.axeCheck("estimates page with one given", axe)
}
