package store_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
	"github.com/pquerna/otp/totp"
)

const testPassword = "correct horse battery staple"

// clock is a settable clock for the store.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// newStaff creates a staff member as the command line and returns it.
func newStaff(t *testing.T, svc *store.StaffService, email string, role carepath.Role) *carepath.Staff {
	t.Helper()
	st := &carepath.Staff{Email: email, Name: "Test " + string(role), Role: role}
	if err := svc.CreateStaff(as(carepath.RoleSystem), st, testPassword); err != nil {
		t.Fatalf("create staff: %v", err)
	}
	return st
}

func TestPasswordHash(t *testing.T) {
	h, err := store.HashPassword("s3cret password")
	if err != nil || !strings.HasPrefix(h, "$argon2id$v=19$m=") {
		t.Fatalf("hash %q, %v", h, err)
	}
	if ok, err := store.CheckPassword(h, "s3cret password"); !ok || err != nil {
		t.Errorf("right password: %v, %v", ok, err)
	}
	if ok, _ := store.CheckPassword(h, "s3cret passwore"); ok {
		t.Error("wrong password accepted")
	}
	if _, err := store.CheckPassword("$bcrypt$x", "x"); err == nil {
		t.Error("malformed hash accepted")
	}
}

func TestStaff(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		svc := store.NewStaffService(env.Store)
		st := newStaff(t, svc, "Ana@Example.org", carepath.RoleClinician)
		if st.ID == "" || st.Email != "ana@example.org" || st.CreatedAt.IsZero() {
			t.Fatalf("created %+v", st)
		}
		dup := &carepath.Staff{Email: "ANA@example.org", Name: "Other", Role: carepath.RoleAdmin}
		if err := svc.CreateStaff(as(carepath.RoleAdmin), dup, testPassword); carepath.ErrorCode(err) != carepath.ECONFLICT {
			t.Errorf("duplicate email: %v", err)
		}
		bad := &carepath.Staff{Email: "nope", Role: "boss"}
		err := svc.CreateStaff(as(carepath.RoleSystem), bad, "short")
		var names []string
		for _, f := range carepath.ErrorFields(err) {
			names = append(names, f.Field)
		}
		if got := strings.Join(names, ","); got != "email,name,role,password" {
			t.Errorf("invalid staff fields %q (%v)", got, err)
		}
		if err := svc.CreateStaff(as(carepath.RoleClinician), &carepath.Staff{Email: "x@example.org", Name: "X", Role: carepath.RoleAdmin}, testPassword); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("clinician creating staff: %v", err)
		}
		got, err := svc.FindStaffByEmail(as(carepath.RoleAdmin), "ANA@example.org")
		if err != nil || got.ID != st.ID || got.Role != carepath.RoleClinician {
			t.Errorf("find by email: %+v, %v", got, err)
		}
		if _, err := svc.FindStaffByEmail(as(carepath.RoleAdmin), "who@example.org"); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("unknown email: %v", err)
		}
		list, err := svc.FindStaff(as(carepath.RoleSystem), carepath.StaffFilter{})
		if err != nil || len(list) != 1 {
			t.Errorf("list: %v, %v", list, err)
		}
		// Staff may read the clinic's directory; reviewers and the public may not.
		if _, err := svc.FindStaff(as(carepath.RoleFrontDesk), carepath.StaffFilter{}); err != nil {
			t.Errorf("front desk listing the directory: %v", err)
		}
		for _, role := range []carepath.Role{carepath.RoleReviewer, carepath.RolePublic} {
			if _, err := svc.FindStaff(as(role), carepath.StaffFilter{}); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
				t.Errorf("%s listing staff: %v", role, err)
			}
		}
		if n := count(t, env, "staff", "password_hash LIKE '$argon2id$%'"); n != 1 {
			t.Errorf("%d argon2id hashes", n)
		}
	})
}

