package store_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store/storetest"
)

// TestFailedCallRollsBack makes a call's body write a row and then hit a unique violation:
// the call returns ECONFLICT, the row is gone, and the failure is audited and committed.
func TestFailedCallRollsBack(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		insert := func(ctx context.Context, tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO intake_requests (id, created_at, name, consent, profile)
				VALUES ('x1', $1, 'Jo', true, '{}')`, time.Now().UTC())
			return env.Store.TranslateError(err)
		}
		err := env.Store.DoIntakeCreate(as(carepath.RoleFrontDesk), func(ctx context.Context, tx *sql.Tx) error {
			if err := insert(ctx, tx); err != nil {
				t.Fatalf("first insert: %v", err)
			}
			return insert(ctx, tx)
		})
		if carepath.ErrorCode(err) != carepath.ECONFLICT {
			t.Fatalf("call = %v, want %s", err, carepath.ECONFLICT)
		}
		if msg := carepath.ErrorMessage(err); msg != "This record already exists." {
			t.Errorf("message %q shows more than the fixed text", msg)
		}
		if n := count(t, env, "intake_requests", "1=1"); n != 0 {
			t.Errorf("%d rows left behind by the failed call, want 0", n)
		}
		if n := count(t, env, "audit_log", "action = 'intake.create' AND detail = 'failed: conflict' AND allowed = true"); n != 1 {
			t.Errorf("%d audit rows for the failed call, want 1", n)
		}

		err = env.Store.DoIntakeCreate(as(carepath.RoleFrontDesk), func(ctx context.Context, tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO intake_requests (id, created_at, name, consent, profile, status)
				VALUES ('x2', $1, 'Jo', true, '{}', 'lost')`, time.Now().UTC())
			return env.Store.TranslateError(err)
		})
		if carepath.ErrorCode(err) != carepath.EINVALID {
			t.Errorf("check violation = %v, want %s", err, carepath.EINVALID)
		}
	})
}
