package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/sqlite"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// auditRow is one row of audit_log as the tests read it.
type auditRow struct {
	ActorID, Role, Action, RecordType, RecordID, Remote, Detail string
	ClientID                                                    *string
	Allowed                                                     bool
}

// auditRows returns every audit row, oldest first.
func auditRows(t *testing.T, env *storetest.Env) []auditRow {
	t.Helper()
	rows, err := env.Write.Query(`SELECT actor_id, role, action, record_type, record_id, client_id, remote, allowed, detail
		FROM audit_log ORDER BY id`)
	if err != nil {
		t.Fatalf("audit rows: %v", err)
	}
	defer rows.Close()
	var out []auditRow
	for rows.Next() {
		var r auditRow
		if err := rows.Scan(&r.ActorID, &r.Role, &r.Action, &r.RecordType, &r.RecordID, &r.ClientID, &r.Remote, &r.Allowed, &r.Detail); err != nil {
			t.Fatalf("audit rows: %v", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("audit rows: %v", err)
	}
	return out
}

func TestIntakeAudit(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		svc := store.NewIntakeService(env.Store)
		empty, err := svc.FindIntakes(as(carepath.RoleClinician), carepath.IntakeFilter{})
		if err != nil || empty == nil || len(empty) != 0 {
			t.Fatalf("FindIntakes on an empty database = %v, %v; want an empty list", empty, err)
		}
		a, b := sample("Gail", carepath.LevelPHP, true), sample("Hugo", carepath.LevelIOP, false)
		for _, in := range []*carepath.Intake{a, b} {
			if err := svc.CreateIntake(as(carepath.RolePublic), in); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := svc.FindIntakes(as(carepath.RoleClinician), carepath.IntakeFilter{}); err != nil {
			t.Fatal(err)
		}
		_ = svc.CreateIntake(as(carepath.RolePublic), &carepath.Intake{Name: "Ida", Email: "ida@", Consent: true, Profile: []byte(`{}`)})
		_, _ = svc.FindIntakes(as(carepath.RolePublic), carepath.IntakeFilter{})

		got := auditRows(t, env)
		want := []auditRow{
			{"test:clinician", "clinician", "intake.list", "intake", "", "192.0.2.7", "ok; limit=100", nil, true},
			{"test:public", "public", "intake.create", "intake", a.ID, "192.0.2.7", "ok", nil, true},
			{"test:public", "public", "intake.create", "intake", b.ID, "192.0.2.7", "ok", nil, true},
			{"test:clinician", "clinician", "intake.list", "intake", b.ID, "192.0.2.7", "ok; limit=100", nil, true},
			{"test:clinician", "clinician", "intake.list", "intake", a.ID, "192.0.2.7", "ok; limit=100", nil, true},
			{"test:public", "public", "intake.create", "intake", "", "192.0.2.7", "invalid: email", nil, true},
			{"test:public", "public", "intake.list", "intake", "", "192.0.2.7", "denied; limit=100", nil, false},
		}
		if !slices.Equal(got, want) {
			t.Errorf("audit rows:\n got %+v\nwant %+v", got, want)
		}

		// Audit rows hold ids and codes, never client data.
		for _, r := range got {
			row := fmt.Sprint(r)
			for _, in := range []*carepath.Intake{a, b} {
				for _, secret := range []string{in.Name, in.Email, in.Phone, in.BestTimes, "phq9", "Ida"} {
					if strings.Contains(row, secret) {
						t.Errorf("audit row %+v holds client data %q", r, secret)
					}
				}
			}
		}
	})
}

// TestConcurrentCreatesSQLite sends 20 requests at once through two stores on one SQLite
// file, as a server and a command line would: the second store's writer waits for the
// first's lock (busy_timeout) instead of failing.
func TestConcurrentCreatesSQLite(t *testing.T) {
	t.Parallel()
	env := storetest.SQLite(t)
	other, err := sqlite.Open(context.Background(), env.DSN)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	services := []*store.IntakeService{
		store.NewIntakeService(env.Store),
		store.NewIntakeService(store.New(other.Write, other.Read, sqlite.Dialect())),
	}
	const n = 20
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Go(func() {
			errs <- services[i%2].CreateIntake(as(carepath.RolePublic), sample(fmt.Sprintf("P%02d", i), carepath.LevelIOP, false))
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("CreateIntake: %v", err)
		}
	}
	list, err := services[1].FindIntakes(as(carepath.RoleSystem), carepath.IntakeFilter{})
	if err != nil || len(list) != n {
		t.Fatalf("FindIntakes = %d requests, %v; want %d", len(list), err, n)
	}
	seen := map[string]bool{}
	for _, in := range list {
		seen[in.ID] = true
	}
	if len(seen) != n {
		t.Errorf("%d distinct ids, want %d", len(seen), n)
	}
	if c := count(t, env, "audit_log", "action = 'intake.create' AND detail = 'ok'"); c != n {
		t.Errorf("%d create audit rows, want %d", c, n)
	}
}
