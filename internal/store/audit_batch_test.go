package store_test

import (
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// TestReadAuditBatchOneCommitPerRequest reads three times with a request's audit batch: no
// row is committed until the batch is, then all three in one transaction; a read after the
// batch was committed commits its own row before it returns.
func TestReadAuditBatchOneCommitPerRequest(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		svc := store.NewClientService(env.Store)
		c := mustCreate(t, svc, newTestClient("Ann", "Arden", clinicianA))
		ctx, commit := env.Store.BeginAuditBatch(asAdmin)
		before, commits := rowCount(t, env, "audit_log", "1 = 1"), store.AuditCommits(env.Store)
		for range 2 {
			if _, err := svc.FindClientByID(ctx, c.ID); err != nil {
				t.Fatal(err)
			}
		}
		if _, _, err := svc.FindClients(ctx, carepath.ClientFilter{}); err != nil {
			t.Fatal(err)
		}
		if n := rowCount(t, env, "audit_log", "1 = 1"); n != before {
			t.Fatalf("%d audit rows committed before the batch was, want none", n-before)
		}
		if err := commit(); err != nil {
			t.Fatal(err)
		}
		if n := rowCount(t, env, "audit_log", "1 = 1"); n != before+3 {
			t.Errorf("%d audit rows after the batch's commit, want 3", n-before)
		}
		if n := store.AuditCommits(env.Store) - commits; n != 1 {
			t.Errorf("the batch took %d commits, want 1", n)
		}
		if n := rowCount(t, env, "audit_shown", "client_id = $1", c.ID); n != 1 {
			t.Errorf("the list's audit_shown rows: %d, want 1", n)
		}
		if _, err := svc.FindClientByID(ctx, c.ID); err != nil {
			t.Fatal(err)
		}
		if n := rowCount(t, env, "audit_log", "1 = 1"); n != before+4 {
			t.Errorf("a read after the batch's commit left %d rows, want its own committed at once", n-before-3)
		}
		if err := commit(); err != nil {
			t.Errorf("a second commit: %v", err)
		}
		if rep := verify(t, env); rep.Broken != nil {
			t.Errorf("chain broken: %v", rep.Broken)
		}
	})
}
