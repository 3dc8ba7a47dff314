package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/pquerna/otp/totp"
)

// TestStaffAdminPages walks the staff management pages as an admin and as others.
func TestStaffAdminPages(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	admin := apptest.AddStaff(t, st, "admin@example.org", carepath.RoleAdmin)
	ana := apptest.AddStaff(t, st, "ana@example.org", carepath.RoleClinician)
	deskStaff := apptest.AddStaff(t, st, "desk@example.org", carepath.RoleFrontDesk)
	as := apptest.SignIn(t, ts.URL, "admin@example.org")
	anaWeb := apptest.SignIn(t, ts.URL, "ana@example.org")
	desk := apptest.SignIn(t, ts.URL, "desk@example.org")

	t.Run("admin lists staff", func(t *testing.T) {
		code, _, body := as("GET", "/staff/admin/staff", nil)
		for _, want := range []string{"ana@example.org", "Dr clinician", "Front desk", "Authenticator app", "Active",
			`href="/staff/admin/staff/` + ana.ID + `"`, `href="/staff/admin/staff/new"`} {
			if !strings.Contains(body, want) {
				t.Errorf("staff list lacks %q", want)
			}
		}
		if code != 200 {
			t.Errorf("staff list: %d", code)
		}
		if _, _, home := as("GET", "/staff", nil); !strings.Contains(home, `href="/staff/admin/staff"`) {
			t.Error("admin's staff home has no link to staff accounts")
		}
		if _, _, home := anaWeb("GET", "/staff", nil); strings.Contains(home, `href="/staff/admin/staff"`) ||
			!strings.Contains(home, `href="/staff/account"`) {
			t.Error("clinician's staff home links: want their account and not staff accounts")
		}
		if _, _, account := anaWeb("GET", "/staff/account", nil); !strings.Contains(account, `href="/staff/account/totp"`) {
			t.Error("clinician's account page has no link to the authenticator app")
		}
	})

	t.Run("others get 403", func(t *testing.T) {
		for _, who := range []func(string, string, url.Values) (int, string, string){anaWeb, desk} {
			for _, c := range []struct {
				method, path string
				form         url.Values
			}{
				{"GET", "/staff/admin/staff", nil},
				{"GET", "/staff/admin/staff/new", nil},
				{"POST", "/staff/admin/staff/new", url.Values{"name": {"Eve"}, "email": {"eve@example.org"}, "role": {"admin"}, "password": {apptest.Password}}},
				{"GET", "/staff/admin/staff/" + admin.ID, nil},
				{"POST", "/staff/admin/staff/" + admin.ID, url.Values{"name": {"X"}, "role": {"clinician"}, "status": {"disabled"}}},
			} {
				if code, _, body := who(c.method, c.path, c.form); code != 403 || !strings.Contains(body, "Only an admin") {
					t.Errorf("%s %s: %d", c.method, c.path, code)
				}
			}
		}
		if n := apptest.CountRows(t, ts.DB, "staff", "email = 'eve@example.org'"); n != 0 {
			t.Error("a clinician added a staff member")
		}
		// Signed out: the sign-in page.
		if code, loc, _ := apptest.Send(t, apptest.NoRedirect, "GET", ts.URL+"/staff/admin/staff", nil); code != 303 || loc != "/login" {
			t.Errorf("signed out: %d %q", code, loc)
		}
	})

	t.Run("admin adds a staff member", func(t *testing.T) {
		code, _, body := as("GET", "/staff/admin/staff/new", nil)
		if code != 200 || !strings.Contains(body, `<label for="staff-role">`) || !strings.Contains(body, `value="clinician" selected`) {
			t.Fatalf("new form: %d", code)
		}
		form := url.Values{"name": {"Ben Cole"}, "email": {"Ben@Example.org"}, "role": {"case_manager"}, "password": {apptest.Password}}
		if code, loc, _ := as("POST", "/staff/admin/staff/new", form); code != 303 || loc != "/staff/admin/staff" {
			t.Fatalf("add: %d %q", code, loc)
		}
		_, _, list := as("GET", "/staff/admin/staff", nil)
		if !strings.Contains(list, "Added Ben Cole.") || !strings.Contains(list, "ben@example.org") || !strings.Contains(list, "Case manager") {
			t.Errorf("list after adding lacks the notice or the new row")
		}
		if _, _, again := as("GET", "/staff/admin/staff", nil); strings.Contains(again, "Added Ben Cole.") {
			t.Error("the notice shows twice")
		}
		apptest.SignIn(t, ts.URL, "ben@example.org") // the new account signs in
	})

	t.Run("invalid and conflicting input keeps what was typed", func(t *testing.T) {
		form := url.Values{"name": {"  "}, "email": {"not-an-email"}, "role": {"boss"}, "password": {"short pw"}}
		code, _, body := as("POST", "/staff/admin/staff/new", form)
		if code != 400 {
			t.Errorf("invalid: %d", code)
		}
		for _, want := range []string{`href="#staff-name"`, `href="#staff-email"`, `href="#staff-role"`, `href="#staff-password"`,
			`value="not-an-email"`, `id="staff-password-error"`, "at least 12 characters"} {
			if !strings.Contains(body, want) {
				t.Errorf("invalid form lacks %q", want)
			}
		}
		if strings.Contains(body, "short pw") {
			t.Error("the password was shown again")
		}
		form = url.Values{"name": {"Another Ana"}, "email": {"ANA@example.org"}, "role": {"reviewer"}, "password": {"a new secret password"}}
		code, _, body = as("POST", "/staff/admin/staff/new", form)
		if code != 409 || !strings.Contains(body, "already in use") || !strings.Contains(body, `value="Another Ana"`) ||
			!strings.Contains(body, `value="reviewer" selected`) || strings.Contains(body, "a new secret password") {
			t.Errorf("duplicate email: %d", code)
		}
	})

	t.Run("admin changes a role and a name", func(t *testing.T) {
		code, _, body := as("GET", "/staff/admin/staff/"+ana.ID, nil)
		if code != 200 || !strings.Contains(body, `value="Dr clinician"`) || !strings.Contains(body, `id="staff-status-active" checked`) ||
			!strings.Contains(body, "<legend>Status</legend>") {
			t.Fatalf("change form: %d", code)
		}
		form := url.Values{"name": {"Ana Ortiz"}, "role": {"case_manager"}, "status": {"active"}}
		if code, loc, _ := as("POST", "/staff/admin/staff/"+ana.ID, form); code != 303 || loc != "/staff/admin/staff" {
			t.Fatalf("save: %d %q", code, loc)
		}
		if n := apptest.CountRows(t, ts.DB, "staff", "id = '"+ana.ID+"' AND name = 'Ana Ortiz' AND role = 'case_manager'"); n != 1 {
			t.Error("the change was not stored")
		}
	})

	t.Run("stale and invalid changes", func(t *testing.T) {
		if code, _, _ := as("GET", "/staff/admin/staff/no-such-id", nil); code != 404 {
			t.Errorf("unknown id: %d", code)
		}
		if code, _, _ := as("POST", "/staff/admin/staff/no-such-id", url.Values{"name": {"X"}, "role": {"clinician"}, "status": {"active"}}); code != 404 {
			t.Errorf("post to an unknown id: %d", code)
		}
		code, _, body := as("POST", "/staff/admin/staff/"+ana.ID, url.Values{"name": {""}, "role": {"boss"}, "status": {"gone"}})
		if code != 400 || !strings.Contains(body, `href="#staff-status-active"`) || !strings.Contains(body, `href="#staff-name"`) {
			t.Errorf("bad status: %d", code)
		}
		code, _, body = as("POST", "/staff/admin/staff/"+ana.ID, url.Values{"name": {""}, "role": {"boss"}, "status": {"active"}})
		if code != 400 || !strings.Contains(body, `href="#staff-name"`) || !strings.Contains(body, `href="#staff-role"`) {
			t.Errorf("empty name and bad role: %d", code)
		}
		// The admin may not disable themselves, nor step down as the last admin.
		code, _, body = as("POST", "/staff/admin/staff/"+admin.ID, url.Values{"name": {"Dr admin"}, "role": {"admin"}, "status": {"disabled"}})
		if code != 400 || !strings.Contains(body, "You cannot disable your own account") || !strings.Contains(body, `id="staff-status-disabled" checked`) {
			t.Errorf("disable self: %d", code)
		}
		code, _, body = as("POST", "/staff/admin/staff/"+admin.ID, url.Values{"name": {"Dr admin"}, "role": {"clinician"}, "status": {"active"}})
		if code != 400 || !strings.Contains(body, "last active admin") {
			t.Errorf("demote the last admin: %d", code)
		}
		// A form from another site is refused before it reaches the handler.
		req, _ := http.NewRequest("POST", ts.URL+"/staff/admin/staff/"+ana.ID, strings.NewReader("name=X&role=admin&status=active"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 403 {
			t.Errorf("cross-site post: %d", resp.StatusCode)
		}
	})

	t.Run("disabled staff cannot sign in", func(t *testing.T) {
		form := url.Values{"name": {"Front Desk"}, "role": {"front_desk"}, "status": {"disabled"}}
		deskID := deskStaff.ID
		if code, _, _ := as("POST", "/staff/admin/staff/"+deskID, form); code != 303 {
			t.Fatalf("disable: %d", code)
		}
		_, _, list := as("GET", "/staff/admin/staff", nil)
		if !strings.Contains(list, "<strong>Disabled</strong>") {
			t.Error("the list does not show the disabled account")
		}
		code, _, body := apptest.Send(t, apptest.Browser(t), "POST", ts.URL+"/login", url.Values{"email": {"desk@example.org"}, "password": {apptest.Password}})
		if code != 401 || !strings.Contains(body, carepath.AuthFailedMessage) {
			t.Errorf("disabled sign-in: %d", code)
		}
		form.Set("status", "active")
		if code, _, _ := as("POST", "/staff/admin/staff/"+deskID, form); code != 303 {
			t.Fatalf("enable: %d", code)
		}
		apptest.SignIn(t, ts.URL, "desk@example.org")
	})
}

// secretOnPage finds the TOTP secret the enrolment page shows for typing in.
var secretOnPage = regexp.MustCompile(`<code class="secret">([A-Z2-7 ]+)</code>`)

// TestTOTPEnrolmentPages sets up an authenticator app from the page and signs in with it.
func TestTOTPEnrolmentPages(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	apptest.AddStaff(t, st, "ana@example.org", carepath.RoleClinician)
	apptest.AddStaff(t, st, "admin@example.org", carepath.RoleAdmin)
	ana := apptest.SignIn(t, ts.URL, "ana@example.org")

	code, _, body := ana("GET", "/staff/account/totp", nil)
	m := secretOnPage.FindStringSubmatch(body)
	if code != 200 || m == nil || !strings.Contains(body, `src="data:image/png;base64,`) || !strings.Contains(body, `<label for="totp-code">`) {
		t.Fatalf("enrolment page: %d", code)
	}
	secret := strings.ReplaceAll(m[1], " ", "")
	if _, _, again := ana("GET", "/staff/account/totp", nil); !strings.Contains(again, m[1]) {
		t.Error("reloading the page changed the secret")
	}
	if strings.Contains(body, "http://") && strings.Contains(body, "otpauth") {
		t.Error("the page links elsewhere for the QR code")
	}

	// Wrong and malformed codes keep the same secret and name the field.
	for _, c := range []string{"", "12345", "abcdef"} {
		code, _, body := ana("POST", "/staff/account/totp", url.Values{"code": {c}})
		if code != 400 || !strings.Contains(body, `href="#totp-code"`) || !strings.Contains(body, m[1]) {
			t.Errorf("code %q: %d", c, code)
		}
	}
	stale, _ := totp.GenerateCode(secret, time.Now().Add(-5*time.Minute))
	if code, _, _ := ana("POST", "/staff/account/totp", url.Values{"code": {stale}}); code != 400 {
		t.Errorf("stale code: %d", code)
	}
	// Until confirmed, sign-in needs no code.
	apptest.SignIn(t, ts.URL, "ana@example.org")

	now, _ := totp.GenerateCode(secret, time.Now())
	if code, loc, _ := ana("POST", "/staff/account/totp", url.Values{"code": {now[:3] + " " + now[3:]}}); code != 303 || loc != "/staff/account/totp" {
		t.Fatalf("confirm: %d %q", code, loc)
	}
	if _, _, done := ana("GET", "/staff/account/totp", nil); !strings.Contains(done, "Your authenticator app is set up") {
		t.Error("no confirmation after enrolment")
	}

	c := apptest.Browser(t)
	code, _, body = apptest.Send(t, c, "POST", ts.URL+"/login", url.Values{"email": {"ana@example.org"}, "password": {apptest.Password}})
	if code != 401 || !strings.Contains(body, carepath.AuthFailedMessage) {
		t.Errorf("sign-in without a code after enrolment: %d", code)
	}
	next, _ := totp.GenerateCode(secret, time.Now().Add(30*time.Second))
	if code, loc, _ := apptest.Send(t, c, "POST", ts.URL+"/login", url.Values{"email": {"ana@example.org"}, "password": {apptest.Password}, "code": {next}}); code != 303 || loc != "/staff" {
		t.Errorf("sign-in with the code: %d %q", code, loc)
	}
	_, _, list := apptest.SignIn(t, ts.URL, "admin@example.org")("GET", "/staff/admin/staff", nil)
	if !strings.Contains(list, "<td>On</td>") {
		t.Error("the staff list does not show the authenticator app on")
	}
	// A new enrolment says the old app keeps working until it is confirmed.
	if _, _, again := ana("GET", "/staff/account/totp", nil); !strings.Contains(again, "keeps working until you confirm") {
		t.Error("re-enrolment does not say the old app keeps working")
	}
}
