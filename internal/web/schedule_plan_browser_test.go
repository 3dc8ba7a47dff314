package web_test

import (
	"strings"
	"testing"

	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/chromedp/chromedp"
)

// TestBrowserPlanWeek records a client's availability by keyboard in the chart (as the front
// desk), then, as the program director, opens "Plan next week" from the programs page, marks a
// clinician away, reviews the proposed changes and applies them; axe-core runs on each page.
func TestBrowserPlanWeek(t *testing.T) {
	t.Parallel()
	axe := loadAxe(t)
	b := newBrowser(t)
	st := b.srv.Store
	s := apptest.SeedPlanWeek(t, st)
	apptest.AddStaff(t, st, "director@example.org", "admin")
	apptest.AddStaff(t, st, "desk@example.org", "front_desk")

	b.signInBrowser("desk@example.org")
	b.open("/staff/clients/" + s.Bob)
	b.navigate("open the availability grid", 200, chromedp.Click(chromedp.CSS(`a[href="/staff/clients/`+s.Bob+`/availability"]`)))
	b.axeCheck("client availability", axe)
	for _, id := range []string{"avail-mon-09", "avail-mon-10", "avail-mon-11", "avail-wed-09", "avail-wed-10", "avail-wed-11"} {
		b.do("tick "+id+" by keyboard", chromedp.Focus(chromedp.ID(id)), chromedp.KeyEvent(" "))
	}
	b.navigate("save the availability", 200, chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	if got := js[int](b, `document.querySelectorAll('input[name=slot]:checked').length`); got != 6 {
		t.Errorf("hours ticked after saving: %d", got)
	}
	if got := js[string](b, `document.querySelector('.notice') ? document.querySelector('.notice').textContent : ''`); !strings.Contains(got, "Saved") {
		t.Errorf("no saved notice: %q", got)
	}
	b.navigate("sign out", 200, chromedp.Evaluate[chromedp.Void](`(() => { const f = document.createElement('form');
		f.method = 'post'; f.action = '/logout'; document.body.appendChild(f); f.submit(); })()`))

	b.signInBrowser("director@example.org")
	b.open("/staff/programs")
	b.axeCheck("programs", axe)
	b.navigate("open Plan next week", 200, chromedp.Click(chromedp.CSS(`a[href="/staff/programs/`+s.Program.ID+`/plan-week"]`)))
	b.axeCheck("plan next week form", axe)
	b.do("clear the week", chromedp.Evaluate[chromedp.Void](`document.getElementById('plan-week').value = ''`))
	b.typeInto("plan-week", "2026-W99")
	b.navigate("propose with a bad week", 400, chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	if got := js[string](b, `document.getElementById('error-summary').textContent`); !strings.Contains(got, "weeks 01 to") {
		t.Errorf("error summary: %q", got)
	}
	b.axeCheck("plan next week form with an error", axe)
	b.do("clear the week", chromedp.Evaluate[chromedp.Void](`document.getElementById('plan-week').value = ''`))
	b.typeInto("plan-week", "2026-W50")
	b.do("mark Ann away by keyboard", chromedp.Focus(chromedp.CSS(`input[name=without][value="`+s.Ann.ID+`"]`)), chromedp.KeyEvent(" "))
	b.navigate("propose", 200, chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	main := js[string](b, `document.querySelector('main').textContent`)
	for _, want := range []string{"Who changes groups", "Who gets a new therapist", "Brown, Bob", "Adams, Alice", "Ben Therapist",
		"Group sizes", "Each client's week", "need a substitute"} {
		if !strings.Contains(main, want) {
			t.Errorf("proposal lacks %q: %s", want, clip(main, 600))
		}
	}
	b.axeCheck("proposal", axe)
	b.navigate("apply the plan", 200, chromedp.Click(chromedp.CSS(`form[action$="/apply"] button[type=submit]`)))
	if got := js[string](b, `document.querySelector('.notice').textContent`); !strings.Contains(got, "Applied") {
		t.Errorf("after applying: %q", got)
	}
	if n := js[int](b, `document.querySelectorAll('form[action$="/apply"]').length`); n != 0 {
		t.Errorf("an applied plan still offers to apply")
	}
	b.axeCheck("applied plan", axe)
	b.open("/staff/admin/staff/" + s.Ben.ID + "/availability")
	b.axeCheck("clinician availability", axe)
}
