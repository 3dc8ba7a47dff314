package web_test

import (
	"html"
	"net/url"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// TestClaimCorrectionPages corrects a sent claim from its batch page: the page offers a
// replacement and a void with a field for the payer's claim control number while none is
// known; a malformed number is refused next to its field with what was typed kept and nothing
// written; a replacement with the number typed opens the new batch (its claim marked as the
// replacement of the original), and the original shows Replaced with a link to it, its number,
// and no more actions. A second replacement posted anyway is refused (409) on the page.
func TestClaimCorrectionPages(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	ana := apptest.AddStaff(t, ts.Store, "ana@example.org", carepath.RoleClinician)
	apptest.AddStaff(t, ts.Store, "desk@example.org", carepath.RoleFrontDesk)
	apptest.SeedBillable(t, ts.Store, ana)
	batch, err := store.NewClaimService(ts.Store).CreateClaimBatch(apptest.System(), carepath.ClaimBatchInput{PayerID: "60054",
		From: "2026-10-01", To: "2026-10-31", Format: carepath.Claim837I})
	if err != nil {
		t.Fatal(err)
	}
	claim := batch.Claims[0].ID
	desk := apptest.SignIn(t, ts.URL, "desk@example.org")
	clinician := apptest.SignIn(t, ts.URL, "ana@example.org")
	page := "/staff/claim-batches/" + batch.ID

	_, _, body := desk("GET", page, nil)
	for _, want := range []string{`action="/staff/claims/` + claim + `/replacement"`, `action="/staff/claims/` + claim + `/void"`,
		`id="replacement-` + claim + `-pcc"`, `id="void-` + claim + `-pcc"`, "Correct claim " + claim + " (replacement claim)", "Void claim " + claim,
		`<td class="payer-claim-control"><span class="hint">Not known yet</span></td>`} {
		if !strings.Contains(body, want) {
			t.Errorf("the batch page lacks %q", want)
		}
	}
	if code, _, _ := clinician("POST", "/staff/claims/"+claim+"/replacement", url.Values{"batch_id": {batch.ID}}); code != 403 {
		t.Errorf("a clinician's replacement: %d", code)
	}

	rows := func() int {
		return apptest.CountRows(t, ts.DB, "claim_batches", "1 = 1") + apptest.CountRows(t, ts.DB, "claims", "status = 'submitted'")
	}
	before := rows()
	code, _, body := desk("POST", "/staff/claims/"+claim+"/void", url.Values{"batch_id": {batch.ID}, "payer_claim_control": {"12*34"}})
	if code != 400 || !strings.Contains(body, `id="void-`+claim+`-pcc-error"`) || !strings.Contains(body, `href="#void-`+claim+`-pcc"`) ||
		!strings.Contains(body, `value="12*34"`) || !strings.Contains(body, `aria-invalid="true"`) {
		t.Fatalf("a malformed number: %d %s", code, clip(body, 3000))
	}
	if strings.Contains(body, `id="replacement-`+claim+`-pcc-error"`) {
		t.Error("the void's error is shown on the replacement's form too")
	}
	if rows() != before {
		t.Fatal("a refused void wrote rows")
	}

	code, loc, _ := desk("POST", "/staff/claims/"+claim+"/replacement", url.Values{"batch_id": {batch.ID}, "payer_claim_control": {"PC-2026-77"}})
	if code != 303 || !strings.HasPrefix(loc, "/staff/claim-batches/") || loc == page {
		t.Fatalf("the replacement: %d %q", code, loc)
	}
	_, _, body = desk("GET", loc, nil)
	if !strings.Contains(body, "Replacement of <a href=\""+page+"#claim-"+claim+"\">"+claim+"</a>") || !strings.Contains(body, "Correct claim B2C0001") {
		t.Errorf("the replacement's batch page: %s", clip(body, 3000))
	}
	_, _, body = desk("GET", page, nil)
	if !strings.Contains(body, `<span aria-hidden="true">⇄</span> Replaced`) || !strings.Contains(body, `href="`+loc+`#claim-B2C0001">B2C0001</a>`) ||
		!strings.Contains(body, `<td class="payer-claim-control">PC-2026-77</td>`) ||
		strings.Contains(body, `action="/staff/claims/`+claim+`/replacement"`) {
		t.Errorf("the original after its replacement: %s", clip(html.UnescapeString(body), 4000))
	}
	code, _, body = desk("POST", "/staff/claims/"+claim+"/replacement", url.Values{"batch_id": {batch.ID}})
	if code != 409 || !strings.Contains(body, `id="replacement-`+claim+`-error"`) || !strings.Contains(body, "already replaced by claim B2C0001") {
		t.Errorf("a second replacement: %d %s", code, clip(body, 3000))
	}
}
