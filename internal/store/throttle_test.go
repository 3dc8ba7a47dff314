package store_test

import (
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// TestThrottleDelay checks the schedule: nothing below ThrottleAfter failures, then a step
// more per failure, never more than ThrottleMax.
func TestThrottleDelay(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		failures int
		want     time.Duration
	}{{0, 0}, {store.ThrottleAfter - 1, 0}, {store.ThrottleAfter, store.ThrottleStep},
		{store.ThrottleAfter + 1, 2 * store.ThrottleStep}, {10000, store.ThrottleMax}} {
		if got := store.ThrottleDelay(c.failures); got != c.want {
			t.Errorf("ThrottleDelay(%d) = %v, want %v", c.failures, got, c.want)
		}
	}
}

// TestLongPasswordRefusedBeforeHashing sends a 10 MB password: it is refused with the one
// sign-in message, counted as a failure, and never hashed (CheckPassword refuses anything
// over the limit before argon2id, so a 10 MB input costs nothing).
func TestLongPasswordRefusedBeforeHashing(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		svc := store.NewStaffService(env.Store)
		newStaff(t, svc, "ana@example.org", carepath.RoleClinician)
		huge := strings.Repeat("x", 10<<20)
		_, err := svc.Authenticate(as(carepath.RolePublic), "ana@example.org", huge, "", "192.0.2.1")
		if carepath.ErrorCode(err) != carepath.EUNAUTHORIZED || carepath.ErrorMessage(err) != carepath.AuthFailedMessage {
			t.Fatalf("10 MB password: %v", err)
		}
		hash, err := store.HashPassword(testPassword)
		if err != nil {
			t.Fatal(err)
		}
		if ok, err := store.CheckPassword(hash, testPassword+strings.Repeat("x", 2000)); ok || err != nil {
			t.Errorf("an over-long password was checked: %v %v", ok, err)
		}
	})
}

// TestLockedAccountIsNotHashed locks an account and signs in to it with the right password:
// refused with the one message, and no password hash is computed. It is not parallel, so no
// other test hashes meanwhile.
func TestLockedAccountIsNotHashed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		svc := store.NewStaffService(env.Store)
		newStaff(t, svc, "ana@example.org", carepath.RoleClinician)
		pub := as(carepath.RolePublic)
		for range store.LockoutAccount {
			_, _ = svc.Authenticate(pub, "ana@example.org", "bad password!", "", "192.0.2.1")
		}
		before := store.HashesRun()
		_, err := svc.Authenticate(pub, "ana@example.org", testPassword, "", "192.0.2.2")
		if carepath.ErrorMessage(err) != carepath.AuthFailedMessage {
			t.Fatalf("locked account: %v", err)
		}
		if n := store.HashesRun() - before; n != 0 {
			t.Errorf("%d password hashes computed for a locked account", n)
		}
		before = store.HashesRun()
		_, _ = svc.Authenticate(pub, "ana@example.org", strings.Repeat("x", 10<<20), "", "192.0.2.3")
		if n := store.HashesRun() - before; n != 0 {
			t.Errorf("%d password hashes computed for a 10 MB password", n)
		}
	})
}
