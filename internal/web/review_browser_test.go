package web_test

import (
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserReviewStepDown: on a tablet screen, a clinician opens the continued-stay review
// from the chart of an IOP client in remission twice with good attendance, runs a review with
// the keyboard, sees the step-down suggestion with its reasons and data, first declines it
// without a reason (400, the error summary takes the focus and links to the field), then
// accepts it on the confirmation page, and sees the step-down on the chart's timeline.
// axe-core runs on the review page (empty, with a suggestion, with an error, decided) and on
// the confirmation page, and no page scrolls sideways on the tablet.
func TestBrowserReviewStepDown(t *testing.T) {
	t.Parallel()
	axe := loadAxe(t)
	b := newBrowser(t)
	st := b.srv.Store
	s := apptest.SeedStepDown(t, st)
	chart := "/staff/clients/" + s.Client.ID

	const width = 768
	b.do("emulate a tablet", chromedp.EmulateViewport(width, 1024, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch))
	fits := func(page string) {
		t.Helper()
		if o := b.overflow(width); o.ScrollWidth > width {
			t.Errorf("%s scrolls sideways on a %dpx tablet (%dpx wide): %s", page, width, o.ScrollWidth, strings.Join(o.Offenders, "; "))
		}
	}

	b.signInBrowser("ana@example.org")
	b.open(chart)
	b.navigate("open the review page from the chart", 200, chromedp.Click(chromedp.ID("chart-reviews")))
	b.axeCheck("review page", axe)
	fits("review page")

	b.navigate("run a review with Enter", 200, chromedp.Steps(
		chromedp.Focus(chromedp.CSS(`#run-form button[type=submit]`)), chromedp.KeyEvent(kb.Enter)))
	got := strings.Join(strings.Fields(js[string](b, `document.getElementById('main').textContent`)), " ")
	for _, want := range []string{"Suggestion: Step down to Individual therapy (outpatient)", "In remission on the last two measures: PHQ-9 3 then 2",
		"No relapse reported in the last 30 days", "sessions attended", "Decision: Pending"} {
		if !strings.Contains(got, want) {
			t.Errorf("the review lacks %q: %s", want, clip(got, 600))
		}
	}
	if n := js[int](b, `document.querySelectorAll('table.review-measures tbody tr').length`); n != 1 {
		t.Errorf("%d rows of measures, want 1 (PHQ-9)", n)
	}
	b.axeCheck("review with a suggestion", axe)
	fits("review with a suggestion")

	b.navigate("decline without a reason", 400, chromedp.Click(chromedp.CSS(`#decline-form button[type=submit]`)))
	if got := js[string](b, `document.activeElement ? document.activeElement.id : ''`); got != "error-summary" {
		t.Errorf("focus after the error: %q, want the error summary", got)
	}
	if got := js[string](b, `document.querySelector('#error-summary a[href="#decline-reason"]') ? 'linked' : document.getElementById('error-summary').textContent`); got != "linked" {
		t.Errorf("the error summary does not link to the reason: %q", clip(got, 200))
	}
	b.axeCheck("review with an error", axe)
	fits("review with an error")

	b.navigate("open the confirmation", 200, chromedp.Click(chromedp.ID("review-accept")))
	b.axeCheck("accept confirmation", axe)
	fits("accept confirmation")
	b.navigate("confirm with Enter", 200, chromedp.Steps(chromedp.Focus(chromedp.ID("accept-confirm")), chromedp.KeyEvent(kb.Enter)))
	if got := js[string](b, `document.getElementById('review-decision').textContent`); !strings.Contains(got, "Accepted") ||
		!strings.Contains(got, "transferred to Individual therapy") {
		t.Errorf("the decision: %q", got)
	}
	b.axeCheck("decided review", axe)
	fits("decided review")

	b.open(chart)
	got = strings.Join(strings.Fields(js[string](b, `document.getElementById('episode-`+s.Episode.ID+`').textContent`)), " ")
	for _, want := range []string{"open, now at Individual therapy (outpatient)",
		"step down from Intensive Outpatient Program (IOP) to Individual therapy (outpatient) — Continued-stay review (rule iop-step-down)"} {
		if !strings.Contains(got, want) {
			t.Errorf("the timeline lacks %q: %q", want, clip(got, 500))
		}
	}
	for _, e := range apptest.ClientEpisodes(t, st, s.Client.ID) {
		if e.ID == s.Episode.ID && e.Level != carepath.LevelOutpatient {
			t.Errorf("episode at %s", e.Level)
		}
	}
}
