package api_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
)

// TestSecondaryPayerWalk bills Robin's October to her primary payer (Acme Health) and her
// secondary (Beacon Mutual) through the API: Beacon's batch holds her claim, saying why, until
// Acme's 835 is posted; then it bills the days Acme left her something to pay, with Acme's
// adjudication in the file, and a second Beacon batch is refused (a charge is billed once per
// payer).
func TestSecondaryPayerWalk(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	admin, _ := apptest.Token(t, ts.Store, "admin@example.org", carepath.RoleAdmin)
	desk, _ := apptest.Token(t, ts.Store, "desk@example.org", carepath.RoleFrontDesk)
	_, anaStaff := apptest.Token(t, ts.Store, "ana@example.org", carepath.RoleClinician)
	client := apptest.SeedBillable(t, ts.Store, anaStaff).Client.ID
	apptest.AddSecondaryPayer(t, ts.Store, client)
	call := func(method, path, token, body string, want int) string {
		t.Helper()
		status, got := apptest.API(t, method, ts.URL+"/api/v1"+path, token, body)
		if status != want {
			t.Fatalf("%s %s = %d %s, want %d", method, path, status, got, want)
		}
		return got
	}
	acme := `{"payer_id":"60054","from":"2026-10-01","to":"2026-10-31","format":"837I"}`
	beacon := `{"payer_id":"70070","from":"2026-10-01","to":"2026-10-31","format":"837I"}`
	var primary, held, secondary carepath.ClaimBatch
	if err := json.Unmarshal([]byte(call("POST", "/claim-batches", desk, acme, 201)), &primary); err != nil || len(primary.Claims) != 1 {
		t.Fatalf("Acme batch = %+v, %v", primary, err)
	}
	if err := json.Unmarshal([]byte(call("POST", "/claim-batches", desk, beacon, 201)), &held); err != nil || len(held.Claims) != 1 ||
		held.Claims[0].Status != carepath.ClaimHeld || len(held.Claims[0].Holds) == 0 ||
		held.Claims[0].Holds[0].Reason != "waiting for the primary payer's remittance" {
		t.Fatalf("Beacon batch before Acme's 835 = %+v, %v; want the claim held, waiting for Acme", held, err)
	}
	remit := apptest.Hand835(primary.Claims[0].ID, apptest.RemitLine{Paid: 200_00, Contractual: 50_00, Coinsurance: 50_00},
		apptest.RemitLine{Paid: 300_00}, apptest.RemitLine{Paid: 100_00, Contractual: 100_00, Coinsurance: 100_00})
	if status, got := apiWithType(t, "POST", ts.URL+"/api/v1/remittances", admin, "application/edi-x12", remit); status != 200 {
		t.Fatalf("Acme's 835 = %d %s", status, got)
	}
	if err := json.Unmarshal([]byte(call("POST", "/claim-batches", desk, beacon, 201)), &secondary); err != nil || len(secondary.Claims) != 1 ||
		secondary.Claims[0].Status != carepath.ClaimSubmitted || secondary.Claims[0].Lines != 2 || secondary.Total != 600_00 {
		t.Fatalf("Beacon batch after Acme's 835 = %+v, %v; want two days, $600", secondary, err)
	}
	var shown carepath.ClaimBatch
	if err := json.Unmarshal([]byte(call("GET", "/claim-batches/"+secondary.ID, desk, "", 200)), &shown); err != nil || len(shown.Claims) != 1 ||
		shown.PayerName != "Beacon Mutual" || shown.Claims[0].Total != 600_00 {
		t.Errorf("GET Beacon batch = %+v, %v", shown, err)
	}
	file := call("GET", "/claim-batches/"+secondary.ID+"/x12", desk, "", 200)
	for _, want := range []string{"SBR*S*", "SBR*P*18*G9******CI~AMT*D*300~", "NM1*PR*2*ACME HEALTH*****PI*60054~",
		"SVD*60054*200*HC:H0015*0906*1~CAS*CO*45*50~CAS*PR*2*50~DTP*573*D8*20261110~"} {
		if !strings.Contains(file, want) {
			t.Errorf("Beacon's 837 lacks %s:\n%s", want, file)
		}
	}
	if got := call("POST", "/claim-batches", desk, beacon, 400); !strings.Contains(got, `"field":"payer_id"`) || !strings.Contains(got, `"code":"already_billed"`) {
		t.Errorf("Beacon billed again: %s", got)
	}
}

// TestClaimLeftOutThroughTheAPI: after Acme Health, Robin's primary payer, was billed and paid
// only her first October day, Beacon Mutual's batch carries that day and its claim's left_out
// names the other two days with their hold, in the batch made and in the batch read back.
func TestClaimLeftOutThroughTheAPI(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	admin, _ := apptest.Token(t, ts.Store, "admin@example.org", carepath.RoleAdmin)
	desk, _ := apptest.Token(t, ts.Store, "desk@example.org", carepath.RoleFrontDesk)
	_, anaStaff := apptest.Token(t, ts.Store, "ana@example.org", carepath.RoleClinician)
	client := apptest.SeedBillable(t, ts.Store, anaStaff).Client.ID
	apptest.AddSecondaryPayer(t, ts.Store, client)
	call := func(method, path, token, body string, want int) carepath.ClaimBatch {
		t.Helper()
		status, got := apptest.API(t, method, ts.URL+"/api/v1"+path, token, body)
		var b carepath.ClaimBatch
		if status != want || json.Unmarshal([]byte(got), &b) != nil {
			t.Fatalf("%s %s = %d %s, want %d", method, path, status, got, want)
		}
		return b
	}
	primary := call("POST", "/claim-batches", desk, `{"payer_id":"60054","from":"2026-10-26","to":"2026-10-26","format":"837I"}`, 201)
	if len(primary.Claims) != 1 || len(primary.Claims[0].LeftOut) != 0 {
		t.Fatalf("Acme batch of the first day = %+v", primary)
	}
	remit := apptest.Hand835(primary.Claims[0].ID, apptest.RemitLine{Paid: 200_00, Contractual: 50_00, Coinsurance: 50_00})
	if status, got := apiWithType(t, "POST", ts.URL+"/api/v1/remittances", admin, "application/edi-x12", remit); status != 200 {
		t.Fatalf("Acme's 835 = %d %s", status, got)
	}
	made := call("POST", "/claim-batches", desk, `{"payer_id":"70070","from":"2026-10-01","to":"2026-10-31","format":"837I"}`, 201)
	for how, b := range map[string]carepath.ClaimBatch{"made": made, "read back": call("GET", "/claim-batches/"+made.ID, desk, "", 200)} {
		if len(b.Claims) != 1 || b.Claims[0].Status != carepath.ClaimSubmitted || b.Claims[0].Lines != 1 || len(b.Claims[0].LeftOut) != 2 {
			t.Fatalf("%s: Beacon batch %+v; want one day sent and two left out", how, b)
		}
		for i, day := range []string{"2026-10-28", "2026-10-30"} {
			l := b.Claims[0].LeftOut[i]
			if l.Date != day || l.Cents != 300_00 || len(l.Holds) != 1 || l.Holds[0].Rule != "primary_remittance" {
				t.Errorf("%s: left out %d = %+v, want %s held for the primary", how, i, l, day)
			}
		}
	}
}
