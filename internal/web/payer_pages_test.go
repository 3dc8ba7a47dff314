package web_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// TestPayerMedicareFlagOnThePages: an admin adds a payer marked Medicare on the payers page (a
// refused form keeps the box ticked), the list says so, and the row's form clears the flag
// and sets it again; the store holds what the page shows.
func TestPayerMedicareFlagOnThePages(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	apptest.SeedChart(t, ts.Store)
	admin := apptest.SignIn(t, ts.URL, "admin@example.org")
	if _, _, body := admin("GET", "/staff/payers", nil); !strings.Contains(body, `id="payer-medicare"`) ||
		!strings.Contains(body, "checked against the Medicare IOP rules") {
		t.Fatalf("the add form lacks the Medicare box or its explanation")
	}
	form := url.Values{"name": {"Medicare Part A"}, "payer_id": {"bad id!"}, "claim_format": {"837I"}, "medicare": {"yes"}}
	if code, _, body := admin("POST", "/staff/payers", form); code != 400 || !strings.Contains(body, `id="payer-medicare" name="medicare" value="yes" checked`) {
		t.Errorf("a refused form: %d, want 400 with the box still ticked", code)
	}
	form.Set("payer_id", "MCRA1")
	if code, _, _ := admin("POST", "/staff/payers", form); code != 303 {
		t.Fatalf("add: %d", code)
	}
	payers := store.NewPayerService(ts.Store)
	p, err := payers.FindPayerByID(apptest.System(), "MCRA1")
	if err != nil || !p.Medicare {
		t.Fatalf("stored payer %+v, %v; want Medicare", p, err)
	}
	_, _, body := admin("GET", "/staff/payers", nil)
	if !strings.Contains(body, "Medicare: IOP claims checked against Medicare's rules") {
		t.Errorf("the list does not say the payer is Medicare")
	}
	if !strings.Contains(body, `id="medicare-`+p.ID+`" name="medicare" value="yes" checked`) {
		t.Errorf("the row's box is not ticked")
	}
	for _, want := range []bool{false, true} {
		f := url.Values{"claim_format": {"837I"}}
		if want {
			f.Set("medicare", "yes")
		}
		if code, _, _ := admin("POST", "/staff/payers/"+p.ID, f); code != 303 {
			t.Fatalf("update to %v: %d", want, code)
		}
		if p, err := payers.FindPayerByID(apptest.System(), "MCRA1"); err != nil || p.Medicare != want || p.ClaimFormat != carepath.Claim837I {
			t.Errorf("after the update to %v: %+v, %v", want, p, err)
		}
	}
}
