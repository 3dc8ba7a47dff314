package store_test

import (
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// TestTokenExpiresAndStaysRevoked: a token works until its lifetime ends (90 days by default,
// or what its maker chose), and disabling the account revokes its tokens for good: enabling
// the account again brings none back.
func TestTokenExpiresAndStaysRevoked(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		c := &clock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
		env.Store.SetNow(c.now)
		svc := store.NewStaffService(env.Store)
		cli := as(carepath.RoleSystem)
		pub := as(carepath.RolePublic)
		ana := newStaff(t, svc, "ana@example.org", carepath.RoleClinician)
		newStaff(t, svc, "admin@example.org", carepath.RoleAdmin)

		long, err := svc.CreateToken(cli, "ana@example.org")
		if err != nil {
			t.Fatal(err)
		}
		short, _, until, err := svc.CreateTokenExpiring(cli, "ana@example.org", 30*24*time.Hour)
		if err != nil || !until.Equal(c.now().Add(30*24*time.Hour)) {
			t.Fatalf("30-day token: %v until %v", err, until)
		}
		if _, _, _, err := svc.CreateTokenExpiring(cli, "ana@example.org", 400*24*time.Hour); carepath.ErrorCode(err) != carepath.EINVALID {
			t.Errorf("a 400-day token: %v", err)
		}
		c.add(29 * 24 * time.Hour)
		for _, tok := range []string{long, short} {
			if _, err := svc.AuthenticateToken(pub, tok); err != nil {
				t.Errorf("a token before its end: %v", err)
			}
		}
		c.add(2 * 24 * time.Hour)
		if _, err := svc.AuthenticateToken(pub, short); carepath.ErrorCode(err) != carepath.EUNAUTHORIZED {
			t.Errorf("the 30-day token after 31 days: %v", err)
		}
		if _, err := svc.AuthenticateToken(pub, long); err != nil {
			t.Errorf("the 90-day token after 31 days: %v", err)
		}
		c.add(60 * 24 * time.Hour)
		if _, err := svc.AuthenticateToken(pub, long); carepath.ErrorCode(err) != carepath.EUNAUTHORIZED {
			t.Errorf("the default token after 91 days: %v", err)
		}

		// Disabled, then enabled again: the token made before stays revoked.
		tok, err := svc.CreateToken(cli, "ana@example.org")
		if err != nil {
			t.Fatal(err)
		}
		off, on := true, false
		if _, err := svc.UpdateStaff(cli, ana.ID, carepath.StaffUpdate{Disabled: &off}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.UpdateStaff(cli, ana.ID, carepath.StaffUpdate{Disabled: &on}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.AuthenticateToken(pub, tok); carepath.ErrorCode(err) != carepath.EUNAUTHORIZED {
			t.Errorf("a token came back when the account was enabled again: %v", err)
		}
		fresh, err := svc.CreateToken(cli, "ana@example.org")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.AuthenticateToken(pub, fresh); err != nil {
			t.Errorf("a new token after re-enabling: %v", err)
		}
	})
}
