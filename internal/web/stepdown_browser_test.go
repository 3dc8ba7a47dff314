package web_test

import (
	"strings"
	"testing"

	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserStepDown: on a tablet screen, a clinician signs in, opens the chart of a client in
// an IOP, opens the transfer form from the episode's timeline, first saves it without a reason
// (400, the error summary takes the focus), then steps the client down to outpatient with a
// reason using the keyboard, and sees the step-down on the chart's timeline. axe-core runs on
// the transfer form (fresh and with an error), the discharge form and the admit form, and no
// form scrolls sideways on the tablet.
func TestBrowserStepDown(t *testing.T) {
	t.Parallel()
	axe := loadAxe(t)
	b := newBrowser(t)
	st := b.srv.Store
	s := apptest.SeedChart(t, st)
	chart := "/staff/clients/" + s.Client.ID
	episode := chart + "/episodes/" + s.Episode.ID

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
	if got := js[string](b, `document.getElementById('episode-`+s.Episode.ID+`').textContent`); !strings.Contains(got, "open, now at Intensive Outpatient Program (IOP)") {
		t.Fatalf("the chart's episode: %q", clip(got, 300))
	}

	b.navigate("open the transfer form", 200, chromedp.Click(chromedp.CSS(`a[href="`+episode+`/transfer"]`)))
	b.axeCheck("transfer form", axe)
	fits("transfer form")
	b.do("choose outpatient", chromedp.SetValue(chromedp.ID("transfer-to-level"), "outpatient"))
	b.navigate("save without a reason", 400, chromedp.Click(chromedp.CSS(`#transfer-form button[type=submit]`)))
	if got := js[string](b, `document.activeElement ? document.activeElement.id : ''`); got != "error-summary" {
		t.Errorf("focus after the error: %q, want the error summary", got)
	}
	if got := js[string](b, `document.querySelector('#error-summary a[href="#transfer-reason"]') ? 'linked' : document.getElementById('error-summary').textContent`); got != "linked" {
		t.Errorf("the error summary does not link to the reason: %q", clip(got, 200))
	}
	if got := js[string](b, `document.getElementById('transfer-to-level').value`); got != "outpatient" {
		t.Errorf("the level after the error: %q", got)
	}
	b.axeCheck("transfer form with an error", axe)
	fits("transfer form with an error")

	// The rest with the keyboard: the select takes arrow keys, the note is typed, and Enter on
	// the focused button submits.
	b.do("choose the reason with the keyboard", chromedp.Focus(chromedp.ID("transfer-reason")), chromedp.KeyEvent(kb.ArrowDown))
	if got := js[string](b, `document.getElementById('transfer-reason').value`); got != "improvement" {
		t.Fatalf("the reason after one arrow key: %q", got)
	}
	b.typeInto("transfer-note", "Nine weeks sober, back at work")
	b.navigate("save the step-down with Enter", 200, chromedp.Steps(
		chromedp.Focus(chromedp.CSS(`#transfer-form button[type=submit]`)), chromedp.KeyEvent(kb.Enter)))
	if p := b.path(); p != chart {
		t.Errorf("after the transfer: %s", p)
	}
	got := js[string](b, `document.getElementById('episode-`+s.Episode.ID+`').textContent`)
	for _, want := range []string{"open, now at Individual therapy (outpatient)",
		"step down from Intensive Outpatient Program (IOP) to Individual therapy (outpatient) — Clinical improvement: Nine weeks sober, back at work"} {
		if !strings.Contains(strings.Join(strings.Fields(got), " "), want) {
			t.Errorf("the timeline lacks %q: %q", want, clip(got, 500))
		}
	}

	b.navigate("open the discharge form", 200, chromedp.Click(chromedp.CSS(`a[href="`+episode+`/discharge"]`)))
	b.axeCheck("discharge form", axe)
	fits("discharge form")
	b.navigate("discharge without a reason", 400, chromedp.Click(chromedp.CSS(`#discharge-form button[type=submit]`)))
	b.axeCheck("discharge form with an error", axe)
	b.open(chart + "/episodes/new")
	b.axeCheck("admit form", axe)
	fits("admit form")
}
