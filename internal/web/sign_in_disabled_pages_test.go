package web_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
)

// TestDisabledStaffSessionEnds disables a signed-in clinician: their next page request is sent
// to sign in, with a notice shown once, and the old session stays ended after the account is
// enabled again. A role change applies to a signed-in session at once, both ways, and the
// per-request account check writes no audit rows of its own.
func TestDisabledStaffSessionEnds(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	apptest.AddStaff(t, st, "admin@example.org", carepath.RoleAdmin)
	ana := apptest.AddStaff(t, st, "ana@example.org", carepath.RoleClinician)
	ben := apptest.AddStaff(t, st, "ben@example.org", carepath.RoleClinician)
	admin := apptest.SignIn(t, ts.URL, "admin@example.org")
	anaWeb := apptest.SignIn(t, ts.URL, "ana@example.org")
	benWeb := apptest.SignIn(t, ts.URL, "ben@example.org")

	change := func(id, name, role, status string) {
		t.Helper()
		form := url.Values{"name": {name}, "role": {role}, "status": {status}}
		if code, loc, _ := admin("POST", "/staff/admin/staff/"+id, form); code != 303 || loc != "/staff/admin/staff" {
			t.Fatalf("change %s to %s/%s: %d %q", name, role, status, code, loc)
		}
	}

	t.Run("a disabled clinician is sent to sign in", func(t *testing.T) {
		if code, _, _ := anaWeb("GET", "/staff", nil); code != 200 {
			t.Fatalf("before: %d", code)
		}
		change(ana.ID, "Dr clinician", "clinician", "disabled")
		code, loc, body := anaWeb("GET", "/staff/clients", nil)
		if code != 303 || loc != "/login" || strings.Contains(body, "Dr clinician") {
			t.Fatalf("next page after disabling: %d %q", code, loc)
		}
		code, _, body = anaWeb("GET", "/login", nil)
		if code != 200 || !strings.Contains(body, `id="login-notice"`) || !strings.Contains(body, "account has been disabled") {
			t.Errorf("sign-in page after the session ended: %d, notice shown: %v", code, strings.Contains(body, "login-notice"))
		}
		if _, _, again := anaWeb("GET", "/login", nil); strings.Contains(again, "login-notice") {
			t.Error("the notice shows twice")
		}
		// A form sent with the ended session changes nothing.
		if code, loc, _ := anaWeb("POST", "/staff/clients/new", url.Values{"given_name": {"X"}}); code != 303 || loc != "/login" {
			t.Errorf("post after disabling: %d %q", code, loc)
		}
		// Enabling the account again does not bring the old session back; signing in does.
		change(ana.ID, "Dr clinician", "clinician", "active")
		if code, loc, _ := anaWeb("GET", "/staff", nil); code != 303 || loc != "/login" {
			t.Errorf("old session after enabling: %d %q", code, loc)
		}
		if code, _, _ := apptest.SignIn(t, ts.URL, "ana@example.org")("GET", "/staff", nil); code != 200 {
			t.Errorf("signing in again: %d", code)
		}
	})

	t.Run("a role change applies at once", func(t *testing.T) {
		if code, _, _ := benWeb("GET", "/staff/admin/staff", nil); code != 403 {
			t.Fatalf("clinician on the staff admin page: %d", code)
		}
		change(ben.ID, "Dr clinician", "admin", "active")
		// An admin uses an authenticator app: the promoted session sets one up first.
		if code, loc, _ := benWeb("GET", "/staff/admin/staff", nil); code != 303 || loc != apptest.TOTPSetupPath {
			t.Errorf("promoted to admin without an app: %d %q", code, loc)
		}
		apptest.EnrolTOTPAs(t, benWeb, ts.URL, "ben@example.org")
		if code, _, body := benWeb("GET", "/staff/admin/staff", nil); code != 200 || !strings.Contains(body, "ana@example.org") {
			t.Errorf("promoted to admin: %d", code)
		}
		if n := apptest.CountRows(t, ts.DB, "audit_log", "actor_id = '"+ben.ID+"' AND role = 'admin' AND action = 'staff.list'"); n == 0 {
			t.Error("the promoted session's calls are not audited under the new role")
		}
		change(ben.ID, "Dr clinician", "front_desk", "active")
		if code, _, _ := benWeb("GET", "/staff/admin/staff", nil); code != 403 {
			t.Errorf("demoted to front desk: %d", code)
		}
		if code, _, _ := benWeb("GET", "/staff", nil); code != 200 {
			t.Errorf("demoted staff home: %d", code)
		}
	})

	if n := apptest.CountRows(t, ts.DB, "audit_log", "action = 'staff.session'"); n != 0 {
		t.Errorf("%d audit rows for successful session checks, want none", n)
	}
}
