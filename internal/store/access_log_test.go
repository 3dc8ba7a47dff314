package store_test

import (
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

func TestFindAccessLog(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		clients := store.NewClientService(env.Store)
		audit := store.NewAccessLogService(env.Store)
		ann := mustCreate(t, clients, newTestClient("Ann", "Alder", "k1"))
		ben := mustCreate(t, clients, newTestClient("Ben", "Birch", "k2"))
		if _, err := clients.FindClientByID(actorAs(carepath.RoleClinician, "k1"), ann.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := clients.FindClientByID(actorAs(carepath.RoleClinician, "k1"), ben.ID); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Fatalf("k1 reading Ben: %v", err)
		}

		rows, err := audit.FindAccessLog(asAdmin, carepath.AccessLogFilter{ClientID: &ben.ID})
		if err != nil {
			t.Fatal(err)
		}
		var created, denied bool
		for _, r := range rows {
			if r.ClientID != ben.ID {
				t.Errorf("row %+v is not about Ben", r)
			}
			created = created || (r.Action == "client.create" && r.Allowed)
			denied = denied || (r.Action == "client.read" && !r.Allowed && r.ActorID == "k1" && r.Role == carepath.RoleClinician)
			if r.At.Location() != time.UTC || r.At.IsZero() {
				t.Errorf("time %v is not UTC", r.At)
			}
		}
		if !created || !denied {
			t.Errorf("Ben's audit rows lack the create or the denied read: %+v", rows)
		}
		for i := 1; i < len(rows); i++ {
			if rows[i].ID > rows[i-1].ID {
				t.Fatal("rows are not newest first")
			}
		}

		k1 := "k1"
		rows, err = audit.FindAccessLog(asAdmin, carepath.AccessLogFilter{ActorID: &k1, Limit: 1})
		if err != nil || len(rows) != 1 || rows[0].ActorID != "k1" {
			t.Fatalf("actor filter: %v %+v", err, rows)
		}
		future := time.Now().Add(time.Hour)
		if rows, _ = audit.FindAccessLog(asAdmin, carepath.AccessLogFilter{From: &future}); len(rows) != 0 {
			t.Errorf("rows from the future: %+v", rows)
		}
		past := time.Now().Add(-time.Hour)
		if _, err := audit.FindAccessLog(asAdmin, carepath.AccessLogFilter{From: &future, To: &past}); carepath.ErrorCode(err) != carepath.EINVALID {
			t.Errorf("reversed range: %v", err)
		}

		// Only admin and the command line read the log; a refused read is itself audited.
		for _, role := range []carepath.Role{carepath.RoleClinician, carepath.RoleFrontDesk, carepath.RoleCaseManager, carepath.RoleReviewer, carepath.RolePublic} {
			if _, err := audit.FindAccessLog(actorAs(role, "x"), carepath.AccessLogFilter{ClientID: &ann.ID}); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
				t.Errorf("%s read the audit log: %v", role, err)
			}
		}
		if n := rowCount(t, env, "audit_log", "action = 'audit.list' AND allowed = false AND client_id = $1", ann.ID); n != 5 {
			t.Errorf("%d refused audit reads recorded, want 5", n)
		}
		if n := rowCount(t, env, "audit_log", "action = 'audit.list' AND allowed = true AND client_id = $1", ben.ID); n != 1 {
			t.Errorf("%d audit reads about Ben recorded, want 1", n)
		}
	})
}
