package store_test

import (
	"context"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// TestReviewerSeesAssignedAuthorizations: on both engines, a payer reviewer reads the
// authorization assigned to them and its client (the row rule read from the authorizations)
// once a Part 2 consent names their organization, and another reviewer reads neither; nothing is readable before the assignment. The payer's
// medicare flag is stored and read back.
func TestReviewerSeesAssignedAuthorizations(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		f := newAuthFixture(t, env)
		staff := store.NewStaffService(env.Store)
		var rae, ron *carepath.Staff
		for _, p := range []**carepath.Staff{&rae, &ron} {
			s := &carepath.Staff{Email: "rev" + map[bool]string{true: "1", false: "2"}[p == &rae] + "@acme.example", Name: "Reviewer",
				Role: carepath.RoleReviewer, Organization: "Acme Health"}
			if err := staff.CreateStaff(asAdmin, s, "a long enough password"); err != nil {
				t.Fatal(err)
			}
			*p = s
		}
		asRae := carepath.NewContext(context.Background(), rae.Actor("192.0.2.50"))
		asRon := carepath.NewContext(context.Background(), ron.Actor("192.0.2.51"))
		clients := store.NewClientService(env.Store)
		if _, err := clients.FindClientByID(asRae, f.alice); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Fatalf("reviewer before any assignment: %v, want ENOTFOUND", err)
		}
		a, err := f.auths.AddAuthorization(asAdmin, f.episode.ID, carepath.AuthorizationInput{PayerID: f.payer.ID, Number: "A-1",
			Level: carepath.LevelIOP, Start: "2026-10-26", End: "2026-12-31", Units: 20, Unit: "day", ReviewerID: rae.ID})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.auths.FindAuthorization(asRae, a.ID); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("assigned reviewer reads the authorization without consent: %v, want EFORBIDDEN", err)
		}
		if _, err := f.auths.FindAuthorization(asRon, a.ID); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("other reviewer reads the authorization: %v, want ENOTFOUND", err)
		}
		// The client is a Part 2 client: the assigned reviewer's read waits for a consent naming
		// their organization for payment (refused naming it), then succeeds.
		if _, err := clients.FindClientByID(asRae, f.alice); carepath.ErrorCode(err) != carepath.EFORBIDDEN ||
			len(carepath.ErrorFields(err)) == 0 || carepath.ErrorFields(err)[0].Field != "consent" {
			t.Errorf("assigned reviewer without consent: %v, want EFORBIDDEN naming the consent", err)
		}
		if _, err := store.NewConsentService(env.Store).RecordConsent(asAdmin, carepath.ConsentCreate{ClientID: f.alice,
			Kind: carepath.ConsentPart2Disclosure, Recipient: "Acme Health", Information: "utilization review", Purpose: "utilization review",
			Purposes: []carepath.DisclosurePurpose{carepath.PurposePayment}, SignedOn: "2026-10-20", ExpiresOn: "2027-10-20"}); err != nil {
			t.Fatal(err)
		}
		if c, err := clients.FindClientByID(asRae, f.alice); err != nil || c.ID != f.alice {
			t.Errorf("assigned reviewer with consent reads the client: %v", err)
		}
		if got, err := f.auths.FindAuthorization(asRae, a.ID); err != nil || got.ReviewerID != rae.ID {
			t.Errorf("assigned reviewer with consent reads the authorization: %v", err)
		}
		if _, err := clients.FindClientByID(asRon, f.alice); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("other reviewer reads the client: %v, want ENOTFOUND", err)
		}
		if _, err := f.auths.UpdateAuthorization(asRae, a.ID, carepath.AuthorizationUpdate{Units: ptr(30)}); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("reviewer changes the authorization: %v, want EFORBIDDEN", err)
		}

		// The reviewer's date rule: of the client's weekly doses, only the weeks within the
		// authorization's dates (from 2026-10-26, ISO week 44).
		attendance := store.NewAttendanceService(env.Store)
		all, err := attendance.ClientDoses(asAdmin, f.alice, "2026-W40", "2026-W45")
		if err != nil || len(all) != 6 {
			t.Fatalf("admin doses: %d %v", len(all), err)
		}
		seen, err := attendance.ClientDoses(asRae, f.alice, "2026-W40", "2026-W45")
		if err != nil || len(seen) != 2 || seen[0].Week != "2026-W44" || seen[1].Week != "2026-W45" {
			t.Errorf("reviewer doses: %+v %v, want weeks 44 and 45 only", seen, err)
		}

		payers := store.NewPayerService(env.Store)
		yes := true
		if p, err := payers.UpdatePayer(asAdmin, f.payer.ID, carepath.PayerUpdate{Medicare: &yes}); err != nil || !p.Medicare {
			t.Fatalf("set medicare: %+v %v", p, err)
		}
		if p, err := payers.FindPayerByID(asAdmin, "60054"); err != nil || !p.Medicare || p.ClaimFormat != carepath.Claim837I {
			t.Errorf("medicare flag read back: %+v %v", p, err)
		}
	})
}
