package web_test

import (
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/chromedp/chromedp"
)

// TestBrowserProgramSettings opens a program's settings from the programs page on a tablet,
// adds an evening track by keyboard with its end before its start (400: the summary is
// focused and links to the field, what was typed is kept), fixes it, types a rate and gives a
// clinician a role, and saves; axe-core runs on each page.
func TestBrowserProgramSettings(t *testing.T) {
	t.Parallel()
	axe := loadAxe(t)
	b := newBrowser(t)
	ts, st := b.srv, b.srv.Store
	apptest.AddStaff(t, st, "admin@example.org", carepath.RoleAdmin)
	ana := apptest.AddStaff(t, st, "ana@example.org", carepath.RoleClinician)
	token, _ := apptest.Token(t, st, "boss@example.org", carepath.RoleAdmin)
	status, body := apptest.API(t, "POST", ts.URL+"/api/v1/programs", token, `{"name":"Harbor IOP","level":"iop","time_zone":"America/Los_Angeles",
		"tracks":[{"name":"day","days":["mon","wed","fri"],"start_time":"09:00","end_time":"12:00"}]}`)
	program := apptest.CreatedID(t, status, body)

	b.do("tablet", chromedp.EmulateViewport(768, 1024, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch))
	b.signInBrowser("admin@example.org")
	b.open("/staff/programs")
	b.navigate("open the settings", 200, chromedp.Click(chromedp.CSS(`a[href="/staff/programs/`+program+`/settings"]`)))
	if o := b.overflow(768); o.ScrollWidth > 768 {
		t.Errorf("settings page wider than a tablet: %+v", o)
	}
	b.axeCheck("program settings", axe)

	b.typeInto("track-1-name", "evening")
	for _, id := range []string{"track-1-tue", "track-1-thu"} {
		b.do("tick "+id+" by keyboard", chromedp.Focus(chromedp.ID(id)), chromedp.KeyEvent(" "))
	}
	b.do("times", chromedp.SetValue(chromedp.ID("track-1-start"), "21:00"), chromedp.SetValue(chromedp.ID("track-1-end"), "18:00"))
	b.typeInto("rate-individual_session", "150")
	b.do("give Ana a role by keyboard", chromedp.Focus(chromedp.ID("staff-"+ana.ID+"-facilitator")), chromedp.KeyEvent(" "))
	b.navigate("save with the end before the start", 400, chromedp.Click(chromedp.ID("settings-save")))
	if got := js[string](b, `document.activeElement ? document.activeElement.id : ''`); got != "error-summary" {
		t.Errorf("focus after the error: %q, want error-summary", got)
	}
	if got := js[string](b, `document.querySelector('#error-summary a').getAttribute('href')`); got != "#track-1-end" {
		t.Errorf("summary links to %q", got)
	}
	if !js[bool](b, `document.getElementById('track-1-thu').checked && document.getElementById('rate-individual_session').value === '150' &&
		document.getElementById('staff-`+ana.ID+`-facilitator').checked`) {
		t.Errorf("what was typed was not kept")
	}
	b.axeCheck("program settings with an error", axe)
	b.do("fix the times", chromedp.SetValue(chromedp.ID("track-1-start"), "18:00"), chromedp.SetValue(chromedp.ID("track-1-end"), "21:00"))
	b.navigate("save", 200, chromedp.Click(chromedp.ID("settings-save")))
	if got := js[string](b, `document.querySelector('main').textContent`); !strings.Contains(got, "Settings saved.") {
		t.Errorf("no saved notice: %s", clip(got, 300))
	}
	_, body = apptest.API(t, "GET", ts.URL+"/api/v1/programs/"+program+"/details", token, "")
	for _, want := range []string{`"name":"evening","days":["tue","thu"],"start_time":"18:00","end_time":"21:00"`,
		`"service":"individual_session","cents":15000`, `"role":"facilitator"`, `"version":2`} {
		if !strings.Contains(body, want) {
			t.Errorf("saved details lack %s: %s", want, body)
		}
	}
	b.axeCheck("program settings saved", axe)
}