func TestAuthenticate(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		svc := store.NewStaffService(env.Store)
		st := newStaff(t, svc, "ana@example.org", carepath.RoleClinician)
		pub := as(carepath.RolePublic)
		got, err := svc.Authenticate(pub, " ANA@example.org ", testPassword, "", "192.0.2.1")
		if err != nil || got.ID != st.ID {
			t.Fatalf("right password: %+v, %v", got, err)
		}
		for _, c := range []struct{ email, password string }{
			{"ana@example.org", "wrong password here"},
			{"nobody@example.org", testPassword},
		} {
			_, err := svc.Authenticate(pub, c.email, c.password, "", "192.0.2.1")
			if carepath.ErrorCode(err) != carepath.EUNAUTHORIZED || carepath.ErrorMessage(err) != carepath.AuthFailedMessage {
				t.Errorf("%s: %v", c.email, err)
			}
		}
		rows := auditRows(t, env)
		var logins []auditRow
		for _, r := range rows {
			if r.Action == "staff.login" {
				logins = append(logins, r)
			}
			for _, secret := range []string{"ana@", "nobody@", testPassword, "wrong password"} {
				if strings.Contains(r.Detail+r.RecordID+r.ActorID, secret) {
					t.Errorf("audit row holds a secret: %+v", r)
				}
			}
		}
		if len(logins) != 3 || !logins[0].Allowed || logins[0].RecordID != st.ID || logins[1].Allowed || logins[2].Allowed ||
			logins[1].Detail != "denied; password sign-in" || logins[1].RecordID != st.ID ||
			logins[2].Detail != "denied; password sign-in; unknown account" || logins[2].RecordID != "" {
			t.Errorf("login audit rows: %+v", logins)
		}
	})
}

func TestLockout(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		c := &clock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
		env.Store.SetNow(c.now)
		svc := store.NewStaffService(env.Store)
		newStaff(t, svc, "ana@example.org", carepath.RoleClinician)
		newStaff(t, svc, "ben@example.org", carepath.RoleFrontDesk)
		pub := as(carepath.RolePublic)

		// Per account: five failures from different addresses lock the account.
		for i := range store.LockoutAccount {
			if _, err := svc.Authenticate(pub, "ana@example.org", "bad password!", "", "198.51.100."+string(rune('1'+i))); err == nil {
				t.Fatal("bad password accepted")
			}
		}
		c.add(time.Minute)
		_, err := svc.Authenticate(pub, "ana@example.org", testPassword, "", "192.0.2.99")
		if carepath.ErrorMessage(err) != carepath.AuthFailedMessage {
			t.Fatalf("locked account accepted the right password: %v", err)
		}
		if _, err := svc.Authenticate(pub, "ben@example.org", testPassword, "", "192.0.2.99"); err != nil {
			t.Errorf("another account is locked too: %v", err)
		}
		c.add(store.LockoutWindow)
		if _, err := svc.Authenticate(pub, "ana@example.org", testPassword, "", "192.0.2.99"); err != nil {
			t.Errorf("lock did not lift after the window: %v", err)
		}

		// Per address: many failures from one address, over many emails, lock nothing: the
		// address is slowed down, and the right password from it still signs in.
		var mu sync.Mutex
		var waits []time.Duration
		env.Store.SetSleep(func(_ context.Context, d time.Duration) error {
			mu.Lock()
			waits = append(waits, d)
			mu.Unlock()
			return nil
		})
		for i := range store.ThrottleAfter + 5 {
			_, _ = svc.Authenticate(pub, "guess"+string(rune('a'+i))+"@example.org", "bad password!", "", "203.0.113.5")
		}
		waits = nil
		if _, err := svc.Authenticate(pub, "ben@example.org", testPassword, "", "203.0.113.5"); err != nil {
			t.Errorf("a throttled address refused the right password: %v", err)
		}
		if len(waits) != 1 || waits[0] != store.ThrottleDelay(store.ThrottleAfter+5) || waits[0] <= 0 {
			t.Errorf("throttled address waited %v, want %v", waits, store.ThrottleDelay(store.ThrottleAfter+5))
		}
		waits = nil
		if _, err := svc.Authenticate(pub, "ben@example.org", testPassword, "", "203.0.113.6"); err != nil || waits[0] != 0 {
			t.Errorf("another address is slowed too: %v, waited %v", err, waits)
		}
	})
}

