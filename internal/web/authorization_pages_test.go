package web_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// TestAuthorizationPages records an authorization on an episode's page (first ending before it
// starts: 400 naming the end, what was typed kept), then extends it below its units used (400
// naming the units) and above.
func TestAuthorizationPages(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	s := apptest.SeedChart(t, ts.Store)
	payer, err := store.NewPayerService(ts.Store).CreatePayer(apptest.System(), carepath.PayerInput{Name: "Acme Health", PayerID: "60054"})
	if err != nil {
		t.Fatal(err)
	}
	ana := apptest.SignIn(t, ts.URL, "ana@example.org")
	page := "/staff/clients/" + s.Client.ID + "/episodes/" + s.Episode.ID + "/authorizations"
	if _, _, body := ana("GET", "/staff/clients/"+s.Client.ID, nil); !strings.Contains(body, page) {
		t.Errorf("the chart does not link to the episode's authorizations")
	}
	form := url.Values{"payer_id": {payer.ID}, "number": {"A-1"}, "level": {"iop"}, "unit": {"day"}, "start": {"2026-01-20"},
		"end": {"2026-01-01"}, "units": {"12"}}
	code, _, body := ana("POST", page, form)
	if code != 400 || !strings.Contains(body, `id="auth-end-error"`) || !strings.Contains(body, `value="A-1"`) || !strings.Contains(body, `href="#auth-end"`) {
		t.Fatalf("end before start: %d", code)
	}
	form.Set("end", "2026-03-31")
	if code, loc, _ := ana("POST", page, form); code != 303 || loc != page {
		t.Fatalf("record: %d %q", code, loc)
	}
	_, _, body = ana("GET", page, nil)
	if !strings.Contains(body, "0 of 12 days used, 12 left.") || !strings.Contains(body, `<svg`) {
		t.Fatalf("the page lacks the units or the burn-down")
	}
	i := strings.Index(body, page+"/")
	update := body[i : i+len(page)+1+36]
	if code, _, body := ana("POST", update, url.Values{"units": {"0"}, "end": {"2026-03-31"}}); code != 400 || !strings.Contains(body, `aria-invalid="true"`) {
		t.Errorf("zero units: %d", code)
	}
	if code, _, _ := ana("POST", update, url.Values{"units": {"20"}, "end": {"2026-04-30"}, "next_review": {"2026-02-15"}}); code != 303 {
		t.Errorf("extend: %d", code)
	}
	if _, _, body := ana("GET", page, nil); !strings.Contains(body, "0 of 20 days used") || !strings.Contains(body, "Next review") {
		t.Errorf("the extension is not shown")
	}
}
