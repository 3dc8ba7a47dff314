package web_test

import (
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserOutcomesPage: on a tablet (768px), an admin follows the programs page's link to
// the outcomes report, which says first that it is observational data and not a trial, draws
// its comparisons as SVG charts with a text alternative and shows small cells as "fewer than
// 10"; the admin picks one program with the keyboard and submits with Enter; an impossible
// date gets the error summary, focused, with the date kept. axe-core runs on each page and
// nothing scrolls sideways.
func TestBrowserOutcomesPage(t *testing.T) {
	t.Parallel()
	axe := loadAxe(t)
	b := newBrowser(t)
	ts, st := b.srv, b.srv.Store
	s := apptest.SeedOutcomes(t, st)
	apptest.AddStaff(t, st, "outcomes-admin@example.org", carepath.RoleAdmin)

	const width = 768
	b.do("emulate a tablet", chromedp.EmulateViewport(width, 1024, chromedp.EmulateScale(2), chromedp.EmulateTouch))
	fits := func(page string) {
		t.Helper()
		if o := b.overflow(width); o.ScrollWidth > width {
			t.Errorf("%s scrolls sideways on a %dpx screen (%dpx wide): %s", page, width, o.ScrollWidth, strings.Join(o.Offenders, "; "))
		}
	}
	b.signInBrowser("outcomes-admin@example.org")
	b.open("/staff/programs")
	b.navigate("follow the outcomes link", 200, chromedp.Click(chromedp.CSS(`a[href="/staff/outcomes"]`)))
	b.axeCheck("outcomes report", axe)
	fits("outcomes report")

	if got := js[string](b, `document.querySelector('h2').textContent`); !strings.Contains(got, "Observational data, not a trial") {
		t.Errorf("first heading after the title: %q, want the caveats", got)
	}
	charts := js[[]string](b, `[...document.querySelectorAll('figure.chart svg[role=img]')].map(s => s.querySelector('title').textContent + ' | ' + s.querySelector('desc').textContent)`)
	if len(charts) != 3 || !strings.Contains(charts[0], "standardized") || !strings.Contains(charts[0], "PHP: fewer than 10") {
		t.Errorf("charts %q", charts)
	}
	if n := js[int](b, `document.querySelectorAll('table.chart-data').length`); n != 3 {
		t.Errorf("%d chart data tables, want 3", n)
	}
	php := js[string](b, `document.querySelector('#level-php tbody tr').textContent`)
	if !strings.Contains(php, "fewer than 10") {
		t.Errorf("PHP row %q, want its cells suppressed", php)
	}
	if !js[bool](b, `!!document.querySelector('a[download][href^="/staff/outcomes.csv?"]')`) {
		t.Error("no CSV download link")
	}

	// Choose the IOP with the keyboard and submit with Enter.
	// The programs are listed by name after "Every program": Outcome IOP comes first.
	b.do("choose a program", chromedp.Focus(chromedp.ID("outcomes-program")), chromedp.KeyEvent(kb.ArrowDown))
	if got := js[string](b, `document.getElementById('outcomes-program').value`); got != s.IOP {
		t.Fatalf("program chosen with the keyboard: %q, want the IOP", got)
	}
	b.navigate("submit with Enter", 200, chromedp.Steps(chromedp.Focus(chromedp.CSS(`form[action="/staff/outcomes"] button[type=submit]`)), chromedp.KeyEvent(kb.Enter)))
	if got := js[string](b, `new URL(location.href).searchParams.get('program_id')`); got != s.IOP {
		t.Errorf("program after submitting: %q", got)
	}
	if got := js[string](b, `document.querySelector('h1 .subtitle').textContent`); !strings.Contains(got, "Outcome IOP") {
		t.Errorf("subtitle %q", got)
	}
	b.axeCheck("outcomes report for one program", axe)
	fits("outcomes report for one program")

	b.navigate("an impossible date", 400, chromedp.Navigate(ts.URL+"/staff/outcomes?from=2026-02-30&to="+s.To))
	if got := js[string](b, `document.activeElement ? document.activeElement.id : ''`); got != "error-summary" {
		t.Errorf("focus after the error: %q, want the error summary", got)
	}
	if !js[bool](b, `!!document.querySelector('#error-summary a[href="#outcomes-from"]')`) {
		t.Error("the error summary does not link to the first day")
	}
	b.axeCheck("outcomes report with an error", axe)
	fits("outcomes report with an error")
}