func TestTOTP(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		c := &clock{t: time.Date(2026, 3, 1, 9, 0, 5, 0, time.UTC)}
		env.Store.SetNow(c.now)
		svc := store.NewStaffService(env.Store)
		newStaff(t, svc, "ana@example.org", carepath.RoleAdmin)
		secret, url, err := svc.EnableTOTP(as(carepath.RoleSystem), "ana@example.org")
		if err != nil || secret == "" || !strings.HasPrefix(url, "otpauth://totp/") {
			t.Fatalf("enable: %q %q %v", secret, url, err)
		}
		pub := as(carepath.RolePublic)
		if _, err := svc.Authenticate(pub, "ana@example.org", testPassword, "", "192.0.2.1"); err == nil {
			t.Error("signed in without a code")
		}
		if _, err := svc.Authenticate(pub, "ana@example.org", testPassword, "000000x", "192.0.2.1"); err == nil {
			t.Error("signed in with a bad code")
		}
		code, _ := totp.GenerateCode(secret, c.now())
		if _, err := svc.Authenticate(pub, "ana@example.org", "wrong password!", code, "192.0.2.1"); err == nil {
			t.Error("signed in with a code and a wrong password")
		}
		got, err := svc.Authenticate(pub, "ana@example.org", testPassword, code, "192.0.2.1")
		if err != nil || !got.TOTPEnabled {
			t.Fatalf("with code: %+v %v", got, err)
		}
		if _, err := svc.Authenticate(pub, "ana@example.org", testPassword, code, "192.0.2.1"); carepath.ErrorMessage(err) != carepath.AuthFailedMessage {
			t.Errorf("a code was accepted twice: %v", err)
		}
		c.add(30 * time.Second)
		next, _ := totp.GenerateCode(secret, c.now())
		if _, err := svc.Authenticate(pub, "ana@example.org", testPassword, next, "192.0.2.1"); err != nil {
			t.Errorf("next code: %v", err)
		}
		c.add(10 * time.Minute)
		stale, _ := totp.GenerateCode(secret, c.now().Add(-2*time.Minute))
		if _, err := svc.Authenticate(pub, "ana@example.org", testPassword, stale, "192.0.2.1"); err == nil {
			t.Error("a two-minute-old code was accepted")
		}
	})
}

func TestTokens(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		svc := store.NewStaffService(env.Store)
		st := newStaff(t, svc, "ana@example.org", carepath.RoleClinician)
		sys := as(carepath.RoleSystem)
		tok, id, err := svc.CreateTokenWithID(sys, "ana@example.org")
		if err != nil || !strings.HasPrefix(tok, "cp_") || len(tok) != 3+43 {
			t.Fatalf("token %q, %v", tok, err)
		}
		if _, err := svc.CreateToken(as(carepath.RoleClinician), "ana@example.org"); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("clinician creating a token: %v", err)
		}
		if n := count(t, env, "api_tokens", "token_hash = '"+tok+"'"); n != 0 {
			t.Error("token stored in plain text")
		}
		pub := as(carepath.RolePublic)
		got, err := svc.AuthenticateToken(pub, tok)
		if err != nil || got.ID != st.ID || got.Role != carepath.RoleClinician {
			t.Fatalf("authenticate: %+v, %v", got, err)
		}
		for _, bad := range []string{"", "cp_nope", tok + "x", "Bearer " + tok} {
			if _, err := svc.AuthenticateToken(pub, bad); carepath.ErrorCode(err) != carepath.EUNAUTHORIZED {
				t.Errorf("token %q: %v", bad, err)
			}
		}
		if err := svc.RevokeToken(sys, tok); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.AuthenticateToken(pub, tok); carepath.ErrorCode(err) != carepath.EUNAUTHORIZED {
			t.Errorf("revoked token: %v", err)
		}
		tok2, id2, _ := svc.CreateTokenWithID(sys, "ana@example.org")
		if err := svc.RevokeToken(sys, id2); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.AuthenticateToken(pub, tok2); err == nil {
			t.Error("token revoked by id still works")
		}
		if err := svc.RevokeToken(sys, "no-such-id"); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("unknown id: %v", err)
		}
		for _, r := range auditRows(t, env) {
			if strings.Contains(r.Detail+r.RecordID, "cp_") {
				t.Errorf("audit row holds a token: %+v", r)
			}
		}
		if n := count(t, env, "audit_log", "action = 'token.login' AND NOT allowed AND detail = 'denied; api token'"); n != 6 {
			t.Errorf("%d denied token.login rows, want 6", n)
		}
		if n := count(t, env, "audit_log", "action = 'token.revoke' AND record_id = '"+id+"'"); n != 1 {
			t.Errorf("%d revoke rows", n)
		}
	})
}

