package web_test

import (
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
	"github.com/chromedp/chromedp"
)

// TestBrowserClaimCorrection: the front desk opens a batch whose claim was sent, voids it with a
// malformed payer claim control number (refused next to the field, the text kept), then
// corrects it with a replacement naming the number, lands on the new batch, and finds the
// original replaced; every page passes axe-core.
func TestBrowserClaimCorrection(t *testing.T) {
	t.Parallel()
	axe := loadAxe(t)
	b := newBrowser(t)
	st := b.srv.Store
	ana := apptest.AddStaff(t, st, "ana@example.org", carepath.RoleClinician)
	apptest.AddStaff(t, st, "desk@example.org", carepath.RoleFrontDesk)
	apptest.SeedBillable(t, st, ana)
	batch, err := store.NewClaimService(st).CreateClaimBatch(apptest.System(), carepath.ClaimBatchInput{PayerID: "60054",
		From: "2026-10-01", To: "2026-10-31", Format: carepath.Claim837I})
	if err != nil {
		t.Fatal(err)
	}
	claim := batch.Claims[0].ID

	b.signInBrowser("desk@example.org")
	b.open("/staff/claim-batches/" + batch.ID)
	b.axeCheck("batch with a sent claim", axe)
	b.do("open the claim's corrections", chromedp.Click(chromedp.CSS(`#correct-`+claim+` summary`)))
	b.do("type a malformed number", chromedp.SetValue(chromedp.ID("void-"+claim+"-pcc"), "12*34"))
	b.navigate("void it", 400, chromedp.Click(chromedp.CSS(`#void-`+claim+` button[type=submit]`)))
	if got := js[string](b, `document.getElementById('void-`+claim+`-pcc-error').textContent`); !strings.Contains(got, "letters, digits and dashes") {
		t.Errorf("the void's error reads %q", got)
	}
	if got := js[string](b, `document.getElementById('void-`+claim+`-pcc').value`); got != "12*34" {
		t.Errorf("the typed number is now %q", got)
	}
	b.axeCheck("refused void", axe)
	if !js[bool](b, `document.getElementById('correct-`+claim+`').open`) {
		t.Error("after the refusal the claim's corrections are closed")
	}

	b.do("type the number", chromedp.SetValue(chromedp.ID("replacement-"+claim+"-pcc"), "PC-2026-77"))
	b.navigate("send a replacement", 200, chromedp.Click(chromedp.CSS(`#replacement-`+claim+` button[type=submit]`)))
	if p := b.path(); p == "/staff/claim-batches/"+batch.ID || !strings.HasPrefix(p, "/staff/claim-batches/") {
		t.Fatalf("after the replacement the page is %s", p)
	}
	if got := js[string](b, `document.querySelector('table.claims tbody th').textContent`); !strings.Contains(got, "Replacement of "+claim) {
		t.Errorf("the new batch's claim reads %q", strings.Join(strings.Fields(got), " "))
	}
	b.axeCheck("replacement batch", axe)
	b.open("/staff/claim-batches/" + batch.ID)
	if got := js[string](b, `document.querySelector('#claim-`+claim+` .claim-status').textContent.trim()`); !strings.HasSuffix(got, "Replaced") {
		t.Errorf("the original reads %q", got)
	}
}
