package store_test

import (
	"slices"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// TestClientPayments: the front desk records a client's payments (bad input names the field
// and writes nothing), lists them, a clinician of another caseload sees none, only an admin
// voids one (with a reason, once), a voided payment stays listed, and the balance subtracts
// only the payments not voided.
func TestClientPayments(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		clients := store.NewClientService(env.Store)
		alice := mustCreate(t, clients, newTestClient("Alice", "A", "staff-clinician-a")).ID
		claims := store.NewClaimService(env.Store)
		for _, tt := range []struct {
			in    carepath.ClientPaymentInput
			field string
		}{
			{carepath.ClientPaymentInput{Date: "2026-11-31", Cents: 2500, Method: "cash"}, "date"},
			{carepath.ClientPaymentInput{Date: "2026-11-03", Cents: 0, Method: "cash"}, "cents"},
			{carepath.ClientPaymentInput{Date: "2026-11-03", Cents: 2500, Method: "bitcoin"}, "method"},
		} {
			_, err := claims.RecordClientPayment(asFrontDesk, alice, tt.in)
			if carepath.ErrorCode(err) != carepath.EINVALID || !slices.Contains(fieldPaths(err), tt.field) {
				t.Errorf("RecordClientPayment(%+v) = %v, want EINVALID naming %s", tt.in, err, tt.field)
			}
		}
		copay, err := claims.RecordClientPayment(asFrontDesk, alice, carepath.ClientPaymentInput{Date: "2026-11-03", Cents: 2500,
			Method: " Card ", Reference: " slip 4411 ", Note: "copay"})
		if err != nil || copay.Method != "card" || copay.Reference != "slip 4411" || copay.CreatedBy != "staff-front-desk" {
			t.Fatalf("RecordClientPayment = %+v, %v", copay, err)
		}
		twice, err := claims.RecordClientPayment(asFrontDesk, alice, carepath.ClientPaymentInput{Date: "2026-11-03", Cents: 4000, Method: "cash"})
		if err != nil {
			t.Fatal(err)
		}
		list, err := claims.FindClientPayments(asFrontDesk, carepath.ClientPaymentFilter{ClientID: alice})
		if err != nil || len(list) != 2 {
			t.Fatalf("FindClientPayments = %d, %v; want 2", len(list), err)
		}
		other := actorAs(carepath.RoleClinician, "staff-clinician-b")
		if _, err := claims.FindClientPayments(other, carepath.ClientPaymentFilter{ClientID: alice}); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("another caseload's clinician = %v, want ENOTFOUND", err)
		}
		if all, err := claims.FindClientPayments(other, carepath.ClientPaymentFilter{}); err != nil || len(all) != 0 {
			t.Errorf("another caseload's clinician lists %d, %v; want none", len(all), err)
		}
		if _, err := claims.VoidClientPayment(asFrontDesk, twice.ID, "recorded twice"); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("front desk voids = %v, want EFORBIDDEN", err)
		}
		if _, err := claims.VoidClientPayment(asAdmin, twice.ID, "  "); carepath.ErrorCode(err) != carepath.EINVALID || !slices.Contains(fieldPaths(err), "reason") {
			t.Errorf("void without a reason = %v, want EINVALID naming reason", err)
		}
		voided, err := claims.VoidClientPayment(asAdmin, twice.ID, "recorded twice")
		if err != nil || !voided.Voided() || voided.VoidReason != "recorded twice" || voided.VoidedBy != "staff-admin" {
			t.Fatalf("VoidClientPayment = %+v, %v", voided, err)
		}
		if _, err := claims.VoidClientPayment(asAdmin, twice.ID, "again"); carepath.ErrorCode(err) != carepath.ECONFLICT {
			t.Errorf("second void = %v, want ECONFLICT", err)
		}
		list, err = claims.FindClientPayments(asAdmin, carepath.ClientPaymentFilter{ClientID: alice, From: "2026-11-01", To: "2026-11-30"})
		if err != nil || len(list) != 2 || !list[1].Voided() && !list[0].Voided() {
			t.Fatalf("after the void: %d payments, %v; want both, one voided", len(list), err)
		}
		bal, err := claims.FindClientBalance(asFrontDesk, alice)
		if err != nil || bal.ClientPaid != 2500 || bal.ClientDue != -2500 {
			t.Fatalf("balance = %+v, %v; want 25.00 paid, a 25.00 credit", bal, err)
		}
	})
}
