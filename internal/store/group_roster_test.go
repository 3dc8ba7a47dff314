package store_test

import (
	"slices"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// TestGroupRostersShowClientIDsToEverySchedulingRole is the finding that a group's roster
// showed every member's id to every scheduling role, with no audit row per client: now the
// roster follows the care-team rule (the group's facilitator, the front desk and admins see
// every member; another clinician only their own clients), every member shown has an
// audit_shown row under the read's row, and the facilitator reads the chart of a member on
// the roster now, though not on her care team, but cannot change it, and not once the stay
// has ended.
func TestGroupRostersShowClientIDsToEverySchedulingRole(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		f := newDeliveryFixture(t, env)
		clients := store.NewClientService(env.Store)
		g, err := f.groups.CreateGroup(asFrontDesk, carepath.GroupCreate{ProgramID: f.program.ID, Name: "Process B",
			Type: "process", FacilitatorIDs: []string{f.other}, Days: []string{"tue"}, StartTime: "13:00", Minutes: 180,
			StartDate: "2026-10-27", Room: "Room 3"})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []string{f.alice, f.bob, f.carol} {
			if _, err := f.groups.AddGroupMember(asFrontDesk, g.ID, c, "2026-10-27"); err != nil {
				t.Fatal(err)
			}
		}
		asFacilitator := actorAs(carepath.RoleClinician, f.other)
		members := func(g *carepath.Group) []string {
			var ids []string
			for _, m := range g.Members {
				ids = append(ids, m.ClientID)
			}
			slices.Sort(ids)
			return ids
		}
		all := []string{f.alice, f.bob, f.carol}
		slices.Sort(all)
		own := []string{f.alice, f.bob}
		slices.Sort(own)
		for name, tc := range map[string]struct {
			who  func() (*carepath.Group, error)
			want []string
		}{
			"admin":                           {func() (*carepath.Group, error) { return f.groups.FindGroupByID(asAdmin, g.ID) }, all},
			"front desk":                      {func() (*carepath.Group, error) { return f.groups.FindGroupByID(asFrontDesk, g.ID) }, all},
			"the facilitator":                 {func() (*carepath.Group, error) { return f.groups.FindGroupByID(asFacilitator, g.ID) }, all},
			"a clinician who does not run it": {func() (*carepath.Group, error) { return f.groups.FindGroupByID(f.asClinician, g.ID) }, own},
		} {
			got, err := tc.who()
			if err != nil || !slices.Equal(members(got), tc.want) {
				t.Errorf("%s sees %v (%v), want %v", name, members(got), err, tc.want)
			}
		}
		list, err := f.groups.FindGroups(f.asClinician, f.program.ID)
		if err != nil || len(list) != 1 || !slices.Equal(members(list[0]), own) {
			t.Errorf("a clinician's list of groups: %+v %v", list, err)
		}
		// Each member shown is audited: carol was shown to the admin, the front desk and the
		// facilitator (three reads), never to the other clinician.
		if n := rowCount(t, env, "audit_shown s JOIN audit_log a ON a.id = s.audit_id",
			"s.client_id = $1 AND a.action = 'group.read' AND a.record_id = $2", f.carol, g.ID); n != 3 {
			t.Errorf("carol has %d audit_shown rows of group reads, want 3", n)
		}
		if n := rowCount(t, env, "audit_shown s JOIN audit_log a ON a.id = s.audit_id",
			"s.client_id = $1 AND a.actor_id = $2", f.carol, f.clinician); n != 0 {
			t.Errorf("carol was audited as shown to a clinician who never saw her: %d", n)
		}

		// The facilitator reads her member's chart, but does not change it.
		if c, err := clients.FindClientByID(asFacilitator, f.alice); err != nil || c.ID != f.alice {
			t.Errorf("the facilitator opens her member's chart: %v", err)
		}
		if _, err := clients.UpdateClient(asFacilitator, f.alice, carepath.ClientUpdate{Version: 1, PreferredLanguage: ptr("en")}); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("the facilitator changes a chart not on her care team: %v", err)
		}
		// Once the stay has ended, the chart is closed to her again.
		if _, err := f.groups.EndGroupMember(asFrontDesk, g.ID, f.alice, "2026-11-03"); err != nil {
			t.Fatal(err)
		}
		if _, err := clients.FindClientByID(asFacilitator, f.alice); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("a former member's chart: %v", err)
		}
		// A clinician who runs no group of the client's never reads it.
		if _, err := clients.FindClientByID(f.asClinician, f.carol); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("another clinician's client: %v", err)
		}
	})
}