func TestUpdateStaff(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		svc := store.NewStaffService(env.Store)
		admin := newStaff(t, svc, "admin@example.org", carepath.RoleAdmin)
		ana := newStaff(t, svc, "ana@example.org", carepath.RoleClinician)
		asAdmin := carepath.NewContext(t.Context(), carepath.Actor{ID: admin.ID, Role: carepath.RoleAdmin, Remote: "192.0.2.1"})
		pub := as(carepath.RolePublic)
		tok, err := svc.CreateToken(as(carepath.RoleSystem), "ana@example.org")
		if err != nil {
			t.Fatal(err)
		}

		name, role := "  Ana Ortiz ", carepath.RoleCaseManager
		got, err := svc.UpdateStaff(asAdmin, ana.ID, carepath.StaffUpdate{Name: &name, Role: &role})
		if err != nil || got.Name != "Ana Ortiz" || got.Role != carepath.RoleCaseManager || got.Email != "ana@example.org" {
			t.Fatalf("update: %+v, %v", got, err)
		}
		if found, err := svc.FindStaffByID(asAdmin, ana.ID); err != nil || found.Name != "Ana Ortiz" || found.Role != role {
			t.Errorf("find by id after update: %+v, %v", found, err)
		}

		// A disabled account can neither sign in nor use its tokens; enabling it restores both.
		yes, no := true, false
		if got, err := svc.UpdateStaff(asAdmin, ana.ID, carepath.StaffUpdate{Disabled: &yes}); err != nil || !got.Disabled {
			t.Fatalf("disable: %+v, %v", got, err)
		}
		if _, err := svc.Authenticate(pub, "ana@example.org", testPassword, "", "192.0.2.7"); carepath.ErrorMessage(err) != carepath.AuthFailedMessage {
			t.Errorf("disabled account signed in: %v", err)
		}
		if _, err := svc.AuthenticateToken(pub, tok); carepath.ErrorCode(err) != carepath.EUNAUTHORIZED {
			t.Errorf("disabled account's token: %v", err)
		}
		if _, err := svc.UpdateStaff(asAdmin, ana.ID, carepath.StaffUpdate{Disabled: &no}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Authenticate(pub, "ana@example.org", testPassword, "", "192.0.2.8"); err != nil {
			t.Errorf("enabled account: %v", err)
		}
		if _, err := svc.AuthenticateToken(pub, tok); carepath.ErrorCode(err) != carepath.EUNAUTHORIZED {
			t.Errorf("a token revoked by disabling came back when the account was enabled: %v", err)
		}

		fieldOf := func(err error) string {
			var names []string
			for _, f := range carepath.ErrorFields(err) {
				names = append(names, f.Field)
			}
			return strings.Join(names, ",")
		}
		// An admin may not disable themselves, nor demote the last admin.
		if _, err := svc.UpdateStaff(asAdmin, admin.ID, carepath.StaffUpdate{Disabled: &yes}); carepath.ErrorCode(err) != carepath.EINVALID || fieldOf(err) != "disabled" {
			t.Errorf("admin disabling themselves: %v", err)
		}
		clin := carepath.RoleClinician
		if _, err := svc.UpdateStaff(asAdmin, admin.ID, carepath.StaffUpdate{Role: &clin}); carepath.ErrorCode(err) != carepath.EINVALID || fieldOf(err) != "role" {
			t.Errorf("demoting the last admin: %v", err)
		}
		// The command line may not disable the last admin either.
		if _, err := svc.UpdateStaff(as(carepath.RoleSystem), admin.ID, carepath.StaffUpdate{Disabled: &yes}); carepath.ErrorCode(err) != carepath.EINVALID || fieldOf(err) != "disabled" {
			t.Errorf("disabling the last admin: %v", err)
		}
		// With a second admin, the first may step down.
		adminRole := carepath.RoleAdmin
		if _, err := svc.UpdateStaff(asAdmin, ana.ID, carepath.StaffUpdate{Role: &adminRole}); err != nil {
			t.Fatal(err)
		}
		if got, err := svc.UpdateStaff(asAdmin, admin.ID, carepath.StaffUpdate{Role: &clin}); err != nil || got.Role != clin {
			t.Errorf("admin stepping down with another admin: %+v, %v", got, err)
		}

		empty, boss := " ", carepath.Role("boss")
		if _, err := svc.UpdateStaff(asAdmin, ana.ID, carepath.StaffUpdate{Name: &empty, Role: &boss}); fieldOf(err) != "name,role" {
			t.Errorf("invalid update: %v", err)
		}
		if _, err := svc.UpdateStaff(asAdmin, "no-such-id", carepath.StaffUpdate{Name: &name}); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("unknown id: %v", err)
		}
		if _, err := svc.FindStaffByID(asAdmin, "no-such-id"); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("find unknown id: %v", err)
		}
		for _, r := range []carepath.Role{carepath.RoleClinician, carepath.RoleFrontDesk, carepath.RoleReviewer, carepath.RolePublic} {
			if _, err := svc.UpdateStaff(as(r), ana.ID, carepath.StaffUpdate{Disabled: &yes}); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
				t.Errorf("%s updating staff: %v", r, err)
			}
			if _, err := svc.FindStaffByID(as(r), ana.ID); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
				t.Errorf("%s reading staff: %v", r, err)
			}
		}
		if n := count(t, env, "audit_log", "action = 'staff.update' AND detail LIKE 'ok;%' AND record_id = '"+ana.ID+"'"); n != 4 {
			t.Errorf("%d successful staff.update rows for ana, want 4", n)
		}
		for _, r := range auditRows(t, env) {
			if strings.Contains(r.Detail, "Ana Ortiz") || strings.Contains(r.Detail, "ana@") {
				t.Errorf("audit row holds a value: %+v", r)
			}
		}
	})
}

