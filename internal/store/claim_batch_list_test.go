package store_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// TestFindClaimBatches makes two October batches for Acme Health, posts an 835 paying the first
// one's claim in part, and lists the batches newest first with their claims counted by status,
// all of them, by payer, and by claim status; a bad filter names its field, a clinician may not
// list batches, and every listing is audited.
func TestFindClaimBatches(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		clinician := apptest.AddStaff(t, env.Store, "ana@example.org", carepath.RoleClinician)
		seed := apptest.SeedBillable(t, env.Store, clinician)
		svc := store.NewClaimService(env.Store)
		desk := actorAs(carepath.RoleFrontDesk, "staff-desk")
		// The first batch bills October 26 and 28; the second, October 30 (a charge is billed once).
		in := carepath.ClaimBatchInput{PayerID: "60054", From: "2026-10-01", To: "2026-10-28", Format: carepath.Claim837I,
			ClientIDs: []string{seed.Client.ID}}
		first, err := svc.CreateClaimBatch(desk, in)
		if err != nil {
			t.Fatal(err)
		}
		remit := apptest.Hand835(first.Claims[0].ID, apptest.RemitLine{Paid: 200_00, Contractual: 50_00, Coinsurance: 50_00},
			apptest.RemitLine{Paid: 100_00, Other: 200_00})
		if r, err := svc.PostRemittance(asAdmin, []byte(remit)); err != nil || len(r.Claims) != 1 || r.Claims[0].Status != carepath.ClaimPartiallyPaid {
			t.Fatalf("PostRemittance = %+v, %v; want the claim partially paid", r, err)
		}
		in.From, in.To = "2026-10-29", "2026-10-31"
		second, err := svc.CreateClaimBatch(desk, in)
		if err != nil {
			t.Fatal(err)
		}
		counts := func(b *carepath.ClaimBatchSummary) string { return fmt.Sprint(b.ByStatus) }
		list, err := svc.FindClaimBatches(desk, carepath.ClaimBatchFilter{})
		if err != nil || len(list) != 2 {
			t.Fatalf("FindClaimBatches = %d, %v; want 2", len(list), err)
		}
		if list[0].ID != second.ID || list[1].ID != first.ID {
			t.Errorf("order %s, %s; want the newest first", list[0].ID, list[1].ID)
		}
		b := list[1]
		if b.PayerName != "Acme Health" || b.Format != carepath.Claim837I || b.From != "2026-10-01" || b.To != "2026-10-28" ||
			b.Total != 600_00 || b.Claims != 1 || b.InterchangeControl != first.InterchangeControl || counts(b) != "[{partially_paid 1}]" {
			t.Errorf("first batch %+v", b)
		}
		if counts(list[0]) != "[{submitted 1}]" {
			t.Errorf("second batch counts %s", counts(list[0]))
		}
		for _, tt := range []struct {
			f    carepath.ClaimBatchFilter
			want []string
		}{
			{carepath.ClaimBatchFilter{PayerID: "60054"}, []string{second.ID, first.ID}},
			{carepath.ClaimBatchFilter{PayerID: seed.Payer.ID, Status: carepath.ClaimPartiallyPaid}, []string{first.ID}},
			{carepath.ClaimBatchFilter{Status: carepath.ClaimSubmitted}, []string{second.ID}},
			{carepath.ClaimBatchFilter{Status: carepath.ClaimDenied}, nil},
		} {
			got, err := svc.FindClaimBatches(desk, tt.f)
			var ids []string
			for _, b := range got {
				ids = append(ids, b.ID)
			}
			if err != nil || !slices.Equal(ids, tt.want) {
				t.Errorf("FindClaimBatches(%+v) = %v, %v; want %v", tt.f, ids, err, tt.want)
			}
		}
		for _, bad := range []struct {
			f     carepath.ClaimBatchFilter
			field string
		}{{carepath.ClaimBatchFilter{PayerID: "99999"}, "payer_id"}, {carepath.ClaimBatchFilter{Status: "lost"}, "status"}} {
			if _, err := svc.FindClaimBatches(desk, bad.f); !slices.Equal(fieldPaths(err), []string{bad.field}) {
				t.Errorf("FindClaimBatches(%+v) = %v; want EINVALID naming %s", bad.f, err, bad.field)
			}
		}
		if _, err := svc.FindClaimBatches(actorAs(carepath.RoleClinician, clinician.ID), carepath.ClaimBatchFilter{}); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("a clinician lists batches: %v", err)
		}
		if n := rowCount(t, env, "audit_log", "action = 'charge.list' AND detail LIKE '%claim_batches%'"); n != 8 {
			t.Errorf("%d audit rows of batch listings, want 8 (every call, refused ones too)", n)
		}
	})
}
