package web_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// TestCertificationPages: the "Physician certification" section appears on an IOP episode's
// page only once the client has Medicare coverage; it warns when none is on file and when the
// recertification is overdue or due within a week (the chart says so too); the form keeps what
// was typed and names each problem next to its field; hours outside 9–19 are recorded with a
// warning, not refused. The dashboard raises the missing and the due certification.
func TestCertificationPages(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	s := apptest.SeedChart(t, ts.Store)
	ana := apptest.SignIn(t, ts.URL, "ana@example.org")
	chart := "/staff/clients/" + s.Client.ID
	page := chart + "/episodes/" + s.Episode.ID + "/authorizations"
	if _, _, body := ana("GET", page, nil); strings.Contains(body, "Physician certification") {
		t.Fatalf("the section shows without Medicare coverage")
	}
	payer, err := store.NewPayerService(ts.Store).CreatePayer(apptest.System(), carepath.PayerInput{Name: "Medicare Part A", PayerID: "MCRA1", Medicare: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.NewCoverageService(ts.Store).AddCoverage(apptest.System(), s.Client.ID, carepath.CoverageInput{PayerID: payer.ID,
		MemberID: "1EG4TE5MK73", PlanYearStart: "2026-01-01"}); err != nil {
		t.Fatal(err)
	}
	_, _, body := ana("GET", page, nil)
	if !strings.Contains(body, `id="h-certification"`) || !strings.Contains(body, "No physician certification is on file") {
		t.Fatalf("the section or its warning is missing")
	}
	if _, _, body := ana("GET", chart, nil); !strings.Contains(body, "Physician certification: none on file") {
		t.Errorf("the chart does not say no certification is on file")
	}
	if _, _, body := ana("GET", "/staff", nil); !strings.Contains(body, "Physician certification for Medicare IOP") ||
		!strings.Contains(body, "No physician certification is on file") || !strings.Contains(body, page+"#h-certification") {
		t.Errorf("the dashboard does not raise the missing certification")
	}

	day := func(days int) string { return time.Now().UTC().AddDate(0, 0, days).Format(carepath.DateLayout) }
	post := chart + "/episodes/" + s.Episode.ID + "/certifications"
	form := url.Values{"kind": {"initial"}, "date": {day(-70)}, "physician_name": {"Ada Okafor"}, "physician_npi": {"1245319599"},
		"hours_per_week": {"twelve"}, "plan": {"Groups three evenings"}}
	code, _, body := ana("POST", post, form)
	if code != 400 || !strings.Contains(body, `id="cert-hours-error"`) || !strings.Contains(body, `value="Ada Okafor"`) || !strings.Contains(body, `href="#cert-hours"`) {
		t.Fatalf("hours not a number: %d", code)
	}
	form.Set("hours_per_week", "12")
	form.Set("physician_npi", "1245319598")
	form.Set("date", day(3))
	code, _, body = ana("POST", post, form)
	if code != 400 || !strings.Contains(body, `id="cert-npi-error"`) || !strings.Contains(body, `id="cert-date-error"`) || !strings.Contains(body, `value="1245319598"`) {
		t.Fatalf("bad NPI and a future date: %d", code)
	}
	form.Set("physician_npi", "1245319599")
	form.Set("date", day(-70))
	if code, loc, _ := ana("POST", post, form); code != 303 || !strings.HasPrefix(loc, page) {
		t.Fatalf("record: %d %q", code, loc)
	}
	if _, _, body := ana("GET", page, nil); !strings.Contains(body, "The recertification is overdue: it was due on "+day(-10)) {
		t.Errorf("no overdue warning naming %s", day(-10))
	}
	if _, _, body := ana("GET", chart, nil); !strings.Contains(body, "Physician recertification overdue since "+day(-10)) {
		t.Errorf("the chart does not say the recertification is overdue")
	}

	// A recertification of 22 hours a week: recorded, with the warning; due within a week.
	form.Set("kind", "recertification")
	form.Set("date", day(-55))
	form.Set("hours_per_week", "22")
	if code, _, _ := ana("POST", post, form); code != 303 {
		t.Fatalf("recertification: %d", code)
	}
	_, _, body = ana("GET", page, nil)
	if !strings.Contains(body, "A recertification is due by "+day(5)) || !strings.Contains(body, "outside IOP's 9–19") {
		t.Errorf("the page lacks the due-soon warning or the hours warning")
	}
	if _, _, body := ana("GET", chart, nil); !strings.Contains(body, "Physician recertification due by "+day(5)) {
		t.Errorf("the chart does not say the recertification is due soon")
	}
	if _, _, body := ana("GET", "/staff", nil); !strings.Contains(body, "A physician recertification is due by "+day(5)) {
		t.Errorf("the dashboard does not raise the recertification due")
	}
}

// TestCertificationAlertLink: the link of a certification alert's email, which names only the
// episode, opens the episode's physician certification section; an episode that is not there
// is a 404.
func TestCertificationAlertLink(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	s := apptest.SeedChart(t, ts.Store)
	ana := apptest.SignIn(t, ts.URL, "ana@example.org")
	want := "/staff/clients/" + s.Client.ID + "/episodes/" + s.Episode.ID + "/authorizations#h-certification"
	if code, loc, _ := ana("GET", "/staff/episodes/"+s.Episode.ID+"/certification", nil); code != 303 || loc != want {
		t.Errorf("the link = %d %q, want 303 to %s", code, loc, want)
	}
	if code, _, _ := ana("GET", "/staff/episodes/0194f0c2-0000-7000-8000-000000000000/certification", nil); code != 404 {
		t.Errorf("an episode that is not there = %d, want 404", code)
	}
}
