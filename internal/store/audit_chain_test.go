package store_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// writeAuditRows makes audit rows of every kind: writes (one row per record), reads through
// the audit queue, lists with audit_shown rows, and a refusal.
func writeAuditRows(t *testing.T, env *storetest.Env) []*carepath.Client {
	t.Helper()
	svc := store.NewClientService(env.Store)
	a := mustCreate(t, svc, newTestClient("Ann", "Arden", clinicianA))
	b := mustCreate(t, svc, newTestClient("Bea", "Birch", clinicianA))
	c := mustCreate(t, svc, newTestClient("Cy", "Cole", clinicianB))
	for _, x := range []*carepath.Client{a, b, c} {
		if _, err := svc.FindClientByID(asAdmin, x.ID); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := svc.FindClients(asAdmin, carepath.ClientFilter{}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.FindClientByID(actorAs(carepath.RoleClinician, clinicianA), c.ID); err == nil {
		t.Fatal("a clinician outside the care team read the chart")
	}
	return []*carepath.Client{a, b, c}
}

// verify runs the chain check and fails the test when it cannot read the log.
func verify(t *testing.T, env *storetest.Env) store.AuditChainReport {
	t.Helper()
	rep, err := env.Store.VerifyAuditChain(context.Background())
	if err != nil {
		t.Fatalf("VerifyAuditChain: %v", err)
	}
	return rep
}

// allowTampering drops the triggers that keep the audit tables append-only, as someone who
// owns the database could.
func allowTampering(t *testing.T, env *storetest.Env) {
	t.Helper()
	drops := []string{"DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete",
		"DROP TRIGGER audit_shown_no_update", "DROP TRIGGER audit_shown_no_delete"}
	if env.Engine == "postgres" {
		drops = []string{"DROP TRIGGER audit_log_no_change ON audit_log", "DROP TRIGGER audit_shown_no_change ON audit_shown"}
	}
	for _, q := range drops {
		if _, err := env.Write.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// auditIDs returns the ids of the audit rows matching where, in order.
func auditIDs(t *testing.T, env *storetest.Env, where string) []int64 {
	t.Helper()
	rows, err := env.Write.Query(`SELECT id FROM audit_log WHERE ` + where + ` ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}

func TestAuditChainVerifies(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		if rep := verify(t, env); rep.Rows != 0 || rep.Broken != nil {
			t.Fatalf("empty log: %+v, want 0 rows, unbroken", rep)
		}
		writeAuditRows(t, env)
		total := rowCount(t, env, "audit_log", "1 = 1")
		rep := verify(t, env)
		if rep.Broken != nil || rep.Rows != total || rep.Unsealed != 0 || len(rep.Head) != 64 {
			t.Fatalf("report %+v (broken: %v), want %d rows, unbroken, a head", rep, rep.Broken, total)
		}
		if n := rowCount(t, env, "audit_log", "hash IS NULL OR prev_hash IS NULL"); n != 0 {
			t.Errorf("%d rows have no hash", n)
		}
	})
}

// TestAuditChainHoldsUnderConcurrentWrites appends audit rows from many goroutines at once,
// writes and reads (the audit queue's batches) mixed, and expects one unbroken chain.
func TestAuditChainHoldsUnderConcurrentWrites(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		svc := store.NewClientService(env.Store)
		if err := svc.EnsureCareTeamStaff(newTestClient("Any", "One", clinicianA)); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make(chan error, 64)
		for g := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range 6 {
					c := newTestClient(fmt.Sprintf("W%dx%d", g, i), "Ng", clinicianA)
					if err := svc.CreateClient(asFrontDesk, c); err != nil {
						errs <- err
						return
					}
					if _, err := svc.FindClientByID(asAdmin, c.ID); err != nil {
						errs <- err
						return
					}
					if _, _, err := svc.FindClients(asAdmin, carepath.ClientFilter{Limit: 5}); err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		rep := verify(t, env)
		if rep.Broken != nil || rep.Rows != rowCount(t, env, "audit_log", "1 = 1") {
			t.Fatalf("after concurrent writes: %+v, broken: %v", rep, rep.Broken)
		}
	})
}

// TestAuditChainVerifyFindsBrokenLink tampers with the log once the triggers are dropped and
// expects the check to name the row where it happened: a changed row, a changed list of shown
// clients, a row deleted from the middle, a row inserted without the chain.
func TestAuditChainVerifyFindsBrokenLink(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		tamper  func(t *testing.T, env *storetest.Env, ids []int64) int64 // returns the row that must be named
		problem string
	}{
		{"changed detail", func(t *testing.T, env *storetest.Env, ids []int64) int64 {
			exec(t, env, `UPDATE audit_log SET detail = 'ok; nothing to see' WHERE id = $1`, ids[3])
			return ids[3]
		}, "changed after it was written"},
		{"refusal turned into an allowed read", func(t *testing.T, env *storetest.Env, ids []int64) int64 {
			id := auditIDs(t, env, "allowed = false")[0]
			exec(t, env, `UPDATE audit_log SET allowed = true, detail = 'ok' WHERE id = $1`, id)
			return id
		}, "changed after it was written"},
		{"client removed from a list", func(t *testing.T, env *storetest.Env, ids []int64) int64 {
			id := auditIDs(t, env, "action = 'client.list'")[0]
			exec(t, env, `DELETE FROM audit_shown WHERE audit_id = $1 AND client_id = (SELECT min(client_id) FROM audit_shown WHERE audit_id = $1)`, id)
			return id
		}, "changed after it was written"},
		{"row deleted in the middle", func(t *testing.T, env *storetest.Env, ids []int64) int64 {
			exec(t, env, `DELETE FROM audit_log WHERE id = $1`, ids[4])
			return ids[5]
		}, "a row between them was deleted"},
		{"row inserted without the chain", func(t *testing.T, env *storetest.Env, ids []int64) int64 {
			exec(t, env, `INSERT INTO audit_log (at, actor_id, role, action, record_type, allowed) VALUES ($1, 'x', 'admin', 'client.read', 'client', true)`, "2026-01-01T00:00:00Z")
			return auditIDs(t, env, "actor_id = 'x'")[0]
		}, "no hash"},
	}
	for _, tc := range cases {
		t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
			t.Parallel()
			storetest.Each(t, func(t *testing.T, env *storetest.Env) {
				writeAuditRows(t, env)
				ids := auditIDs(t, env, "1 = 1")
				if rep := verify(t, env); rep.Broken != nil {
					t.Fatalf("broken before tampering: %v", rep.Broken)
				}
				allowTampering(t, env)
				want := tc.tamper(t, env, ids)
				rep := verify(t, env)
				if rep.Broken == nil {
					t.Fatalf("tampering not found: %+v", rep)
				}
				if rep.Broken.ID != want || !strings.Contains(rep.Broken.Problem, tc.problem) {
					t.Errorf("found %v; want row %d named, %q", rep.Broken, want, tc.problem)
				}
			})
		})
	}
}

// TestAuditChainCarriesRowsOlderThanIt writes audit rows with no hash, as a database migrated
// from before the chain holds, then audited calls: the first chained row commits to the old
// rows, so changing one of them breaks the chain.
func TestAuditChainCarriesRowsOlderThanIt(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		for i := range 5 {
			exec(t, env, `INSERT INTO audit_log (at, actor_id, role, action, record_type, record_id, allowed, detail)
				VALUES ($1, 'staff-old', 'admin', 'client.read', 'client', $2, true, 'ok')`,
				fmt.Sprintf("2025-0%d-01T00:00:00Z", i+1), fmt.Sprint("old-", i))
		}
		if n, err := env.Store.SealAuditChain(context.Background()); err != nil || n != 5 {
			t.Fatalf("SealAuditChain = %d, %v; want the 5 old rows", n, err)
		}
		if n, err := env.Store.SealAuditChain(context.Background()); err != nil || n != 0 {
			t.Fatalf("SealAuditChain again = %d, %v; want 0", n, err)
		}
		if n := rowCount(t, env, "audit_log", "action = 'audit.seal' AND hash IS NOT NULL"); n != 1 {
			t.Fatalf("%d audit.seal rows, want 1", n)
		}
		writeAuditRows(t, env)
		rep := verify(t, env)
		if rep.Broken != nil || rep.Unsealed != 5 || rep.Rows != rowCount(t, env, "audit_log", "1 = 1") {
			t.Fatalf("report %+v, broken %v; want 5 old rows carried, unbroken", rep, rep.Broken)
		}
		allowTampering(t, env)
		exec(t, env, `UPDATE audit_log SET record_id = 'someone-else' WHERE record_id = 'old-2'`)
		rep = verify(t, env)
		if rep.Broken == nil || rep.Broken.ID != auditIDs(t, env, "hash IS NOT NULL")[0] {
			t.Errorf("a changed old row: %+v, broken %v; want the first chained row named", rep, rep.Broken)
		}
	})
}

// exec runs a statement on the writer and fails the test when it fails.
func exec(t *testing.T, env *storetest.Env, q string, args ...any) {
	t.Helper()
	if _, err := env.Write.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}
