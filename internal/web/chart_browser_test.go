package web_test

import (
	"strings"
	"testing"

	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/chromedp/chromedp"
)

// TestBrowserChartPages signs in as a clinician, reads the chart with its history, overrides
// the recommendation first without and then with a variance, and, as an admin, opens the
// audit log and the census; axe-core runs on each page.
func TestBrowserChartPages(t *testing.T) {
	t.Parallel()
	axe := loadAxe(t)
	b := newBrowser(t)
	st := b.srv.Store
	s := apptest.SeedChart(t, st)
	chart := "/staff/clients/" + s.Client.ID

	b.signInBrowser("ana@example.org")
	b.open(chart)
	if got := js[string](b, `document.querySelector('main').textContent`); !strings.Contains(got, "Stable for two weeks") ||
		!strings.Contains(got, "Worsening at home") {
		t.Errorf("chart history: %q", clip(got, 400))
	}
	b.axeCheck("chart with history", axe)

	b.navigate("open the assessment form", 200, chromedp.Click(chromedp.CSS(`a[href="`+chart+`/assess"]`)))
	b.axeCheck("assessment form", axe)
	b.do("choose ratings and an override", chromedp.Evaluate[chromedp.Void](`(() => {
		const set = (id, v) => { document.getElementById(id).value = v; };
		set('assess-dim-psychiatric', '1'); set('assess-dim-relapse', '2'); set('assess-dim-environment', '1');
		set('assess-final-level', 'inpatient');
	})()`))
	b.navigate("save an override without a variance", 400, chromedp.Click(chromedp.CSS(`button[value=save]`)))
	if got := js[string](b, `document.getElementById('error-summary').textContent`); !strings.Contains(got, "variance") {
		t.Errorf("error summary: %q", got)
	}
	if got := js[string](b, `document.getElementById('assess-dim-relapse').value + ' ' + document.getElementById('assess-final-level').value`); got != "2 inpatient" {
		t.Errorf("values after the error: %q", got)
	}
	b.axeCheck("assessment form with an error", axe)
	b.do("choose a variance", chromedp.Evaluate[chromedp.Void](`document.getElementById('assess-variance-code').value = 'client_preference'`))
	b.navigate("save an override with a variance", 200, chromedp.Click(chromedp.CSS(`button[value=save]`)))
	if p := b.path(); p != chart {
		t.Errorf("after saving: %s", p)
	}
	if got := js[string](b, `document.querySelector('table.assessments tbody tr').textContent`); !strings.Contains(got, "client_preference") {
		t.Errorf("newest assessment: %q", clip(got, 300))
	}

	b.navigate("sign out", 200, chromedp.Evaluate[chromedp.Void](`(() => { const f = document.createElement('form');
		f.method = 'post'; f.action = '/logout'; document.body.appendChild(f); f.submit(); })()`))
	b.signInBrowser("admin@example.org")
	b.open("/staff/audit?client_id=" + s.Client.ID)
	if got := js[string](b, `document.querySelector('table.audit').textContent`); !strings.Contains(got, "assessment.create") {
		t.Errorf("audit rows: %q", clip(got, 300))
	}
	b.axeCheck("audit log", axe)
	b.open("/staff/programs")
	b.axeCheck("programs", axe)
	b.open("/staff/programs/" + s.Program.ID + "/census")
	if got := js[string](b, `document.querySelector('table.census').textContent`); !strings.Contains(got, "Lake, Robin") {
		t.Errorf("census: %q", clip(got, 300))
	}
	b.axeCheck("census", axe)
}
