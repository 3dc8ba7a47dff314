package web_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserDashboardAcknowledge signs in as a clinician, reads the chart with its crisis
// flag and measure charts, enters a PHQ-9 in session by keyboard (400 without item 9, then
// saved), then acknowledges the safety alert from the dashboard with the keyboard only: first
// without a note (400, the summary focused), then with one; axe-core runs on each page.
func TestBrowserDashboardAcknowledge(t *testing.T) {
	t.Parallel()
	axe := loadAxe(t)
	skipBrowser(t)
	w, _ := newDashboardWorld(t)
	b := newBrowserOn(t, w.base)
	chart := "/staff/clients/" + w.client

	b.open("/login")
	b.typeInto("login-email", "ana@example.org")
	b.typeInto("login-password", apptest.Password)
	b.navigate("sign in", 200, chromedp.KeyEvent(kb.Enter))

	b.open(chart)
	if got := js[string](b, `document.getElementById('crisis-flag').textContent`); !strings.Contains(got, "988") {
		t.Errorf("crisis flag: %q", clip(got, 300))
	}
	if n := js[int](b, `document.querySelectorAll('#measure-phq9 svg rect.band').length`); n != 5 {
		t.Errorf("%d bands in the PHQ-9 chart", n)
	}
	if got := js[string](b, `document.querySelector('#measure-phq9 svg').getAttribute('role') + ' ' + document.querySelector('#measure-phq9 table caption').textContent`); !strings.HasPrefix(got, "img PHQ-9 over time") {
		t.Errorf("chart semantics: %q", got)
	}
	b.axeCheck("chart with measures and the crisis flag", axe)

	// Enter a PHQ-9 in session by keyboard, first leaving item 9 out (400, summary focused,
	// the other answers kept).
	b.open("/staff/clients/" + w.client + "/measures/new")
	b.axeCheck("measure entry form", axe)
	for i := range 8 {
		b.do("answer by keyboard", chromedp.Focus(chromedp.ID(fmt.Sprintf("answers-%d", i))), chromedp.KeyEvent(" "))
	}
	b.navigate("save without item 9", 400, chromedp.Steps(chromedp.Focus(chromedp.CSS(`#measure-form button[type=submit]`)), chromedp.KeyEvent(kb.Enter)))
	if got := js[string](b, `document.activeElement.id + ' ' + document.getElementById('error-summary').textContent`); !strings.HasPrefix(got, "error-summary") || !strings.Contains(got, "answers[8]") {
		t.Errorf("measure error summary: %q", clip(got, 200))
	}
	if n := js[int](b, `document.querySelectorAll('#measure-form input[type=radio]:checked').length`); n != 8 {
		t.Errorf("%d answers kept, want 8", n)
	}
	b.axeCheck("measure entry form with an error", axe)
	b.do("answer item 9 by keyboard", chromedp.Focus(chromedp.ID("answers-8")), chromedp.KeyEvent(" "))
	b.navigate("save the measure", 200, chromedp.Steps(chromedp.Focus(chromedp.CSS(`#measure-form button[type=submit]`)), chromedp.KeyEvent(kb.Enter)))
	if got := js[string](b, `location.pathname + ' ' + document.getElementById('measures').textContent`); !strings.HasPrefix(got, chart+" ") || !strings.Contains(got, "The measure was saved") {
		t.Errorf("after saving the measure: %q", clip(got, 200))
	}

	b.open("/staff")
	b.axeCheck("dashboard", axe)
	first := js[string](b, `document.querySelector('ol.alerts li[data-id]').dataset.id`)
	if got := js[string](b, `document.querySelector('ol.alerts li h3').textContent`); !strings.Contains(got, "item 9") {
		t.Fatalf("first alert: %q", got)
	}

	// Without a note: Enter on the button answers 400 with the summary focused.
	b.navigate("acknowledge without a note", 400, chromedp.Steps(chromedp.Focus(chromedp.ID("ack-"+first)), chromedp.KeyEvent(kb.Enter)))
	if got := js[string](b, `document.activeElement.id + ' ' + document.getElementById('error-summary').textContent`); !strings.HasPrefix(got, "error-summary") || !strings.Contains(got, "note") {
		t.Errorf("error summary: %q", clip(got, 200))
	}
	b.axeCheck("acknowledge with an empty note", axe)

	// Follow the summary's link to the note, type it, Tab to the button and press Enter.
	b.followLink("follow the summary link", `#error-summary a`, "note-"+first)
	b.do("type the note", chromedp.Focus(chromedp.ID("note-"+first)), chromedp.KeyEvent("Called her today; safety plan reviewed."))
	b.do("Tab to the button", chromedp.KeyEvent(kb.Tab))
	if got := js[string](b, `document.activeElement.id`); got != "ack-"+first {
		t.Fatalf("Tab from the note reaches %q", got)
	}
	b.navigate("acknowledge with a note", 200, chromedp.KeyEvent(kb.Enter))
	if got := js[string](b, `location.pathname + ' ' + document.querySelector('main').textContent`); !strings.HasPrefix(got, "/staff ") || !strings.Contains(got, "Alert acknowledged") {
		t.Errorf("after acknowledging: %q", clip(got, 300))
	}
	if n := js[int](b, `document.querySelectorAll('ol.alerts li[data-id="`+first+`"]').length`); n != 0 {
		t.Errorf("the acknowledged alert is still listed")
	}
	b.axeCheck("dashboard after acknowledging", axe)
	b.open(chart)
	if n := js[int](b, `document.querySelectorAll('#crisis-flag').length`); n != 0 {
		t.Errorf("the crisis flag stays after the acknowledgement")
	}
}
