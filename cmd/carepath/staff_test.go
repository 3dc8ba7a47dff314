package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
	"github.com/carepath/carepath/internal/web"
)

const staffPassword = "a long enough password"

// addTestStaff creates a staff member as the command line.
func addTestStaff(t *testing.T, st *store.Store, email string, role carepath.Role) *carepath.Staff {
	t.Helper()
	s := &carepath.Staff{Email: email, Name: "Dr " + string(role), Role: role}
	if err := store.NewStaffService(st).CreateStaff(carepath.NewContext(context.Background(), cliActor()), s, staffPassword); err != nil {
		t.Fatal(err)
	}
	return s
}

// staffBrowser is an HTTP client with a cookie jar that reports redirects instead of following them.
func staffBrowser(t *testing.T) *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// sendForm sends a request and returns the status, the Location header and the body.
func sendForm(t *testing.T, c *http.Client, method, u string, form url.Values) (int, string, string) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, _ := http.NewRequest(method, u, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), string(b)
}

func TestStaffLogin(t *testing.T) {
	ts, st := testServer(t)
	addTestStaff(t, st, "ana@example.org", carepath.RoleClinician)
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
	c := staffBrowser(t)

	// /staff requires a session.
	if code, loc, _ := sendForm(t, c, "GET", ts.URL+"/staff", nil); code != 303 || loc != "/login" {
		t.Fatalf("GET /staff signed out: %d %q", code, loc)
	}
	code, _, body := sendForm(t, c, "GET", ts.URL+"/login", nil)
	if code != 200 || !strings.Contains(body, `<label for="login-email">`) || !strings.Contains(body, `autocomplete="current-password"`) {
		t.Fatalf("login page: %d\n%s", code, body)
	}

	// A wrong password and an unknown account get the same page, with the email kept.
	for _, email := range []string{"ana@example.org", "nobody@example.org"} {
		code, _, body := sendForm(t, c, "POST", ts.URL+"/login", url.Values{"email": {email}, "password": {"wrong password!!"}})
		if code != 401 || !strings.Contains(body, carepath.AuthFailedMessage) || !strings.Contains(body, `value="`+email+`"`) ||
			!strings.Contains(body, `class="error-summary"`) {
			t.Errorf("%s: %d\n%s", email, code, body)
		}
	}

	// The right password signs in; the cookie is HttpOnly and SameSite=Lax.
	req, _ := http.NewRequest("POST", ts.URL+"/login", strings.NewReader(url.Values{"email": {"ANA@example.org"}, "password": {staffPassword}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/staff" {
		t.Fatalf("sign in: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	cookie := resp.Header.Get("Set-Cookie")
	for _, want := range []string{"carepath_session=", "HttpOnly", "SameSite=Lax"} {
		if !strings.Contains(cookie, want) {
			t.Errorf("cookie %q lacks %s", cookie, want)
		}
	}
	if strings.Contains(cookie, "Secure") {
		t.Errorf("cookie over plain HTTP is Secure: %q", cookie)
	}
	code, _, body = sendForm(t, c, "GET", ts.URL+"/staff", nil)
	if code != 200 || !strings.Contains(body, "Signed in as <strong>Dr clinician</strong>") {
		t.Fatalf("staff home: %d\n%s", code, body)
	}
	crisis, newest := strings.Index(body, "Quiet Crisis"), strings.Index(body, "Newest Request")
	if crisis < 0 || newest < 0 || crisis > newest || !strings.Contains(body, "CRISIS — same-day review") {
		t.Errorf("queue is not crisis first:\n%s", body)
	}
	if n := countTableRows(t, st, "audit_log", "action = 'intake.list' AND role = 'clinician'"); n != 2 {
		t.Errorf("%d intake.list audit rows as the clinician, want 2", n)
	}

	// Sign out ends the session.
	if code, loc, _ := sendForm(t, c, "POST", ts.URL+"/logout", url.Values{}); code != 303 || loc != "/login" {
		t.Fatalf("logout: %d %q", code, loc)
	}
	if code, loc, _ := sendForm(t, c, "GET", ts.URL+"/staff", nil); code != 303 || loc != "/login" {
		t.Errorf("GET /staff after sign-out: %d %q", code, loc)
	}
	if n := countTableRows(t, st, "sessions", "1=1"); n != 0 {
		t.Errorf("%d sessions left after sign-out", n)
	}
}

func TestStaffLockout(t *testing.T) {
	ts, st := testServer(t)
	addTestStaff(t, st, "ana@example.org", carepath.RoleFrontDesk)
	c := staffBrowser(t)
	for range store.LockoutAccount {
		sendForm(t, c, "POST", ts.URL+"/login", url.Values{"email": {"ana@example.org"}, "password": {"not the password"}})
	}
	code, _, body := sendForm(t, c, "POST", ts.URL+"/login", url.Values{"email": {"ana@example.org"}, "password": {staffPassword}})
	if code != 401 || !strings.Contains(body, carepath.AuthFailedMessage) {
		t.Errorf("locked account: %d\n%s", code, body)
	}
}

func TestIntakesAPI(t *testing.T) {
	ts, st := testServer(t)
	addTestStaff(t, st, "ana@example.org", carepath.RoleClinician)
	addTestStaff(t, st, "rev@example.org", carepath.RoleReviewer)
	svc := store.NewStaffService(st)
	cli := carepath.NewContext(context.Background(), cliActor())
	tok, err := svc.CreateToken(cli, "ana@example.org")
	if err != nil {
		t.Fatal(err)
	}
	revTok, _ := svc.CreateToken(cli, "rev@example.org")
	revoked, _ := svc.CreateToken(cli, "ana@example.org")
	if err := svc.RevokeToken(cli, revoked); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, auth string
		status     int
	}{
		{"no token", "", 401},
		{"not bearer", "Basic " + tok, 401},
		{"wrong token", "Bearer cp_wrong", 401},
		{"revoked", "Bearer " + revoked, 401},
		{"reviewer", "Bearer " + revTok, 403},
		{"clinician", "Bearer " + tok, 200},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest("GET", ts.URL+"/api/v1/intakes", nil)
			if tt.auth != "" {
				req.Header.Set("Authorization", tt.auth)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.status, b)
			}
			if tt.status == 401 && resp.Header.Get("WWW-Authenticate") == "" {
				t.Error("401 without WWW-Authenticate")
			}
			if tt.status == 200 {
				var list []carepath.Intake
				if err := json.Unmarshal(b, &list); err != nil || list == nil {
					t.Errorf("body %s: %v", b, err)
				}
			}
		})
	}
}

func TestUserAndTokenCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cli.db")
	run := func(stdin string, args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		code := run(args, strings.NewReader(stdin), &stdout, &stderr)
		return code, stdout.String(), stderr.String()
	}
	code, out, errOut := run(staffPassword+"\n", "user", "add", "--db", db, "--email", "Ana@Example.org", "--name", "Ana Diaz", "--role", "clinician", "--password-stdin")
	id := strings.TrimSpace(out)
	if code != 0 || len(id) != 36 {
		t.Fatalf("user add: %d %q %q", code, out, errOut)
	}
	if code, _, errOut := run("short\n", "user", "add", "--db", db, "--email", "b@example.org", "--name", "B", "--role", "boss", "--password-stdin"); code != 2 ||
		!strings.Contains(errOut, "--role") || !strings.Contains(errOut, "--password") {
		t.Errorf("bad user add: %d %q", code, errOut)
	}
	if code, out, _ := run("", "user", "list", "--db", db); code != 0 || !strings.Contains(out, id) || !strings.Contains(out, "ana@example.org") {
		t.Errorf("user list: %d %q", code, out)
	}
	code, tok, errOut := run("", "token", "add", "--db", db, "--email", "ana@example.org")
	tok = strings.TrimSpace(tok)
	if code != 0 || !strings.HasPrefix(tok, "cp_") {
		t.Fatalf("token add: %d %q %q", code, tok, errOut)
	}
	d, err := app.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	st := d.Store
	pub := carepath.NewContext(context.Background(), carepath.Actor{ID: "public", Role: carepath.RolePublic})
	if s, err := store.NewStaffService(st).AuthenticateToken(pub, tok); err != nil || s.ID != id {
		t.Errorf("token from the CLI: %v, %v", s, err)
	}
	if code, _, errOut := run("", "token", "revoke", "--db", db, "--token", tok); code != 0 {
		t.Fatalf("token revoke: %d %q", code, errOut)
	}
	if _, err := store.NewStaffService(st).AuthenticateToken(pub, tok); err == nil {
		t.Error("revoked token still works")
	}
	if code, out, _ := run("", "user", "totp", "--db", db, "--email", "ana@example.org"); code != 0 || !strings.Contains(out, "otpauth://totp/") {
		t.Errorf("user totp: %d %q", code, out)
	}
}

func TestSQLSessionStore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		s := store.NewSignInSessionStore(env.Store)
		ctx := context.Background()
		if err := s.CommitCtx(ctx, "tok1", []byte("one"), time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := s.CommitCtx(ctx, "tok1", []byte("two"), time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if b, ok, err := s.FindCtx(ctx, "tok1"); err != nil || !ok || string(b) != "two" {
			t.Errorf("find: %q %v %v", b, ok, err)
		}
		if err := s.CommitCtx(ctx, "old", []byte("x"), time.Now().Add(-time.Second)); err != nil {
			t.Fatal(err)
		}
		if _, ok, err := s.FindCtx(ctx, "old"); ok || err != nil {
			t.Errorf("expired session found: %v %v", ok, err)
		}
		if err := s.DeleteCtx(ctx, "tok1"); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := s.FindCtx(ctx, "tok1"); ok {
			t.Error("deleted session found")
		}
		if err := s.DeleteCtx(ctx, "never"); err != nil {
			t.Errorf("delete unknown: %v", err)
		}
	})
}

