package store_test

import (
	"context"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// TestFindClientNames checks who may name whom: a facilitator names the members of their
// group who are not on their care team, but not other clients; the other clinician names only
// their own; admin names everyone; a reviewer is refused. Each call is one audited list.
func TestFindClientNames(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		f := newDeliveryFixture(t, env)
		clients := store.NewClientService(env.Store)
		dave := mustCreate(t, clients, newTestClient("Dave", "D", f.other)).ID
		g := f.group(t) // facilitated by f.clinician
		if _, err := f.groups.AddGroupMember(asFrontDesk, g.ID, f.carol, "2026-10-26"); err != nil {
			t.Fatal(err)
		}
		all := []string{f.alice, f.bob, f.carol, dave, "not-an-id"}
		for _, tc := range []struct {
			name string
			as   func() map[string]carepath.ClientName
			want []string
		}{
			{"facilitator", func() map[string]carepath.ClientName { return mustNames(t, clients, f.asClinician, all) }, []string{f.alice, f.bob, f.carol}},
			{"other clinician", func() map[string]carepath.ClientName {
				return mustNames(t, clients, actorAs(carepath.RoleClinician, f.other), all)
			}, []string{f.carol, dave}},
			{"admin", func() map[string]carepath.ClientName { return mustNames(t, clients, asAdmin, all) }, []string{f.alice, f.bob, f.carol, dave}},
		} {
			got := tc.as()
			if len(got) != len(tc.want) {
				t.Errorf("%s named %d clients, want %d", tc.name, len(got), len(tc.want))
			}
			for _, id := range tc.want {
				if _, ok := got[id]; !ok {
					t.Errorf("%s cannot name %s", tc.name, id)
				}
			}
		}
		if n := mustNames(t, clients, f.asClinician, []string{f.carol}); n[f.carol].Display() != "C, Carol" {
			t.Errorf("Display() = %q", n[f.carol].Display())
		}
		if _, err := clients.FindClientNames(actorAs(carepath.RoleReviewer, "r1"), all); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("reviewer: %v, want EFORBIDDEN", err)
		}
		if n := rowCount(t, env, "audit_shown", "client_id = $1", f.carol); n != 4 {
			t.Errorf("carol was named in %d audited lists, want 4", n)
		}
	})
}

// mustNames calls FindClientNames and fails the test on an error.
func mustNames(t *testing.T, svc *store.ClientService, ctx context.Context, ids []string) map[string]carepath.ClientName {
	t.Helper()
	names, err := svc.FindClientNames(ctx, ids)
	if err != nil {
		t.Fatalf("FindClientNames: %v", err)
	}
	return names
}

// TestFindClientNamesRepeatedIDs asks for the same client twice: one name, one audit_shown row.
func TestFindClientNamesRepeatedIDs(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		clients := store.NewClientService(env.Store)
		a := mustCreate(t, clients, newTestClient("Ann", "A", clinicianA)).ID
		if n := mustNames(t, clients, asAdmin, []string{a, a, a}); len(n) != 1 {
			t.Errorf("%d names, want 1", len(n))
		}
		if n := rowCount(t, env, "audit_shown", "client_id = $1", a); n != 1 {
			t.Errorf("%d audit_shown rows, want 1", n)
		}
	})
}