func TestTOTPEnrolment(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		c := &clock{t: time.Date(2026, 3, 1, 9, 0, 5, 0, time.UTC)}
		env.Store.SetNow(c.now)
		svc := store.NewStaffService(env.Store)
		ana := newStaff(t, svc, "ana@example.org", carepath.RoleReviewer)
		me := carepath.NewContext(t.Context(), carepath.Actor{ID: ana.ID, Role: ana.Role, Remote: "192.0.2.1"})
		pub := as(carepath.RolePublic)

		e, err := svc.BeginTOTP(me)
		if err != nil || len(e.Secret) < 26 || !strings.HasPrefix(e.URL, "otpauth://totp/carepath:ana@example.org?") || e.Replacing {
			t.Fatalf("begin: %+v, %v", e, err)
		}
		// Nothing changes until a code confirms the secret.
		if _, err := svc.Authenticate(pub, "ana@example.org", testPassword, "", "192.0.2.1"); err != nil {
			t.Fatalf("sign-in before confirmation needs a code: %v", err)
		}
		for _, c := range []struct{ secret, code, field string }{
			{e.Secret, "12345", "code"},
			{e.Secret, "abcdef", "code"},
			{"not base32!", "123456", "secret"},
			{"AAAA", "123456", "secret"},
		} {
			err := svc.ConfirmTOTP(me, carepath.TOTPConfirmation{Secret: c.secret, Code: c.code})
			if fe := carepath.ErrorFields(err); carepath.ErrorCode(err) != carepath.EINVALID || len(fe) != 1 || fe[0].Field != c.field {
				t.Errorf("confirm %q %q: %v", c.secret, c.code, err)
			}
		}
		stale, _ := totp.GenerateCode(e.Secret, c.now().Add(-2*time.Minute))
		if err := svc.ConfirmTOTP(me, carepath.TOTPConfirmation{Secret: e.Secret, Code: stale}); carepath.ErrorCode(err) != carepath.EINVALID {
			t.Errorf("a stale code confirmed: %v", err)
		}
		if _, err := svc.Authenticate(pub, "ana@example.org", testPassword, "", "192.0.2.1"); err != nil {
			t.Fatalf("a failed confirmation turned TOTP on: %v", err)
		}
		if err := svc.ConfirmTOTP(as(carepath.RoleSystem), carepath.TOTPConfirmation{Secret: e.Secret, Code: "123456"}); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("the command line confirming: %v", err)
		}

		code, _ := totp.GenerateCode(e.Secret, c.now())
		if err := svc.ConfirmTOTP(me, carepath.TOTPConfirmation{Secret: e.Secret, Code: code}); err != nil {
			t.Fatalf("confirm: %v", err)
		}
		if _, err := svc.Authenticate(pub, "ana@example.org", testPassword, "", "192.0.2.1"); carepath.ErrorMessage(err) != carepath.AuthFailedMessage {
			t.Errorf("signed in without a code after confirmation: %v", err)
		}
		if _, err := svc.Authenticate(pub, "ana@example.org", testPassword, code, "192.0.2.1"); err == nil {
			t.Error("the confirming code signed in too")
		}
		c.add(30 * time.Second)
		next, _ := totp.GenerateCode(e.Secret, c.now())
		if got, err := svc.Authenticate(pub, "ana@example.org", testPassword, next, "192.0.2.1"); err != nil || !got.TOTPEnabled {
			t.Errorf("sign in with the next code: %+v, %v", got, err)
		}

		// A new enrolment replaces the old factor only once confirmed.
		e2, err := svc.BeginTOTP(me)
		if err != nil || !e2.Replacing || e2.Secret == e.Secret {
			t.Fatalf("begin again: %+v, %v", e2, err)
		}
		c.add(30 * time.Second)
		old, _ := totp.GenerateCode(e.Secret, c.now())
		if _, err := svc.Authenticate(pub, "ana@example.org", testPassword, old, "192.0.2.1"); err != nil {
			t.Errorf("the old factor stopped working before the new one was confirmed: %v", err)
		}

		// An admin's reset turns the factor off.
		admin := newStaff(t, svc, "admin@example.org", carepath.RoleAdmin)
		asAdmin := carepath.NewContext(t.Context(), carepath.Actor{ID: admin.ID, Role: carepath.RoleAdmin})
		if got, err := svc.UpdateStaff(asAdmin, ana.ID, carepath.StaffUpdate{ResetTOTP: true}); err != nil || got.TOTPEnabled {
			t.Fatalf("reset: %+v, %v", got, err)
		}
		if _, err := svc.Authenticate(pub, "ana@example.org", testPassword, "", "192.0.2.1"); err != nil {
			t.Errorf("sign in after a reset: %v", err)
		}

		// A disabled account may not enrol.
		yes := true
		if _, err := svc.UpdateStaff(asAdmin, ana.ID, carepath.StaffUpdate{Disabled: &yes}); err != nil {
			t.Fatal(err)
		}
		c.add(30 * time.Second)
		code, _ = totp.GenerateCode(e2.Secret, c.now())
		if err := svc.ConfirmTOTP(me, carepath.TOTPConfirmation{Secret: e2.Secret, Code: code}); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("disabled account confirming: %v", err)
		}
		for _, r := range auditRows(t, env) {
			if strings.Contains(r.Detail+r.RecordID, e.Secret) || strings.Contains(r.Detail, code) {
				t.Errorf("audit row holds a secret: %+v", r)
			}
		}
	})
}
