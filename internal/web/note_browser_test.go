package web_test

import (
	"strings"
	"testing"

	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserGroupNote has a case manager write a group note on a tablet, by keyboard where a
// person would: the shared part once, a short part per attendee, an error first (an attendee
// ticked without a part), then signing it and adding an addendum; a supervisor co-signs it
// from the queue. axe-core runs on each note page, and on an individual SOAP note form.
func TestBrowserGroupNote(t *testing.T) {
	t.Parallel()
	axe := loadAxe(t)
	b := newBrowser(t)
	st := b.srv.Store
	s := seedNotes(t, st)
	const width = 768
	b.do("emulate a tablet", chromedp.EmulateViewport(width, 1024, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch))
	fits := func(page string) {
		t.Helper()
		if o := b.overflow(width); o.ScrollWidth > width {
			t.Errorf("%s scrolls sideways on a %dpx tablet (%dpx wide): %s", page, width, o.ScrollWidth, strings.Join(o.Offenders, "; "))
		}
	}
	// rowOf finds the form row of a client by its hidden client id.
	rowOf := func(id string) string {
		return js[string](b, `document.querySelector('input[type=hidden][value=`+jsString(id)+`]').name.replace('client_', '')`)
	}

	occ := apptest.GroupSession(t, st, s.bo.ID, s.robin.ID, s.sky.ID)
	b.signInBrowser("cm@example.org")
	b.open("/staff/notes/group/new")
	b.axeCheck("group note form", axe)
	fits("group note form")
	// The session's roster, as its attendance page's "Write the group note" link opens it.
	b.open("/staff/notes/group/new?session=" + occ)
	robin, sky := rowOf(s.robin.ID), rowOf(s.sky.ID)
	b.typeInto("note-sec-data", "Relapse prevention: mapping high-risk situations.")
	b.typeInto("note-sec-assessment", "Group engaged; two shared plans.")
	b.typeInto("note-sec-plan", "Continue Wednesday.")
	b.click("note-att-" + robin + "-attended")
	// Tick Sky's box by keyboard: focus it, press Space.
	b.do("focus Sky's box", chromedp.Focus(chromedp.ID("note-att-"+sky+"-attended")))
	b.do("press Space", chromedp.KeyEvent(" "))
	b.typeInto("note-att-"+sky+"-individual", "Quiet; listened.")
	b.navigate("save without Robin's part", 400, chromedp.Click(chromedp.CSS(`button[value=save]`)))
	if got := js[string](b, `document.getElementById('error-summary').textContent`); !strings.Contains(got, "Robin Lake") {
		t.Errorf("error summary: %q", got)
	}
	if got := js[string](b, `document.getElementById('note-att-`+sky+`-individual').value + '|' + document.getElementById('note-sec-plan').value`); got != "Quiet; listened.|Continue Wednesday." {
		t.Errorf("values after the error: %q", got)
	}
	b.axeCheck("group note form with an error", axe)
	b.do("follow the error link", chromedp.Click(chromedp.CSS(`#error-summary a`)))
	b.do("type Robin's part", chromedp.SendKeys(chromedp.ID("note-att-"+robin+"-individual"), "Named a trigger: payday."))
	b.navigate("save the group note", 200, chromedp.Click(chromedp.CSS(`button[value=save]`)))
	if p := b.path(); !strings.HasPrefix(p, "/staff/notes/") {
		t.Fatalf("after saving: %s", p)
	}
	note := b.path()
	b.axeCheck("draft group note", axe)
	fits("draft group note")
	b.do("focus the sign button", chromedp.Focus(chromedp.ID("note-sign")))
	b.navigate("sign by keyboard", 200, chromedp.KeyEvent(kb.Enter))
	if got := js[string](b, `document.getElementById('note-status').textContent`); !strings.Contains(got, "locked") {
		t.Errorf("status after signing: %q", got)
	}
	if js[bool](b, `!!document.getElementById('note-sign')`) {
		t.Errorf("a signed note still offers signing")
	}
	b.typeInto("note-addendum", "Robin called after group: safe, attending Friday.")
	b.navigate("add an addendum", 200, chromedp.Click(chromedp.CSS(`form[action$="/addenda"] button`)))
	if got := js[string](b, `document.querySelector('main').textContent`); !strings.Contains(got, "attending Friday") {
		t.Errorf("addendum not shown: %q", clip(got, 300))
	}
	b.axeCheck("signed group note with an addendum", axe)

	b.navigate("sign out", 200, chromedp.Evaluate[chromedp.Void](`(() => { const f = document.createElement('form');
		f.method = 'post'; f.action = '/logout'; document.body.appendChild(f); f.submit(); })()`))
	b.signInBrowser("bo@example.org")
	b.open("/staff/cosign")
	b.axeCheck("co-sign queue", axe)
	fits("co-sign queue")
	b.navigate("open the note", 200, chromedp.Click(chromedp.CSS(`a[href="`+note+`"]`)))
	if got := js[string](b, `document.querySelector('main').textContent`); !strings.Contains(got, "Quiet; listened.") || strings.Contains(got, "payday") {
		t.Errorf("Bo should see Sky's part only: %q", clip(got, 400))
	}
	b.navigate("co-sign", 200, chromedp.Click(chromedp.ID("note-cosign-button")))
	if got := js[string](b, `document.querySelector('main').textContent`); !strings.Contains(got, "No notes are waiting") {
		t.Errorf("queue after co-signing: %q", clip(got, 300))
	}
	b.open("/staff/clients/" + s.sky.ID + "/notes")
	b.axeCheck("a client's notes", axe)
	b.navigate("open the note from Sky's chart", 200, chromedp.Click(chromedp.CSS(`a[href="`+note+`"]`)))
	if got := js[string](b, `document.getElementById('note-cosign-status').textContent`); !strings.Contains(got, "Co-signed") {
		t.Errorf("co-sign status: %q", got)
	}

	// An individual note in SOAP form, with an error, is accessible too.
	b.navigate("sign out", 200, chromedp.Evaluate[chromedp.Void](`(() => { const f = document.createElement('form');
		f.method = 'post'; f.action = '/logout'; document.body.appendChild(f); f.submit(); })()`))
	b.signInBrowser("ana@example.org")
	b.open("/staff/clients/" + s.robin.ID + "/notes/new?format=soap")
	b.axeCheck("individual note form", axe)
	fits("individual note form")
	b.typeInto("note-sec-subjective", "Sleeping better.")
	b.navigate("save without the other sections", 400, chromedp.Click(chromedp.CSS(`button[value=save]`)))
	b.axeCheck("individual note form with errors", axe)
}
