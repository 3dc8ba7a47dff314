package store_test

import (
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
	"github.com/pquerna/otp/totp"
)

// TestTOTPReplaceableWithoutReauthentication is the finding that a signed-in browser could
// replace the account's authenticator app with no more than a code of the new one: replacing
// now needs the password and a current code of the old app (EINVALID naming password and
// current_code otherwise, nothing changed, and each wrong try counted towards the lock-out);
// a first enrolment needs neither.
func TestTOTPReplaceableWithoutReauthentication(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		c := &clock{t: time.Date(2026, 3, 1, 9, 0, 5, 0, time.UTC)}
		env.Store.SetNow(c.now)
		svc := store.NewStaffService(env.Store)
		ana := newStaff(t, svc, "ana@example.org", carepath.RoleAdmin)
		me := carepath.NewContext(t.Context(), carepath.Actor{ID: ana.ID, Role: ana.Role, Remote: "192.0.2.1"})
		pub := as(carepath.RolePublic)

		first, err := svc.BeginTOTP(me)
		if err != nil {
			t.Fatal(err)
		}
		code, _ := totp.GenerateCode(first.Secret, c.now())
		if err := svc.ConfirmTOTP(me, carepath.TOTPConfirmation{Secret: first.Secret, Code: code}); err != nil {
			t.Fatalf("first enrolment: %v", err)
		}

		c.add(30 * time.Second)
		second, err := svc.BeginTOTP(me)
		if err != nil || !second.Replacing {
			t.Fatalf("begin a replacement: %+v %v", second, err)
		}
		newCode := func() string { s, _ := totp.GenerateCode(second.Secret, c.now()); return s }
		oldCode := func() string { s, _ := totp.GenerateCode(first.Secret, c.now()); return s }
		for _, tc := range []struct {
			name          string
			password, old string
			want          []string
		}{
			{"nothing but the new code", "", "", []string{"password", "current_code"}},
			{"a wrong password", "not the password at all", oldCode(), []string{"password"}},
			{"no current code", testPassword, "", []string{"current_code"}},
			{"a code of the new app as the current one", testPassword, newCode(), []string{"current_code"}},
		} {
			err := svc.ConfirmTOTP(me, carepath.TOTPConfirmation{Secret: second.Secret, Code: newCode(), Password: tc.password, CurrentCode: tc.old})
			if carepath.ErrorCode(err) != carepath.EINVALID || !sameSet(fieldPaths(err), tc.want) {
				t.Errorf("%s: %v, want EINVALID naming %v", tc.name, err, tc.want)
			}
		}
		// Nothing changed: the old app still signs in, the new one does not.
		c.add(30 * time.Second)
		if _, err := svc.Authenticate(pub, "ana@example.org", testPassword, newCode(), "192.0.2.1"); err == nil {
			t.Error("the unconfirmed app signed in")
		}
		if _, err := svc.Authenticate(pub, "ana@example.org", testPassword, oldCode(), "192.0.2.1"); err != nil {
			t.Errorf("the old app stopped working: %v", err)
		}
		c.add(30 * time.Second)
		err = svc.ConfirmTOTP(me, carepath.TOTPConfirmation{Secret: second.Secret, Code: newCode(), Password: testPassword, CurrentCode: oldCode()})
		if err != nil {
			t.Fatalf("replace with the password and a current code: %v", err)
		}
		c.add(30 * time.Second)
		if _, err := svc.Authenticate(pub, "ana@example.org", testPassword, oldCode(), "192.0.2.1"); err == nil {
			t.Error("the replaced app still signs in")
		}
		if _, err := svc.Authenticate(pub, "ana@example.org", testPassword, newCode(), "192.0.2.1"); err != nil {
			t.Errorf("the new app does not sign in: %v", err)
		}
		// Wrong tries lock the account like failed sign-ins.
		for range store.LockoutAccount {
			_ = svc.ConfirmTOTP(me, carepath.TOTPConfirmation{Secret: first.Secret, Code: "000000", Password: "wrong wrong wrong", CurrentCode: "000000"})
		}
		c.add(30 * time.Second)
		if _, err := svc.Authenticate(pub, "ana@example.org", testPassword, newCode(), "192.0.2.1"); err == nil {
			t.Error("wrong replacement tries did not lock the account")
		}
	})
}
