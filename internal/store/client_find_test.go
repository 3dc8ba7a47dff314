package store_test

import (
	"slices"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// TestSearchClients checks the client search FHIR reads from: names by prefix, whole word or
// part, birth-date and change-time ranges, groups that must all hold, the care-team scope,
// paging with a total, and the audit rows that name no search term.
func TestSearchClients(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		t0 := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
		now := t0
		env.Store.SetNow(func() time.Time { return now })
		svc := store.NewClientService(env.Store)
		mk := func(given, family, preferred, birth, clinician string) *carepath.Client {
			c := newTestClient(given, family, clinician)
			c.PreferredName, c.BirthDate = preferred, birth
			now = now.Add(time.Hour)
			return mustCreate(t, svc, c)
		}
		ana := mk("Ana", "López", "", "1990-04-02", clinicianA)
		mary := mk("Mary", "Anderson", "Molly", "1985-12-31", clinicianA)
		bob := mk("Robert", "Marsh", "Bob", "1990-01-15", clinicianB)
		ids := func(list []*carepath.Client) []string {
			var out []string
			for _, c := range list {
				out = append(out, c.ID)
			}
			return out
		}
		prefix := func(v ...string) []carepath.TextMatch {
			var out []carepath.TextMatch
			for _, s := range v {
				out = append(out, carepath.TextMatch{Value: s})
			}
			return out
		}
		for _, tc := range []struct {
			name string
			q    carepath.ClientQuery
			want []string
		}{
			{"all, by family name", carepath.ClientQuery{}, []string{mary.ID, ana.ID, bob.ID}},
			{"name prefix on any part, any case", carepath.ClientQuery{Name: [][]carepath.TextMatch{prefix("an")}}, []string{mary.ID, ana.ID}},
			{"preferred name", carepath.ClientQuery{Name: [][]carepath.TextMatch{prefix("bo")}}, []string{bob.ID}},
			{"two names that must both hold", carepath.ClientQuery{Name: [][]carepath.TextMatch{prefix("an"), prefix("mo")}}, []string{mary.ID}},
			{"either of two names", carepath.ClientQuery{Name: [][]carepath.TextMatch{prefix("mars", "lóp")}}, []string{ana.ID, bob.ID}},
			{"family only", carepath.ClientQuery{Family: [][]carepath.TextMatch{prefix("an")}}, []string{mary.ID}},
			{"given only", carepath.ClientQuery{Given: [][]carepath.TextMatch{prefix("an")}}, []string{ana.ID}},
			{"given or preferred", carepath.ClientQuery{Given: [][]carepath.TextMatch{prefix("mo")}}, []string{mary.ID}},
			{"exact is whole and case-sensitive", carepath.ClientQuery{Family: [][]carepath.TextMatch{{{Value: "marsh", Exact: true}}}}, nil},
			{"exact", carepath.ClientQuery{Family: [][]carepath.TextMatch{{{Value: "Marsh", Exact: true}}}}, []string{bob.ID}},
			{"contains", carepath.ClientQuery{Family: [][]carepath.TextMatch{{{Value: "RSO", Contains: true}}}}, []string{mary.ID}},
			{"a LIKE wildcard is a plain character", carepath.ClientQuery{Name: [][]carepath.TextMatch{prefix("%")}}, nil},
			{"born in 1990", carepath.ClientQuery{BirthDate: [][]carepath.DateRange{{{From: "1990-01-01", To: "1991-01-01"}}}}, []string{ana.ID, bob.ID}},
			{"born before 1986 or from April 1990", carepath.ClientQuery{BirthDate: [][]carepath.DateRange{{{To: "1986-01-01"}, {From: "1990-04-01"}}}}, []string{mary.ID, ana.ID}},
			{"changed in the second hour", carepath.ClientQuery{Updated: [][]carepath.TimeRange{{{From: t0.Add(2 * time.Hour), To: t0.Add(3 * time.Hour)}}}}, []string{mary.ID}},
			{"by id", carepath.ClientQuery{IDs: []string{bob.ID, "nobody"}}, []string{bob.ID}},
		} {
			list, total, err := svc.SearchClients(asAdmin, tc.q)
			if err != nil || !slices.Equal(ids(list), tc.want) || total != len(tc.want) {
				t.Errorf("%s: %v (total %d), %v; want %v", tc.name, ids(list), total, err, tc.want)
			}
		}

		// A clinician sees their caseload only; paging keeps the total.
		asA := actorAs(carepath.RoleClinician, clinicianA)
		list, total, err := svc.SearchClients(asA, carepath.ClientQuery{Limit: 1, Offset: 1})
		if err != nil || total != 2 || !slices.Equal(ids(list), []string{ana.ID}) {
			t.Errorf("clinician page: %v %d %v", ids(list), total, err)
		}
		if list, _, err := svc.SearchClients(asA, carepath.ClientQuery{IDs: []string{bob.ID}}); err != nil || len(list) != 0 {
			t.Errorf("another caseload by id: %v %v", ids(list), err)
		}
		if _, _, err := svc.SearchClients(actorAs(carepath.RoleReviewer, "r"), carepath.ClientQuery{}); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("reviewer: %v", err)
		}
		if _, _, err := svc.SearchClients(asAdmin, carepath.ClientQuery{Limit: 501}); carepath.ErrorCode(err) != carepath.EINVALID {
			t.Errorf("limit 501: %v", err)
		}

		// The audit row names how many conditions were given, never a name.
		if _, _, err := svc.SearchClients(asAdmin, carepath.ClientQuery{Family: [][]carepath.TextMatch{prefix("Marsh")}}); err != nil {
			t.Fatal(err)
		}
		if n := rowCount(t, env, "audit_log", "action = 'client.list' AND detail LIKE '%Marsh%'"); n != 0 {
			t.Errorf("%d audit rows name the search term", n)
		}
		if n := rowCount(t, env, "audit_shown", "client_id = $1", bob.ID); n == 0 {
			t.Errorf("the client shown has no audit_shown row")
		}
	})
}
