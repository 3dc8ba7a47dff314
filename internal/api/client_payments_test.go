package api_test

import (
	"encoding/csv"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
)

// TestClientPaymentsAPI: the front desk records a client's payment (400 naming a bad method,
// nothing written), lists it, may not void it; an admin voids it with a reason (400 without
// one, 409 twice); the balance subtracts only payments not voided; the charges CSV lists the
// period's payments after the charges.
func TestClientPaymentsAPI(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	_, anaStaff := apptest.Token(t, ts.Store, "ana@example.org", carepath.RoleClinician)
	desk, _ := apptest.Token(t, ts.Store, "desk@example.org", carepath.RoleFrontDesk)
	admin, _ := apptest.Token(t, ts.Store, "admin@example.org", carepath.RoleAdmin)
	bo, _ := apptest.Token(t, ts.Store, "bo@example.org", carepath.RoleClinician)
	client, _, _ := seedAttended(t, ts.Store, anaStaff.ID)
	api := ts.URL + "/api/v1"
	payments := api + "/clients/" + client + "/payments"

	if status, body := apptest.API(t, "POST", payments, desk, `{"date":"2026-10-28","cents":2500,"method":"bitcoin"}`); status != 400 || !strings.Contains(body, `"field":"method"`) {
		t.Errorf("bad method = %d %s, want 400 naming method", status, body)
	}
	status, body := apptest.API(t, "POST", payments, desk, `{"date":"2026-10-28","cents":2500,"method":"card","reference":"slip 4411","note":"copay"}`)
	copay := apptest.CreatedID(t, status, body)
	status, body = apptest.API(t, "POST", payments, desk, `{"date":"2026-10-30","cents":4000,"method":"cash"}`)
	twice := apptest.CreatedID(t, status, body)
	if status, body := apptest.API(t, "GET", payments, desk, ""); status != 200 || strings.Count(body, `"method":`) != 2 || !strings.Contains(body, copay) {
		t.Errorf("list = %d %s", status, body)
	}
	if status, _ := apptest.API(t, "GET", payments, bo, ""); status != 404 {
		t.Errorf("another caseload's clinician = %d, want 404", status)
	}
	void := api + "/client-payments/" + twice + "/void"
	if status, _ := apptest.API(t, "POST", void, desk, `{"reason":"recorded twice"}`); status != 403 {
		t.Errorf("front desk voids = %d, want 403", status)
	}
	if status, body := apptest.API(t, "POST", void, admin, `{"reason":" "}`); status != 400 || !strings.Contains(body, `"field":"reason"`) {
		t.Errorf("void without a reason = %d %s", status, body)
	}
	if status, body := apptest.API(t, "POST", void, admin, `{"reason":"recorded twice"}`); status != 200 || !strings.Contains(body, `"void_reason":"recorded twice"`) {
		t.Errorf("void = %d %s", status, body)
	}
	if status, _ := apptest.API(t, "POST", void, admin, `{"reason":"again"}`); status != 409 {
		t.Errorf("second void = %d, want 409", status)
	}
	if status, body := apptest.API(t, "GET", api+"/clients/"+client+"/balance", desk, ""); status != 200 || !strings.Contains(body, `"client_paid_cents":2500`) {
		t.Errorf("balance = %d %s, want 25.00 paid", status, body)
	}
	status, body = apptest.API(t, "GET", api+"/charges?from=2026-10-01&to=2026-10-31&format=csv", desk, "")
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if status != 200 || err != nil || len(rows) != 6 || rows[0][14] != "entry" {
		t.Fatalf("CSV = %d %v %q", status, err, body)
	}
	if p := rows[4]; p[0] != copay || p[11] != "25.00" || p[12] != "received" || p[14] != "client_payment" || p[15] != "card" || p[16] != "slip 4411" {
		t.Errorf("payment row = %q", p)
	}
	if p := rows[5]; p[12] != "voided" || p[17] != "recorded twice" {
		t.Errorf("voided payment row = %q", p)
	}
}
