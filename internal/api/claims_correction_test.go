package api_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
)

// TestClaimCorrectionWalk bills a clinic's October, posts the payer's 835 (its CLP07 is the
// payer's claim control number), replaces the claim and then voids the replacement through the
// API, each exchange checked against the OpenAPI document: the replacement's file has
// frequency 7 and REF*F8 with the 835's number, the void's frequency 8 and the number typed in;
// a second correction of the original is refused naming the replacement's batch, a malformed
// number names payer_claim_control, and a clinician may not correct claims.
func TestClaimCorrectionWalk(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	admin, _ := apptest.Token(t, ts.Store, "admin@example.org", carepath.RoleAdmin)
	desk, _ := apptest.Token(t, ts.Store, "desk@example.org", carepath.RoleFrontDesk)
	clinician, anaStaff := apptest.Token(t, ts.Store, "ana@example.org", carepath.RoleClinician)
	apptest.SeedBillable(t, ts.Store, anaStaff)
	call := func(method, path, token, body string, want int) string {
		t.Helper()
		status, got := apptest.API(t, method, ts.URL+"/api/v1"+path, token, body)
		if status != want {
			t.Fatalf("%s %s = %d %s, want %d", method, path, status, got, want)
		}
		return got
	}
	var first carepath.ClaimBatch
	if err := json.Unmarshal([]byte(call("POST", "/claim-batches", desk, `{"payer_id":"60054","from":"2026-10-01","to":"2026-10-31","format":"837I"}`, 201)), &first); err != nil {
		t.Fatal(err)
	}
	original := first.Claims[0].ID
	if got := call("POST", "/claims/"+original+"/replacement", desk, `{}`, 400); !strings.Contains(got, `"field":"payer_claim_control"`) {
		t.Errorf("a replacement before any 835: %s", got)
	}
	status, got := apiWithType(t, "POST", ts.URL+"/api/v1/remittances", admin, "application/edi-x12",
		apptest.Hand835(original, apptest.RemitLine{Paid: 300_00}, apptest.RemitLine{Paid: 300_00}, apptest.RemitLine{Paid: 300_00}))
	if status != 200 || !strings.Contains(got, `"payer_claim_control":"PAYERCTRL9"`) {
		t.Fatalf("835 = %d %s", status, got)
	}
	call("POST", "/claims/"+original+"/replacement", clinician, `{}`, 403)
	if got := call("POST", "/claims/"+original+"/void", desk, `{"payer_claim_control":"12*34"}`, 400); !strings.Contains(got, `"field":"payer_claim_control"`) {
		t.Errorf("a malformed number: %s", got)
	}
	call("POST", "/claims/B999C0001/replacement", desk, `{}`, 404)

	var repl carepath.ClaimBatch
	if err := json.Unmarshal([]byte(call("POST", "/claims/"+original+"/replacement", desk, `{}`, 201)), &repl); err != nil ||
		len(repl.Claims) != 1 || repl.Claims[0].Frequency != "7" || repl.Claims[0].Corrects != original {
		t.Fatalf("replacement = %+v, %v", repl, err)
	}
	file := call("GET", "/claim-batches/"+repl.ID+"/x12", desk, "", 200)
	if !strings.Contains(file, "CLM*"+repl.Claims[0].ID+"*900*") || !strings.Contains(file, "*76:A:7*") || !strings.Contains(file, "~REF*F8*PAYERCTRL9~") {
		t.Errorf("replacement file:\n%s", file)
	}
	if got := call("GET", "/claim-batches/"+first.ID, desk, "", 200); !strings.Contains(got, `"status":"replaced"`) ||
		!strings.Contains(got, `"corrected_by_batch":"`+repl.ID+`"`) {
		t.Errorf("the original batch after the replacement: %s", got)
	}
	if got := call("POST", "/claims/"+original+"/replacement", desk, `{}`, 409); !strings.Contains(got, `"field":"id"`) || !strings.Contains(got, repl.ID) {
		t.Errorf("a second replacement: %s", got)
	}

	var void carepath.ClaimBatch
	if err := json.Unmarshal([]byte(call("POST", "/claims/"+repl.Claims[0].ID+"/void", desk, `{"payer_claim_control":"R-778"}`, 201)), &void); err != nil ||
		len(void.Claims) != 1 || void.Claims[0].Frequency != "8" {
		t.Fatalf("void = %+v, %v", void, err)
	}
	if file := call("GET", "/claim-batches/"+void.ID+"/x12", desk, "", 200); !strings.Contains(file, "*76:A:8*") || !strings.Contains(file, "~REF*F8*R-778~") {
		t.Errorf("void file:\n%s", file)
	}
	call("POST", "/claim-batches", desk, `{"payer_id":"60054","from":"2026-10-01","to":"2026-10-31","format":"837I"}`, 201)
}
