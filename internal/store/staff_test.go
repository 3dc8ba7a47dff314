package store_test

import (
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
			logins[1].Detail != "denied; password sign-in" || logins[1].RecordID != "" || logins[2].RecordID != "" {
			t.Errorf("login audit rows: %+v", logins)
		}
	})
}

func TestLockout(t *testing.T) {
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

		// Per address: twenty failures from one address, over many emails, lock the address.
		for i := range store.LockoutRemote {
			_, _ = svc.Authenticate(pub, "guess"+string(rune('a'+i))+"@example.org", "bad password!", "", "203.0.113.5")
		}
		if _, err := svc.Authenticate(pub, "ben@example.org", testPassword, "", "203.0.113.5"); carepath.ErrorMessage(err) != carepath.AuthFailedMessage {
			t.Errorf("locked address accepted: %v", err)
		}
		if _, err := svc.Authenticate(pub, "ben@example.org", testPassword, "", "203.0.113.6"); err != nil {
			t.Errorf("another address is locked too: %v", err)
		}
		c.add(store.LockoutWindow + time.Second)
		if _, err := svc.Authenticate(pub, "ben@example.org", testPassword, "", "203.0.113.5"); err != nil {
			t.Errorf("address lock did not lift: %v", err)
		}
	})
}

func TestTOTP(t *testing.T) {
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
