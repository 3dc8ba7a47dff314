package api_test

import (
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
)

// TestListClaimBatchesAPI lists the claim batches through the contract validator: all, by payer,
// by claim status after a partial payment, a bad status named, a clinician refused.
func TestListClaimBatchesAPI(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	admin, _ := apptest.Token(t, ts.Store, "admin@example.org", carepath.RoleAdmin)
	desk, _ := apptest.Token(t, ts.Store, "desk@example.org", carepath.RoleFrontDesk)
	ana, anaStaff := apptest.Token(t, ts.Store, "ana@example.org", carepath.RoleClinician)
	seed := apptest.SeedBillable(t, ts.Store, anaStaff)
	api := ts.URL + "/api/v1"
	status, body := apptest.API(t, "POST", api+"/claim-batches", desk, `{"payer_id":"60054","from":"2026-10-01","to":"2026-10-31","format":"837I"}`)
	batch := apptest.CreatedID(t, status, body)
	claim := body[strings.Index(body, `"claims":[{"id":"`)+len(`"claims":[{"id":"`):]
	claim = claim[:strings.Index(claim, `"`)]
	remit := apptest.Hand835(claim, apptest.RemitLine{Paid: 300_00}, apptest.RemitLine{Paid: 300_00}, apptest.RemitLine{Paid: 100_00, Other: 200_00})
	if status, got := apiWithType(t, "POST", api+"/remittances", admin, "application/edi-x12", remit); status != 200 ||
		!strings.Contains(got, `"status":"partially_paid"`) {
		t.Fatalf("835 = %d %s", status, got)
	}
	for _, tt := range []struct {
		name, query, token string
		status             int
		want               string
	}{
		{"all", "", desk, 200, `"id":"` + batch + `","payer_id":"` + seed.Payer.ID + `","payer_name":"Acme Health","format":"837I"`},
		{"counts by status", "", desk, 200, `"claims":1,"claims_by_status":[{"status":"partially_paid","count":1}]`},
		{"by payer id", "?payer_id=60054", admin, 200, `"total_cents":90000`},
		{"by status", "?status=partially_paid", desk, 200, batch},
		{"none paid in full", "?status=paid", desk, 200, `{"claim_batches":[]}`},
		{"a bad status is named", "?status=lost", desk, 400, `"field":"status"`},
		{"an unknown payer is named", "?payer_id=99999", desk, 400, `"field":"payer_id"`},
		{"a clinician may not list batches", "", ana, 403, ""},
	} {
		status, got := apptest.API(t, "GET", api+"/claim-batches"+tt.query, tt.token, "")
		if status != tt.status || !strings.Contains(got, tt.want) {
			t.Errorf("%s: %d %s, want %d with %s", tt.name, status, got, tt.status, tt.want)
		}
	}
}
