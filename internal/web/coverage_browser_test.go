package web_test

import (
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
	"github.com/chromedp/chromedp"
)

// TestBrowserCoverageForm: the front desk records Medicare as a client's secondary coverage
// with half the subscriber's address (400: the error summary links to the city, what was typed
// and chosen is kept), completes the address, and reads the coverage back with its address and
// why Medicare pays second; the page passes axe-core each time.
func TestBrowserCoverageForm(t *testing.T) {
	t.Parallel()
	axe := loadAxe(t)
	b := newBrowser(t)
	st := b.srv.Store
	s := apptest.SeedChart(t, st)
	medicare, err := store.NewPayerService(st).CreatePayer(apptest.System(), carepath.PayerInput{Name: "Medicare Part A", PayerID: "MCRA1", Medicare: true})
	if err != nil {
		t.Fatal(err)
	}

	b.signInBrowser("desk@example.org")
	b.open("/staff/clients/" + s.Client.ID + "/coverage")
	b.axeCheck("coverage page", axe)
	b.do("fill in the coverage", chromedp.SetValue(chromedp.ID("coverage-payer"), medicare.ID),
		chromedp.SetValue(chromedp.ID("coverage-rank"), "2"), chromedp.SetValue(chromedp.ID("coverage-member"), "1EG4TE5MK73"),
		chromedp.SetValue(chromedp.ID("coverage-plan-year"), "2026-01-01"), chromedp.SetValue(chromedp.ID("coverage-line1"), "12 Elm St"),
		chromedp.SetValue(chromedp.ID("coverage-medicare-secondary"), "43"))
	submit := chromedp.Click(chromedp.CSS(`form[action$="/coverage"] button[type=submit]`))
	b.navigate("record it without the city", 400, submit)
	if got := js[string](b, `document.querySelector('#error-summary a[href="#coverage-city"]') ? 'linked' : ''`); got != "linked" {
		t.Errorf("the error summary does not link to the city")
	}
	for id, want := range map[string]string{"coverage-line1": "12 Elm St", "coverage-member": "1EG4TE5MK73", "coverage-medicare-secondary": "43",
		"coverage-rank": "2"} {
		if got := js[string](b, `document.getElementById(`+jsString(id)+`).value`); got != want {
			t.Errorf("%s became %q, want %q", id, got, want)
		}
	}
	b.axeCheck("coverage page with errors", axe)

	b.do("complete the address", chromedp.SetValue(chromedp.ID("coverage-city"), "Springfield"),
		chromedp.SetValue(chromedp.ID("coverage-state"), "IL"), chromedp.SetValue(chromedp.ID("coverage-zip"), "62704"))
	b.navigate("record it", 200, submit)
	got := js[string](b, `document.querySelector('article.coverage').innerText`)
	for _, want := range []string{"Secondary: Medicare Part A", "12 Elm St, Springfield, IL 62704", "Disabled: a large employer group health plan through current work (type 43)"} {
		if !strings.Contains(got, want) {
			t.Errorf("the coverage reads %q, want %q", got, want)
		}
	}
	b.axeCheck("coverage page with a coverage", axe)
}
