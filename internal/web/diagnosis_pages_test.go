package web_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/carepath/carepath/internal/app/apptest"
)

// TestDiagnosisPages searches the code set, adds a diagnosis (first with a code not in the set:
// 400 naming the field with what was typed kept), resolves it, and checks the chart's summary
// and that the front desk does not see them.
func TestDiagnosisPages(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	s := apptest.SeedChart(t, ts.Store)
	ana := apptest.SignIn(t, ts.URL, "ana@example.org")
	desk := apptest.SignIn(t, ts.URL, "desk@example.org")
	page := "/staff/clients/" + s.Client.ID + "/diagnoses"

	if code, _, body := ana("GET", page+"?q=major+depressive+recurrent", nil); code != 200 || !strings.Contains(body, "F33.1") {
		t.Fatalf("search: %d", code)
	}
	code, _, body := ana("POST", page, url.Values{"code": {"F99.99"}, "onset": {"2025-03-01"}})
	if code != 400 || !strings.Contains(body, `id="diagnosis-code-error"`) || !strings.Contains(body, `value="F99.99"`) ||
		!strings.Contains(body, `value="2025-03-01"`) || !strings.Contains(body, `href="#diagnosis-code"`) {
		t.Fatalf("bad code: %d", code)
	}
	if code, loc, _ := ana("POST", page, url.Values{"code": {"F33.1"}, "primary": {"yes"}, "onset": {"2025-03-01"}}); code != 303 || loc != page {
		t.Fatalf("add: %d %q", code, loc)
	}
	_, _, body = ana("GET", "/staff/clients/"+s.Client.ID, nil)
	if !strings.Contains(body, "F33.1 Major depressive disorder, recurrent, moderate (primary)") {
		t.Errorf("the chart does not show the primary diagnosis")
	}
	_, _, body = ana("GET", page, nil)
	i := strings.Index(body, `/diagnoses/`)
	j := strings.Index(body[i:], `/resolve"`)
	resolve := "/staff/clients/" + s.Client.ID + body[i:i+j] + "/resolve"
	if code, _, body := ana("POST", resolve, url.Values{"resolved": {"2025-01-01"}}); code != 400 || !strings.Contains(body, "before its onset") {
		t.Errorf("resolve before onset: %d", code)
	}
	if code, _, _ := ana("POST", resolve, url.Values{"resolved": {"2025-09-01"}}); code != 303 {
		t.Errorf("resolve: %d", code)
	}
	if _, _, body := ana("GET", "/staff/clients/"+s.Client.ID, nil); !strings.Contains(body, "No active diagnoses.") {
		t.Errorf("a resolved diagnosis is still shown as active on the chart")
	}
	if code, _, _ := desk("GET", page, nil); code != 403 {
		t.Errorf("front desk: %d, want 403", code)
	}
}
