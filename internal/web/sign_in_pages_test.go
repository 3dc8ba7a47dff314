package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/web"
)

func TestStaffLogin(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	apptest.AddStaff(t, st, "ana@example.org", carepath.RoleClinician)
	intakes := store.NewIntakeService(st)
	pub := carepath.NewContext(context.Background(), carepath.Actor{ID: "public", Role: carepath.RolePublic, Remote: "192.0.2.1"})
	for _, in := range []*carepath.Intake{
		{Name: "Quiet Crisis", Phone: "555-010-1111", Consent: true, Profile: json.RawMessage(`{}`), Level: carepath.LevelPHP, Crisis: true},
		{Name: "Newest Request", Email: "n@example.org", Consent: true, Profile: json.RawMessage(`{}`), Level: carepath.LevelIOP},
	} {
		if err := intakes.CreateIntake(pub, in); err != nil {
			t.Fatal(err)
		}
	}
	c := apptest.Browser(t)

	// /staff requires a session.
	if code, loc, _ := apptest.Send(t, c, "GET", ts.URL+"/staff", nil); code != 303 || loc != "/login" {
		t.Fatalf("GET /staff signed out: %d %q", code, loc)
	}
	code, _, body := apptest.Send(t, c, "GET", ts.URL+"/login", nil)
	if code != 200 || !strings.Contains(body, `<label for="login-email">`) || !strings.Contains(body, `autocomplete="current-password"`) {
		t.Fatalf("login page: %d\n%s", code, body)
	}

	// A wrong password and an unknown account get the same page, with the email kept.
	for _, email := range []string{"ana@example.org", "nobody@example.org"} {
		code, _, body := apptest.Send(t, c, "POST", ts.URL+"/login", url.Values{"email": {email}, "password": {"wrong password!!"}})
		if code != 401 || !strings.Contains(body, carepath.AuthFailedMessage) || !strings.Contains(body, `value="`+email+`"`) ||
			!strings.Contains(body, `class="error-summary"`) {
			t.Errorf("%s: %d\n%s", email, code, body)
		}
	}

	// The right password signs in; the cookie is HttpOnly and SameSite=Lax.
	req, _ := http.NewRequest("POST", ts.URL+"/login", strings.NewReader(url.Values{"email": {"ANA@example.org"}, "password": {apptest.Password}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/staff" {
		t.Fatalf("sign in: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	cookie := ""
	for _, c := range resp.Header.Values("Set-Cookie") {
		if strings.HasPrefix(c, "carepath_session=") {
			cookie = c
		}
	}
	for _, want := range []string{"carepath_session=", "HttpOnly", "SameSite=Lax"} {
		if !strings.Contains(cookie, want) {
			t.Errorf("cookie %q lacks %s", cookie, want)
		}
	}
	if strings.Contains(cookie, "Secure") {
		t.Errorf("cookie over plain HTTP is Secure: %q", cookie)
	}
	code, _, body = apptest.Send(t, c, "GET", ts.URL+"/staff", nil)
	if code != 200 || !strings.Contains(body, "Signed in as <strong>Dr clinician</strong>") {
		t.Fatalf("staff home: %d\n%s", code, body)
	}
	// The home counts the queue's open requests as the queue lists them, the flagged first.
	if !strings.Contains(body, "1 open request flagged CRISIS — same-day review") || !strings.Contains(body, `id="intakes-new">2 new</a>`) {
		t.Errorf("home's intake counts:\n%s", body)
	}
	// One row per request listed as new (two), and one for the empty list of contacted ones.
	if n := apptest.CountRows(t, ts.DB, "audit_log", "action = 'intake.list' AND role = 'clinician'"); n != 3 {
		t.Errorf("%d intake.list audit rows as the clinician, want 3", n)
	}

	// Sign out ends the session.
	if code, loc, _ := apptest.Send(t, c, "POST", ts.URL+"/logout", url.Values{}); code != 303 || loc != "/login" {
		t.Fatalf("logout: %d %q", code, loc)
	}
	if code, loc, _ := apptest.Send(t, c, "GET", ts.URL+"/staff", nil); code != 303 || loc != "/login" {
		t.Errorf("GET /staff after sign-out: %d %q", code, loc)
	}
	if n := apptest.CountRows(t, ts.DB, "sessions", "1=1"); n != 0 {
		t.Errorf("%d sessions left after sign-out", n)
	}
}

func TestStaffLockout(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	apptest.AddStaff(t, st, "ana@example.org", carepath.RoleFrontDesk)
	c := apptest.Browser(t)
	for range store.LockoutAccount {
		apptest.Send(t, c, "POST", ts.URL+"/login", url.Values{"email": {"ana@example.org"}, "password": {"not the password"}})
	}
	code, _, body := apptest.Send(t, c, "POST", ts.URL+"/login", url.Values{"email": {"ana@example.org"}, "password": {apptest.Password}})
	if code != 401 || !strings.Contains(body, carepath.AuthFailedMessage) {
		t.Errorf("locked account: %d\n%s", code, body)
	}
}

// TestStaffSessionTLS checks that over TLS the session cookie is Secure, and that a session
// is stored to end after the idle timeout (15 minutes) rather than at the lifetime.
func TestStaffSessionTLS(t *testing.T) {
	t.Parallel()
	ts := apptest.StartWith(t, apptest.Options{TLS: true})
	st := ts.Store
	apptest.AddStaff(t, st, "ana@example.org", carepath.RoleAdmin)
	c := ts.Client()
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	before := time.Now()
	resp, err := c.PostForm(ts.URL+"/login", url.Values{"email": {"ana@example.org"}, "password": {apptest.Password}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 303 {
		t.Fatalf("sign in over TLS: %d", resp.StatusCode)
	}
	cookies := resp.Header.Values("Set-Cookie")
	if len(cookies) == 0 {
		t.Error("no cookie over TLS")
	}
	for _, cookie := range cookies {
		if !strings.HasPrefix(cookie, "__Host-") || !strings.Contains(cookie, "; Secure") || !strings.Contains(cookie, "HttpOnly") {
			t.Errorf("cookie over TLS: %q", cookie)
		}
	}
	if hsts := resp.Header.Get("Strict-Transport-Security"); !strings.HasPrefix(hsts, "max-age=") {
		t.Errorf("HSTS over TLS: %q", hsts)
	}
	var expiry time.Time
	if err := ts.DB.QueryRow(`SELECT expiry FROM sessions`).Scan(&expiry); err != nil {
		t.Fatal(err)
	}
	if idle := expiry.Sub(before); idle < web.DefaultSignInIdle-time.Minute || idle > web.DefaultSignInIdle+time.Minute {
		t.Errorf("session ends %v after sign-in, want about %v", idle, web.DefaultSignInIdle)
	}
}

// TestStaffHomeDenied checks that a role the policy keeps from the intake queue sees the home
// page without it, and that the refusal is audited.
func TestStaffHomeDenied(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	apptest.AddStaff(t, st, "rev@example.org", carepath.RoleReviewer)
	c := apptest.Browser(t)
	if code, loc, _ := apptest.Send(t, c, "POST", ts.URL+"/login", url.Values{"email": {"rev@example.org"}, "password": {apptest.Password}}); code != 303 || loc != "/staff" {
		t.Fatalf("sign in: %d %q", code, loc)
	}
	code, _, body := apptest.Send(t, c, "GET", ts.URL+"/staff", nil)
	if code != 200 || !strings.Contains(body, "does not give access to the intake queue") {
		t.Errorf("reviewer home: %d\n%s", code, body)
	}
	if n := apptest.CountRows(t, ts.DB, "audit_log", "action = 'intake.list' AND role = 'reviewer' AND NOT allowed"); n != 1 {
		t.Errorf("%d denied intake.list rows, want 1", n)
	}
}

// TestStaffSignInIdle checks that a session ends after the idle timeout: the stored session
// is found while fresh and not once its expiry has passed.
func TestStaffSignInIdle(t *testing.T) {
	t.Parallel()
	ts := apptest.StartWith(t, apptest.Options{SignInIdle: time.Minute})
	st := ts.Store
	apptest.AddStaff(t, st, "ana@example.org", carepath.RoleClinician)
	c := apptest.Browser(t)
	if code, _, _ := apptest.Send(t, c, "POST", ts.URL+"/login", url.Values{"email": {"ana@example.org"}, "password": {apptest.Password}}); code != 303 {
		t.Fatalf("sign in: %d", code)
	}
	if code, _, _ := apptest.Send(t, c, "GET", ts.URL+"/staff", nil); code != 200 {
		t.Fatalf("fresh session: %d", code)
	}
	var expiry time.Time
	if err := ts.DB.QueryRow(`SELECT expiry FROM sessions`).Scan(&expiry); err != nil {
		t.Fatal(err)
	}
	if d := time.Until(expiry); d > time.Minute+5*time.Second || d < 30*time.Second {
		t.Errorf("session expires in %v, want about the 1-minute idle timeout", d)
	}
	// Age the session past its idle timeout, as if a minute had passed without a request.
	if _, err := ts.DB.Exec(`UPDATE sessions SET expiry = $1`, time.Now().Add(-time.Second).UTC()); err != nil {
		t.Fatal(err)
	}
	if code, loc, _ := apptest.Send(t, c, "GET", ts.URL+"/staff", nil); code != 303 || loc != "/login" {
		t.Errorf("idle session still signed in: %d %q", code, loc)
	}
}
