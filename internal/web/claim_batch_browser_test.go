package web_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
	"github.com/chromedp/chromedp"
)

// TestBrowserClaimsWalk: an admin opens Claims from the menu, lists the payer's clients on the
// new batch form (what was typed kept), makes a batch for Robin's first two October days, opens it, posts the payer's 835 for it as a file (paid in
// full) and a hand-made 835 for a second batch (the last day) pasted as text (paid in part), and
// sees the claims paid and partially paid on the batch pages; every page passes axe-core.
func TestBrowserClaimsWalk(t *testing.T) {
	t.Parallel()
	axe := loadAxe(t)
	b := newBrowser(t)
	st := b.srv.Store
	ana := apptest.AddStaff(t, st, "ana@example.org", carepath.RoleClinician)
	apptest.AddStaff(t, st, "admin@example.org", carepath.RoleAdmin)
	seed := apptest.SeedBillable(t, st, ana)
	second, err := store.NewClaimService(st).CreateClaimBatch(apptest.System(), carepath.ClaimBatchInput{PayerID: "60054",
		From: "2026-10-29", To: "2026-10-31", Format: carepath.Claim837I})
	if err != nil {
		t.Fatal(err)
	}

	b.signInBrowser("admin@example.org")
	b.open("/staff")
	b.navigate("open Claims from the menu", 200, chromedp.Click(chromedp.CSS(`nav a[href="/staff/claim-batches"]`)))
	b.axeCheck("claim batches", axe)
	b.navigate("open the new batch form", 200, chromedp.Click(chromedp.CSS(`a[href="/staff/claim-batches/new"]`)))
	b.do("fill the form", chromedp.SetValue(chromedp.ID("batch-payer"), seed.Payer.ID),
		chromedp.SetValue(chromedp.ID("batch-from"), "2026-10-01"), chromedp.SetValue(chromedp.ID("batch-to"), "2026-10-28"))
	b.navigate("show the payer's clients", 200, chromedp.Click(chromedp.ID("batch-show-clients")))
	if got := js[string](b, `document.getElementById('batch-payer').value + ' ' + document.getElementById('batch-to').value`); got != seed.Payer.ID+" 2026-10-28" {
		t.Errorf("after listing the payer's clients the form reads %q, want what was typed", got)
	}
	if got := js[int](b, `document.querySelectorAll('#batch-clients input[name=client_ids]').length`); got != 1 {
		t.Errorf("the form offers %d of the payer's clients, want Robin", got)
	}
	b.axeCheck("new batch form", axe)
	// Enter in a field makes the batch (the form's first submit button), not a reload of the list.
	if got := js[string](b, `document.querySelector('#batch-form button[type=submit]').textContent`); got != "Make the batch" {
		t.Errorf("the form's default button is %q, want Make the batch", got)
	}
	b.navigate("make the batch", 200, chromedp.Click(chromedp.ID("batch-make")))
	if !strings.HasPrefix(b.path(), "/staff/claim-batches/") {
		t.Fatalf("after making the batch the page is %s", b.path())
	}
	batchPath := b.path()
	claim := js[string](b, `document.querySelector('table.claims tbody th').textContent.trim()`)
	if got := js[string](b, `document.querySelector('table.claims tbody .claim-status').textContent.trim()`); !strings.HasSuffix(got, "Submitted") {
		t.Errorf("the new claim reads %q", got)
	}
	if got := js[string](b, `document.getElementById('download-837').getAttribute('href')`); got != batchPath+"/claims.837" {
		t.Errorf("the download link is %q", got)
	}
	b.axeCheck("claim batch", axe)

	file := filepath.Join(t.TempDir(), "remit.835")
	if err := os.WriteFile(file, []byte(apptest.Hand835(claim, apptest.RemitLine{Paid: 300_00}, apptest.RemitLine{Paid: 300_00})), 0o600); err != nil {
		t.Fatal(err)
	}
	b.navigate("open the 835 page", 200, chromedp.Click(chromedp.CSS(`a[href="/staff/remittances/new"]`)))
	b.axeCheck("835 page", axe)
	b.do("choose the file", chromedp.SetUploadFiles(chromedp.ID("remittance-file"), []string{file}))
	b.navigate("post the file", 200, chromedp.Click(chromedp.CSS(`#remittance-form button[type=submit]`)))
	if got := js[string](b, `document.getElementById('decided-`+claim+`').textContent`); !strings.Contains(got, "Paid") || strings.Contains(got, "Partially") {
		t.Errorf("after the file the claim reads %q", strings.Join(strings.Fields(got), " "))
	}
	b.axeCheck("835 posted", axe)

	other := second.Claims[0].ID
	b.do("paste the second 835", chromedp.SetValue(chromedp.ID("remittance-text"),
		apptest.Hand835(other, apptest.RemitLine{Paid: 100_00, Other: 200_00})))
	b.navigate("post the text", 200, chromedp.Click(chromedp.CSS(`#remittance-form button[type=submit]`)))
	if got := js[string](b, `document.getElementById('decided-`+other+`').textContent`); !strings.Contains(got, "Partially paid") {
		t.Errorf("after the text the second claim reads %q", strings.Join(strings.Fields(got), " "))
	}

	b.open(batchPath)
	if got := js[string](b, `document.querySelector('#claim-`+claim+` .claim-status').textContent.trim()`); !strings.HasSuffix(got, "Paid") {
		t.Errorf("the first batch's claim reads %q", got)
	}
	b.open("/staff/claim-batches/" + second.ID)
	if got := js[string](b, `document.querySelector('#claim-`+other+` .claim-status').textContent.trim()`); !strings.HasSuffix(got, "Partially paid") {
		t.Errorf("the second batch's claim reads %q", got)
	}
	b.open("/staff/claim-batches?status=partially_paid")
	if n := js[int](b, `document.querySelectorAll('table.claim-batches tbody tr').length`); n != 1 {
		t.Errorf("%d batches with a partially paid claim, want 1", n)
	}
	b.axeCheck("claim batches filtered", axe)
}
