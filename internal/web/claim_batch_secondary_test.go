package web_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// TestSecondaryClaimHeldPage: a batch for Robin's secondary payer made while her primary has
// not answered shows her claim held, in plain words, with what to do.
func TestSecondaryClaimHeldPage(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	ana := apptest.AddStaff(t, ts.Store, "ana@example.org", carepath.RoleClinician)
	apptest.AddStaff(t, ts.Store, "desk@example.org", carepath.RoleFrontDesk)
	seed := apptest.SeedBillable(t, ts.Store, ana)
	cli := apptest.System()
	beacon := apptest.AddSecondaryPayer(t, ts.Store, seed.Client.ID)
	if _, err := store.NewClaimService(ts.Store).CreateClaimBatch(cli, carepath.ClaimBatchInput{PayerID: "60054", From: "2026-10-01",
		To: "2026-10-31", Format: carepath.Claim837I}); err != nil {
		t.Fatal(err)
	}
	deskClient := apptest.SignInClient(t, ts.URL, "desk@example.org")
	form := url.Values{"payer_id": {beacon.ID}, "from": {"2026-10-01"}, "to": {"2026-10-31"}, "format": {""}}
	code, loc, _ := apptest.Send(t, deskClient, "POST", ts.URL+"/staff/claim-batches", form)
	if code != 303 || !strings.HasPrefix(loc, "/staff/claim-batches/") {
		t.Fatalf("make Beacon's batch: %d %q", code, loc)
	}
	_, _, body := apptest.Send(t, deskClient, "GET", ts.URL+loc, nil)
	for _, want := range []string{"Beacon Mutual", `href="/staff/clients/` + seed.Client.ID + `">Lake, Robin</a>`,
		`<span aria-hidden="true">⏸</span> Held`, "Waiting on the primary payer", "waiting for the primary payer&#39;s remittance",
		"What to do: Bill the client&#39;s primary payer first"} {
		if !strings.Contains(body, want) {
			t.Errorf("the batch page lacks %q", want)
		}
	}
}

// TestClaimLeftOutPage: when Robin's primary was billed and paid only her first October day, a
// batch for her secondary payer sends that day and its page names the two days left out, why,
// and what to do.
func TestClaimLeftOutPage(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	ana := apptest.AddStaff(t, ts.Store, "ana@example.org", carepath.RoleClinician)
	apptest.AddStaff(t, ts.Store, "desk@example.org", carepath.RoleFrontDesk)
	seed := apptest.SeedBillable(t, ts.Store, ana)
	cli := apptest.System()
	beacon := apptest.AddSecondaryPayer(t, ts.Store, seed.Client.ID)
	claims := store.NewClaimService(ts.Store)
	primary, err := claims.CreateClaimBatch(cli, carepath.ClaimBatchInput{PayerID: "60054", From: "2026-10-26", To: "2026-10-26",
		Format: carepath.Claim837I})
	if err != nil {
		t.Fatal(err)
	}
	remit := apptest.Hand835(primary.Claims[0].ID, apptest.RemitLine{Paid: 200_00, Contractual: 50_00, Coinsurance: 50_00})
	if _, err := claims.PostRemittance(cli, []byte(remit)); err != nil {
		t.Fatal(err)
	}
	deskClient := apptest.SignInClient(t, ts.URL, "desk@example.org")
	form := url.Values{"payer_id": {beacon.ID}, "from": {"2026-10-01"}, "to": {"2026-10-31"}, "format": {""}}
	code, loc, _ := apptest.Send(t, deskClient, "POST", ts.URL+"/staff/claim-batches", form)
	if code != 303 || !strings.HasPrefix(loc, "/staff/claim-batches/") {
		t.Fatalf("make Beacon's batch: %d %q", code, loc)
	}
	_, _, body := apptest.Send(t, deskClient, "GET", ts.URL+loc, nil)
	for _, want := range []string{"Left out of claim", "(Lake, Robin)</h3>", "2026-10-28, H0015, $300: <strong>Waiting on the primary payer</strong> (not yet billed to the primary payer)",
		"2026-10-30, H0015, $300: ", "What to do: Bill the client&#39;s primary payer first"} {
		if !strings.Contains(body, want) {
			t.Errorf("the batch page lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "Why claim") {
		t.Errorf("the sent claim is shown as held")
	}
}
