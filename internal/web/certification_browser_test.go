package web_test

import (
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
	"github.com/chromedp/chromedp"
)

// TestBrowserPhysicianCertification: a clinician opens a Medicare client's IOP episode from the
// chart, reads that no physician certification is on file, records one with a wrong NPI (400:
// the error summary links to the NPI, what was typed is kept), corrects it, and sees when the
// recertification is due; the page passes axe-core each time.
func TestBrowserPhysicianCertification(t *testing.T) {
	t.Parallel()
	axe := loadAxe(t)
	b := newBrowser(t)
	st := b.srv.Store
	s := apptest.SeedChart(t, st)
	cli := apptest.System()
	if _, err := store.NewPayerService(st).CreatePayer(cli, carepath.PayerInput{Name: "Medicare Part A", PayerID: "MCRA1", Medicare: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := store.NewCoverageService(st).AddCoverage(cli, s.Client.ID, carepath.CoverageInput{PayerID: "MCRA1",
		MemberID: "1EG4TE5MK73", PlanYearStart: "2026-01-01"}); err != nil {
		t.Fatal(err)
	}

	b.signInBrowser("ana@example.org")
	b.open("/staff/clients/" + s.Client.ID)
	b.navigate("open the episode's page from the chart", 200, chromedp.Click(chromedp.ID("auths-"+s.Episode.ID)))
	if got := js[string](b, `document.getElementById('cert-warning').textContent`); !strings.Contains(got, "No physician certification is on file") {
		t.Errorf("the warning reads %q", got)
	}
	b.axeCheck("episode page without a certification", axe)

	signed := time.Now().UTC().AddDate(0, 0, -20).Format(carepath.DateLayout)
	b.do("fill in the certification", chromedp.SetValue(chromedp.ID("cert-date"), signed),
		chromedp.SetValue(chromedp.ID("cert-physician"), "Ada Okafor"), chromedp.SetValue(chromedp.ID("cert-npi"), "1245319598"),
		chromedp.SetValue(chromedp.ID("cert-hours"), "12"))
	b.navigate("record it", 400, chromedp.Click(chromedp.CSS(`#cert-form button[type=submit]`)))
	if got := js[string](b, `document.querySelector('#error-summary a[href="#cert-npi"]') ? 'linked' : ''`); got != "linked" {
		t.Errorf("the error summary does not link to the NPI")
	}
	if got := js[string](b, `document.getElementById('cert-physician').value`); got != "Ada Okafor" {
		t.Errorf("the physician typed became %q", got)
	}
	b.axeCheck("episode page with an error in the certification", axe)

	b.do("correct the NPI", chromedp.SetValue(chromedp.ID("cert-npi"), "1245319599"))
	b.navigate("record it again", 200, chromedp.Click(chromedp.CSS(`#cert-form button[type=submit]`)))
	due := time.Now().UTC().AddDate(0, 0, 40).Format(carepath.DateLayout)
	if got := js[string](b, `document.getElementById('cert-due').textContent`); !strings.Contains(got, due) {
		t.Errorf("the due date reads %q, want %s", got, due)
	}
	if n := js[int](b, `document.querySelectorAll('table.certifications tbody tr').length`); n != 1 {
		t.Errorf("%d certifications listed, want 1", n)
	}
	b.axeCheck("episode page with a certification", axe)
}
