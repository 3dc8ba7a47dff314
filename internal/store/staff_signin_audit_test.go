package store_test

import (
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// TestFailedSignInNamesAccount checks that the audit row of a failed sign-in names the
// account tried by its staff id (a wrong password, a locked account, a disabled one), that an
// email of no account is recorded as "unknown account", and that no email or password reaches
// the log.
func TestFailedSignInNamesAccount(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		c := &clock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
		env.Store.SetNow(c.now)
		svc := store.NewStaffService(env.Store)
		ana := newStaff(t, svc, "ana@example.org", carepath.RoleClinician)
		pub := as(carepath.RolePublic)
		for range store.LockoutAccount + 1 { // the last one on a locked account
			if _, err := svc.Authenticate(pub, "ana@example.org", "not her password", "", "192.0.2.1"); err == nil {
				t.Fatal("a wrong password signed in")
			}
			c.t = c.t.Add(time.Second)
		}
		if _, err := svc.Authenticate(pub, "stranger@example.org", "guess one", "", "192.0.2.2"); err == nil {
			t.Fatal("an unknown email signed in")
		}
		want := store.LockoutAccount + 1
		if n := rowCount(t, env, "audit_log", "action = 'staff.login' AND NOT allowed AND record_type = 'staff' AND record_id = $1 AND detail = 'denied; password sign-in'", ana.ID); n != want {
			t.Errorf("%d denied sign-in rows name %s, want %d", n, ana.ID, want)
		}
		if n := rowCount(t, env, "audit_log", "action = 'staff.login' AND NOT allowed AND record_id = '' AND detail = 'denied; password sign-in; unknown account'"); n != 1 {
			t.Errorf("%d denied sign-in rows say unknown account, want 1", n)
		}
		for _, secret := range []string{"ana@", "stranger", "example.org", "not her password", "guess one"} {
			if n := rowCount(t, env, "audit_log", "detail LIKE $1 OR record_id LIKE $1 OR actor_id LIKE $1", "%"+secret+"%"); n != 0 {
				t.Errorf("%d audit rows hold %q", n, secret)
			}
		}
	})
}