// countTableRows counts the rows of a table matching where.
func countTableRows(t *testing.T, st *store.Store, table, where string) int {
	t.Helper()
	var n int
	if err := st.WriteDB().QueryRow("SELECT count(*) FROM " + table + " WHERE " + where).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestStaffSessionTLS checks that over TLS the session cookie is Secure, and that a session
// is stored to end after the idle timeout (15 minutes) rather than at the lifetime.
func TestStaffSessionTLS(t *testing.T) {
	ts := apptest.StartWith(t, apptest.Options{TLS: true})
	st := ts.Store
	addTestStaff(t, st, "ana@example.org", carepath.RoleAdmin)
	c := ts.Client()
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	before := time.Now()
	resp, err := c.PostForm(ts.URL+"/login", url.Values{"email": {"ana@example.org"}, "password": {staffPassword}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 303 {
		t.Fatalf("sign in over TLS: %d", resp.StatusCode)
	}
	if cookie := resp.Header.Get("Set-Cookie"); !strings.Contains(cookie, "; Secure") || !strings.Contains(cookie, "HttpOnly") {
		t.Errorf("cookie over TLS: %q", cookie)
	}
	var expiry time.Time
	if err := st.WriteDB().QueryRow(`SELECT expiry FROM sessions`).Scan(&expiry); err != nil {
		t.Fatal(err)
	}
	if idle := expiry.Sub(before); idle < web.DefaultSessionIdle-time.Minute || idle > web.DefaultSessionIdle+time.Minute {
		t.Errorf("session ends %v after sign-in, want about %v", idle, web.DefaultSessionIdle)
	}
}

// TestStaffHomeDenied checks that a role the policy keeps from the intake queue sees the home
// page without it, and that the refusal is audited.
func TestStaffHomeDenied(t *testing.T) {
	ts, st := testServer(t)
	addTestStaff(t, st, "rev@example.org", carepath.RoleReviewer)
	c := staffBrowser(t)
	if code, loc, _ := sendForm(t, c, "POST", ts.URL+"/login", url.Values{"email": {"rev@example.org"}, "password": {staffPassword}}); code != 303 || loc != "/staff" {
		t.Fatalf("sign in: %d %q", code, loc)
	}
	code, _, body := sendForm(t, c, "GET", ts.URL+"/staff", nil)
	if code != 200 || !strings.Contains(body, "does not give access to the intake queue") {
		t.Errorf("reviewer home: %d\n%s", code, body)
	}
	if n := countTableRows(t, st, "audit_log", "action = 'intake.list' AND role = 'reviewer' AND NOT allowed"); n != 1 {
		t.Errorf("%d denied intake.list rows, want 1", n)
	}
}

// TestStaffSessionIdle checks that a session ends after the idle timeout: the stored session
// is found while fresh and not once its expiry has passed.
func TestStaffSessionIdle(t *testing.T) {
	ts := apptest.StartWith(t, apptest.Options{SessionIdle: time.Minute})
	st := ts.Store
	addTestStaff(t, st, "ana@example.org", carepath.RoleClinician)
	c := staffBrowser(t)
	if code, _, _ := sendForm(t, c, "POST", ts.URL+"/login", url.Values{"email": {"ana@example.org"}, "password": {staffPassword}}); code != 303 {
		t.Fatalf("sign in: %d", code)
	}
	if code, _, _ := sendForm(t, c, "GET", ts.URL+"/staff", nil); code != 200 {
		t.Fatalf("fresh session: %d", code)
	}
	var expiry time.Time
	if err := st.WriteDB().QueryRow(`SELECT expiry FROM sessions`).Scan(&expiry); err != nil {
		t.Fatal(err)
	}
	if d := time.Until(expiry); d > time.Minute+5*time.Second || d < 30*time.Second {
		t.Errorf("session expires in %v, want about the 1-minute idle timeout", d)
	}
	// Age the session past its idle timeout, as if a minute had passed without a request.
	if _, err := st.WriteDB().Exec(`UPDATE sessions SET expiry = $1`, time.Now().Add(-time.Second).UTC()); err != nil {
		t.Fatal(err)
	}
	if code, loc, _ := sendForm(t, c, "GET", ts.URL+"/staff", nil); code != 303 || loc != "/login" {
		t.Errorf("idle session still signed in: %d %q", code, loc)
	}
}
