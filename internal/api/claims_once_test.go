package api_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/x12"
)

// TestChargeBilledOnce: a charge goes on one live claim. A second batch over the same days,
// or over part of them for the same client, is refused naming the payer or the client, and
// writes nothing; once the payer denies the claim (an 835 with claim status 4), its charges are
// billed again on a new claim.
func TestChargeBilledOnce(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	admin, _ := apptest.Token(t, ts.Store, "admin@example.org", carepath.RoleAdmin)
	desk, _ := apptest.Token(t, ts.Store, "desk@example.org", carepath.RoleFrontDesk)
	_, anaStaff := apptest.Token(t, ts.Store, "ana@example.org", carepath.RoleClinician)
	client := apptest.SeedBillable(t, ts.Store, anaStaff).Client.ID
	call := func(method, path, token, body string, want int) string {
		t.Helper()
		status, got := apptest.API(t, method, ts.URL+"/api/v1"+path, token, body)
		if status != want {
			t.Fatalf("%s %s = %d %s, want %d", method, path, status, got, want)
		}
		return got
	}
	october := `{"payer_id":"60054","from":"2026-10-01","to":"2026-10-31","format":"837I"}`
	var first carepath.ClaimBatch
	if err := json.Unmarshal([]byte(call("POST", "/claim-batches", desk, october, 201)), &first); err != nil || len(first.Claims) != 1 || first.Claims[0].Lines != 3 {
		t.Fatalf("first batch = %+v, %v", first, err)
	}
	rows := func() int {
		return apptest.CountRows(t, ts.DB, "claim_batches", "1 = 1") + apptest.CountRows(t, ts.DB, "claims", "1 = 1") +
			apptest.CountRows(t, ts.DB, "claim_charges", "1 = 1")
	}
	before := rows()
	if got := call("POST", "/claim-batches", desk, october, 400); !strings.Contains(got, `"field":"payer_id"`) || !strings.Contains(got, `"code":"already_billed"`) {
		t.Errorf("the same month again: %s", got)
	}
	lateOctober := `{"payer_id":"60054","from":"2026-10-27","to":"2026-10-31","format":"837I","client_ids":["` + client + `"]}`
	if got := call("POST", "/claim-batches", desk, lateOctober, 400); !strings.Contains(got, `"field":"client_ids[0]"`) {
		t.Errorf("part of the month for the client again: %s", got)
	}
	if after := rows(); after != before {
		t.Fatalf("refused batches wrote %d rows", after-before)
	}

	status, got := apiWithType(t, "POST", ts.URL+"/api/v1/remittances", admin, "application/edi-x12", denial835(first.Claims[0].ID))
	if status != 200 || !strings.Contains(got, `"status":"denied"`) {
		t.Fatalf("denial 835 = %d %s", status, got)
	}
	balance := func(when string, want carepath.ClientBalance) {
		t.Helper()
		var got carepath.ClientBalance
		if err := json.Unmarshal([]byte(call("GET", "/clients/"+client+"/balance", admin, "", 200)), &got); err != nil {
			t.Fatal(err)
		}
		want.ClientID, want.ClientOwed = client, want.ClientDue
		if got != want {
			t.Errorf("%s: balance %+v\nwant %+v", when, got, want)
		}
	}
	balance("denied", carepath.ClientBalance{Charged: 900_00, WrittenOff: 900_00})
	var again carepath.ClaimBatch
	if err := json.Unmarshal([]byte(call("POST", "/claim-batches", desk, october, 201)), &again); err != nil || len(again.Claims) != 1 ||
		again.Claims[0].Lines != 3 || again.Claims[0].ID == first.Claims[0].ID {
		t.Fatalf("the denied claim's charges billed again = %+v, %v", again, err)
	}
	call("POST", "/claim-batches", desk, october, 400)
	// Billed again, the charges await the payer: the denial's write-off no longer stands.
	balance("billed again", carepath.ClientBalance{Charged: 900_00, AwaitingPayer: 900_00})
	paid := apptest.Hand835(again.Claims[0].ID, apptest.RemitLine{Paid: 200_00, Contractual: 50_00, Coinsurance: 50_00},
		apptest.RemitLine{Paid: 300_00}, apptest.RemitLine{Paid: 300_00})
	if status, got := apiWithType(t, "POST", ts.URL+"/api/v1/remittances", admin, "application/edi-x12", paid); status != 200 {
		t.Fatalf("the second claim's 835 = %d %s", status, got)
	}
	balance("paid", carepath.ClientBalance{Charged: 900_00, InsurancePaid: 800_00, WrittenOff: 50_00, ClientDue: 50_00})
}

// denial835 is an 835 denying claim id (claim status 4, nothing paid, CO 50: not medically
// necessary) on its three $300 days.
func denial835(id string) string {
	segs := []string{
		"ST*835*0001",
		"BPR*H*0*C*NON************20261110",
		"TRN*1*DENY20261110001*1234567890",
		"N1*PR*ACME HEALTH", "N3*1 PAYER WAY", "N4*HARTFORD*CT*06156", "REF*2U*60054",
		"N1*PE*HARBOR BEHAVIORAL HEALTH*XX*1003000126",
		"LX*1",
		"CLP*" + id + "*4*900*0*0*12*PAYERCTRL10*13*1",
		"NM1*QC*1*LAKE*ROBIN****MI*W123",
	}
	for i, day := range []string{"20261026", "20261028", "20261030"} {
		segs = append(segs, "SVC*HC:H0015*300*0*0906*1", "DTM*472*"+day, "CAS*CO*50*300", "REF*6R*"+x12.LineControlNumber(id, i+1))
	}
	segs = append(segs, fmt.Sprintf("SE*%d*0001", len(segs)+1))
	head := "ISA*00*          *00*          *ZZ*60054          *ZZ*HARBORBH       *261110*0930*^*00501*000000902*0*P*:~" +
		"GS*HP*60054*HARBORBH*20261110*0930*902*X*005010X221A1~"
	return head + strings.Join(segs, "~") + "~GE*1*902~IEA*1*000000902~"
}
