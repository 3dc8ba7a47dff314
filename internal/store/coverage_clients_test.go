package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// TestFindPayerClients names the clients covered by a payer, by name: not a client covered by
// another payer, a client whose coverage ended only when since reaches back to it; a clinician
// only their own; an unknown payer is ENOTFOUND and a bad since EINVALID.
func TestFindPayerClients(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		env.Store.SetNow(func() time.Time { return time.Date(2026, 11, 4, 12, 0, 0, 0, time.UTC) })
		clinician := actorAs(carepath.RoleClinician, "staff-ana")
		clients := store.NewClientService(env.Store)
		zoe := mustCreate(t, clients, newTestClient("Zoe", "Adams", "staff-ana"))
		abe := mustCreate(t, clients, newTestClient("Abe", "Young", "staff-bo"))
		amy := mustCreate(t, clients, newTestClient("Amy", "Adams", "staff-ana"))
		ned := mustCreate(t, clients, newTestClient("Ned", "Other", "staff-ana"))
		payers := store.NewPayerService(env.Store)
		acme, err := payers.CreatePayer(asAdmin, carepath.PayerInput{Name: "Acme Health", PayerID: "60054"})
		if err != nil {
			t.Fatal(err)
		}
		other, err := payers.CreatePayer(asAdmin, carepath.PayerInput{Name: "Other Health", PayerID: "77777"})
		if err != nil {
			t.Fatal(err)
		}
		coverages := store.NewCoverageService(env.Store)
		cover := func(clientID, payerID string) {
			t.Helper()
			if _, err := coverages.AddCoverage(asAdmin, clientID, carepath.CoverageInput{PayerID: payerID, MemberID: "M-1", PlanYearStart: "2026-01-01"}); err != nil {
				t.Fatal(err)
			}
		}
		cover(zoe.ID, acme.ID)
		cover(abe.ID, acme.ID)
		cover(amy.ID, acme.ID)
		cover(ned.ID, acme.ID)
		cover(ned.ID, other.ID) // ends Ned's Acme coverage today, 2026-11-04
		names := func(who context.Context, payer, since string) []string {
			t.Helper()
			list, total, err := coverages.FindPayerClients(who, payer, since)
			if err != nil {
				t.Fatal(err)
			}
			if total != len(list) {
				t.Errorf("total %d for %d names", total, len(list))
			}
			var out []string
			for _, n := range list {
				out = append(out, n.GivenName)
			}
			return out
		}
		if got := names(asFrontDesk, acme.ID, ""); !slices.Equal(got, []string{"Amy", "Zoe", "Abe"}) {
			t.Errorf("Acme's clients in force = %v, want Amy, Zoe, Abe (by family then given name)", got)
		}
		if got := names(asFrontDesk, "60054", "2026-10-01"); !slices.Equal(got, []string{"Amy", "Zoe", "Ned", "Abe"}) {
			t.Errorf("Acme's clients since October = %v, want Ned too", got)
		}
		if got := names(clinician, acme.ID, ""); !slices.Equal(got, []string{"Amy", "Zoe"}) {
			t.Errorf("the clinician's = %v, want their own", got)
		}
		if _, _, err := coverages.FindPayerClients(asFrontDesk, "nope", ""); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("an unknown payer = %v, want ENOTFOUND", err)
		}
		if _, _, err := coverages.FindPayerClients(asFrontDesk, acme.ID, "October"); carepath.ErrorCode(err) != carepath.EINVALID {
			t.Errorf("a bad since = %v, want EINVALID", err)
		}
	})
}
