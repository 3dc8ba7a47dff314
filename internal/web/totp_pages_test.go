package web_test

import (
	"context"
	"io"
	"net/url"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/demo"
)

// TestTOTPOptionalForAdmins is the finding that an admin could work with a password alone:
// now an admin without an authenticator app is sent to set one up by the sign-in and by every
// other staff page, a form sent meanwhile is not taken, a clinician is not, and the admin's API
// token (made by the command line) still works. Once set up, the pages open. Under serve --demo
// the demo's own admin is let in without one, with a banner on every page; any other admin of
// that server is not.
func TestTOTPOptionalForAdmins(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	token, admin := apptest.Token(t, ts.Store, "admin@example.org", carepath.RoleAdmin)
	apptest.AddStaff(t, ts.Store, "ana@example.org", carepath.RoleClinician)
	c := apptest.Browser(t)
	send := func(method, path string, form url.Values) (int, string, string) {
		return apptest.Send(t, c, method, ts.URL+path, form)
	}
	if code, loc, _ := send("POST", "/login", url.Values{"email": {"admin@example.org"}, "password": {apptest.Password}}); code != 303 || loc != apptest.TOTPSetupPath {
		t.Fatalf("admin sign-in: %d %q, want the set-up page", code, loc)
	}
	for _, p := range []string{"/staff", "/staff/audit", "/staff/admin/staff", "/staff/account"} {
		if code, loc, _ := send("GET", p, nil); code != 303 || loc != apptest.TOTPSetupPath {
			t.Errorf("GET %s without an app: %d %q", p, code, loc)
		}
	}
	name := "Someone else"
	if code, loc, _ := send("POST", "/staff/admin/staff/"+admin.ID, url.Values{"name": {name}, "role": {"admin"}, "status": {"active"}}); code != 303 || loc != apptest.TOTPSetupPath {
		t.Errorf("a form sent without an app: %d %q", code, loc)
	}
	if st, err := ts.Services.Staff.FindStaffByID(apptest.System(), admin.ID); err != nil || st.Name == name {
		t.Errorf("the form was taken: %+v %v", st, err)
	}
	if code, _, body := send("GET", apptest.TOTPSetupPath, nil); code != 200 || !strings.Contains(body, "Admins must use an authenticator app") {
		t.Errorf("set-up page: %d", code)
	}
	if code, body := apptest.API(t, "GET", ts.URL+"/api/v1/staff", token, ""); code != 200 {
		t.Errorf("the admin's API token: %d %s", code, body)
	}
	if code, _, _ := apptest.SignIn(t, ts.URL, "ana@example.org")("GET", "/staff", nil); code != 200 {
		t.Errorf("a clinician without an app: %d", code)
	}
	apptest.EnrolTOTP(t, c, ts.URL, "admin@example.org")
	if code, _, _ := send("GET", "/staff/audit", nil); code != 200 {
		t.Errorf("the audit log after the set-up: %d", code)
	}
	// A reset (a lost phone) sends the signed-in session back to the set-up page at once.
	if _, err := ts.Services.Staff.UpdateStaff(apptest.System(), admin.ID, carepath.StaffUpdate{ResetTOTP: true}); err != nil {
		t.Fatal(err)
	}
	if code, loc, _ := send("GET", "/staff/audit", nil); code != 303 || loc != apptest.TOTPSetupPath {
		t.Errorf("after a reset: %d %q", code, loc)
	}

	// serve --demo: the demo admin is let in, with a banner; another admin is not.
	dts := apptest.StartWith(t, apptest.Options{Config: app.Config{DemoDomain: demo.EmailDomain}})
	if _, err := demo.Seed(context.Background(), dts.Services, io.Discard); err != nil {
		t.Fatal(err)
	}
	apptest.AddStaff(t, dts.Store, "real-admin@example.org", carepath.RoleAdmin)
	d := apptest.Browser(t)
	if code, loc, _ := apptest.Send(t, d, "POST", dts.URL+"/login", url.Values{"email": {"admin@" + demo.EmailDomain}, "password": {demo.Password}}); code != 303 || loc == apptest.TOTPSetupPath {
		t.Fatalf("demo admin sign-in: %d %q", code, loc)
	}
	if code, _, body := apptest.Send(t, d, "GET", dts.URL+"/staff/audit", nil); code != 200 || !strings.Contains(body, "Demo mode: this admin account has no authenticator app") {
		t.Errorf("demo admin's audit log: %d, banner %v", code, strings.Contains(body, "Demo mode"))
	}
	r := apptest.Browser(t)
	if code, loc, _ := apptest.Send(t, r, "POST", dts.URL+"/login", url.Values{"email": {"real-admin@example.org"}, "password": {apptest.Password}}); code != 303 || loc != apptest.TOTPSetupPath {
		t.Errorf("another admin under --demo: %d %q", code, loc)
	}
}
