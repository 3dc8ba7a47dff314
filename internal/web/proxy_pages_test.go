package web_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// sendFrom sends a form as a browser behind the test's proxy (127.0.0.1) that names the
// client's address in X-Forwarded-For (and the scheme in X-Forwarded-Proto, when given).
func sendFrom(t *testing.T, c *http.Client, client, proto, method, u string, form url.Values) *http.Response {
	t.Helper()
	var body *strings.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	} else {
		body = strings.NewReader("")
	}
	req, _ := http.NewRequest(method, u, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.Header.Set("X-Forwarded-For", client)
	if proto != "" {
		req.Header.Set("X-Forwarded-Proto", proto)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

// TestProxyAddressDoesNotLockOutEveryone puts carepath behind a trusted proxy (every request
// comes from its address, 127.0.0.1): twenty failed sign-ins from people behind it do not
// refuse a staff member signing in from another address, and the audit log names the real
// client, not the proxy.
func TestProxyAddressDoesNotLockOutEveryone(t *testing.T) {
	t.Parallel()
	ts := apptest.StartWith(t, apptest.Options{TrustedProxies: "127.0.0.1/32"})
	apptest.AddStaff(t, ts.Store, "ana@example.org", carepath.RoleClinician)
	c := apptest.Browser(t)
	for i := range 20 {
		resp := sendFrom(t, c, fmt.Sprintf("198.51.100.%d", 10+i), "", "POST", ts.URL+"/login",
			url.Values{"email": {fmt.Sprintf("guess%d@example.org", i)}, "password": {"not the password"}})
		if resp.StatusCode != 401 {
			t.Fatalf("failed sign-in %d: %d", i, resp.StatusCode)
		}
	}
	if resp := sendFrom(t, c, "203.0.113.50", "", "POST", ts.URL+"/login",
		url.Values{"email": {"ana@example.org"}, "password": {apptest.Password}}); resp.StatusCode != 303 {
		t.Fatalf("a staff member behind the same proxy was refused: %d", resp.StatusCode)
	}
	var proxyRows, clientRows int
	if err := ts.DB.QueryRow(`SELECT count(*) FROM audit_log WHERE remote = '127.0.0.1'`).Scan(&proxyRows); err != nil {
		t.Fatal(err)
	}
	if err := ts.DB.QueryRow(`SELECT count(*) FROM audit_log WHERE remote = '203.0.113.50' AND action = 'staff.login' AND allowed`).Scan(&clientRows); err != nil {
		t.Fatal(err)
	}
	if proxyRows != 0 || clientRows != 1 {
		t.Errorf("audit rows under the proxy's address %d, under the client's %d", proxyRows, clientRows)
	}
}

// TestSpoofedForwardedForIsIgnored sends X-Forwarded-For to a server that trusts no proxy:
// the audit log keeps the real peer, so a client cannot pick the address it is counted under.
func TestSpoofedForwardedForIsIgnored(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	c := apptest.Browser(t)
	sendFrom(t, c, "203.0.113.77", "https", "POST", ts.URL+"/login",
		url.Values{"email": {"nobody@example.org"}, "password": {"not the password"}})
	var spoofed, real int
	ts.DB.QueryRow(`SELECT count(*) FROM audit_log WHERE remote = '203.0.113.77'`).Scan(&spoofed)
	ts.DB.QueryRow(`SELECT count(*) FROM audit_log WHERE remote = '127.0.0.1' AND action = 'staff.login'`).Scan(&real)
	if spoofed != 0 || real != 1 {
		t.Errorf("rows under the spoofed address %d, under the peer %d", spoofed, real)
	}
	resp := sendFrom(t, c, "203.0.113.77", "https", "GET", ts.URL+"/login", nil)
	if resp.Header.Get("Strict-Transport-Security") != "" {
		t.Error("HSTS sent to a plain-HTTP client that claimed https")
	}
}

// TestThrottledAddressStillSignsIn fails ThrottleAfter sign-ins from one address: the right
// password from that address still signs in (slowed, not refused), and another address is not
// slowed at all.
func TestThrottledAddressStillSignsIn(t *testing.T) {
	t.Parallel()
	ts := apptest.StartWith(t, apptest.Options{TrustedProxies: "127.0.0.1/32"})
	apptest.AddStaff(t, ts.Store, "ana@example.org", carepath.RoleClinician)
	apptest.AddStaff(t, ts.Store, "ben@example.org", carepath.RoleClinician)
	c := apptest.Browser(t)
	for i := range store.ThrottleAfter {
		sendFrom(t, c, "198.51.100.1", "", "POST", ts.URL+"/login",
			url.Values{"email": {fmt.Sprintf("guess%d@example.org", i)}, "password": {"not the password"}})
	}
	if resp := sendFrom(t, c, "198.51.100.1", "", "POST", ts.URL+"/login",
		url.Values{"email": {"ana@example.org"}, "password": {apptest.Password}}); resp.StatusCode != 303 {
		t.Errorf("the right password from a throttled address: %d", resp.StatusCode)
	}
	if resp := sendFrom(t, apptest.Browser(t), "198.51.100.2", "", "POST", ts.URL+"/login",
		url.Values{"email": {"ben@example.org"}, "password": {apptest.Password}}); resp.StatusCode != 303 {
		t.Errorf("another address: %d", resp.StatusCode)
	}
}

// TestSecureCookieBehindProxy signs in through a trusted TLS-terminating proxy: the session
// cookie is __Host- and Secure, HSTS is sent, and the calendar feed's address is https.
func TestSecureCookieBehindProxy(t *testing.T) {
	t.Parallel()
	ts := apptest.StartWith(t, apptest.Options{TrustedProxies: "127.0.0.1/32"})
	apptest.AddStaff(t, ts.Store, "ana@example.org", carepath.RoleClinician)
	c := apptest.Browser(t)
	resp := sendFrom(t, c, "198.51.100.1", "https", "POST", ts.URL+"/login",
		url.Values{"email": {"ana@example.org"}, "password": {apptest.Password}})
	cookies := resp.Header.Values("Set-Cookie")
	session := ""
	for _, c := range cookies {
		if strings.HasPrefix(c, "__Host-carepath_session=") {
			session = c
		}
	}
	if resp.StatusCode != 303 || session == "" {
		t.Fatalf("sign-in behind the proxy: %d, cookies %q", resp.StatusCode, cookies)
	}
	for _, cookie := range cookies {
		if !strings.HasPrefix(cookie, "__Host-") || !strings.Contains(cookie, "; Secure") ||
			!strings.Contains(cookie, "Path=/") || strings.Contains(cookie, "Domain=") {
			t.Errorf("cookie behind the proxy: %q", cookie)
		}
	}
	if hsts := resp.Header.Get("Strict-Transport-Security"); !strings.HasPrefix(hsts, "max-age=") {
		t.Errorf("HSTS %q", hsts)
	}
	// The cookie jar keeps a Secure cookie only for https URLs; send it by hand.
	name, value, _ := strings.Cut(strings.Split(session, ";")[0], "=")
	req, _ := http.NewRequest("POST", ts.URL+"/staff/account/calendar", strings.NewReader("action=create"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", "198.51.100.1")
	req.Header.Set("X-Forwarded-Proto", "https")
	req.AddCookie(&http.Cookie{Name: name, Value: value})
	r2, err := apptest.NoRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer r2.Body.Close()
	raw, _ := io.ReadAll(r2.Body)
	page := string(raw)
	host := strings.TrimPrefix(ts.URL, "http://")
	if r2.StatusCode != 200 || !strings.Contains(page, `value="https://`+host+`/calendar/`) || strings.Contains(page, "http://"+host) {
		t.Errorf("feed page behind the TLS proxy: %d\n%s", r2.StatusCode, clip(page, 3000))
	}
}

// TestLinksUseBaseURL sets the base URL: the calendar feed's address starts with it, not
// with the request's host.
func TestLinksUseBaseURL(t *testing.T) {
	t.Parallel()
	ts := apptest.StartWith(t, apptest.Options{Config: app.Config{BaseURL: "https://care.example.org"}})
	apptest.AddStaff(t, ts.Store, "ana@example.org", carepath.RoleClinician)
	ana := apptest.SignIn(t, ts.URL, "ana@example.org")
	code, _, page := ana("POST", "/staff/account/calendar", url.Values{"action": {"create"}})
	if code != 200 || !strings.Contains(page, `value="https://care.example.org/calendar/`) || !strings.Contains(page, `href="webcal://care.example.org/calendar/`) {
		t.Errorf("feed page: %d\n%s", code, clip(page, 3000))
	}
}

// TestAnswerLinkLimiterUsesRealClient exhausts the answer pages' limit from one client
// behind the proxy: that client is refused, another behind the same proxy is not.
func TestAnswerLinkLimiterUsesRealClient(t *testing.T) {
	t.Parallel()
	ts := apptest.StartWith(t, apptest.Options{TrustedProxies: "127.0.0.1/32"})
	c := apptest.Browser(t)
	deadline := time.Now().Add(30 * time.Second)
	limited := false
	for i := 0; i < 100 && time.Now().Before(deadline); i++ {
		if resp := sendFrom(t, c, "198.51.100.1", "", "GET", ts.URL+"/m/not-a-token", nil); resp.StatusCode == 429 {
			limited = true
			break
		}
	}
	if !limited {
		t.Fatal("the answer pages were never rate limited")
	}
	if resp := sendFrom(t, c, "198.51.100.2", "", "GET", ts.URL+"/m/not-a-token", nil); resp.StatusCode == 429 {
		t.Error("another client behind the same proxy was limited too")
	}
}

// TestLargeFormBodyRefused posts 10 MB to the sign-in form: 413 with a page that says why,
// and no sign-in is attempted (no audit row).
func TestLargeFormBodyRefused(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	form := url.Values{"email": {"ana@example.org"}, "password": {strings.Repeat("x", 10<<20)}}
	code, _, page := apptest.Send(t, apptest.Browser(t), "POST", ts.URL+"/login", form)
	if code != 413 || !strings.Contains(page, "larger than this form accepts") {
		t.Errorf("10 MB form: %d\n%s", code, clip(page, 2000))
	}
	var rows int
	ts.DB.QueryRow(`SELECT count(*) FROM audit_log WHERE action = 'staff.login'`).Scan(&rows)
	if rows != 0 {
		t.Errorf("%d sign-in rows for a refused body", rows)
	}
}

// TestPublicIntakeFormIsRateLimited posts the public intake form from one client behind the
// proxy until it is refused (429), while another client behind the same proxy still gets
// through.
func TestPublicIntakeFormIsRateLimited(t *testing.T) {
	t.Parallel()
	ts := apptest.StartWith(t, apptest.Options{TrustedProxies: "127.0.0.1/32"})
	c := apptest.Browser(t)
	limited := false
	for i := 0; i < 20 && !limited; i++ {
		limited = sendFrom(t, c, "198.51.100.1", "", "POST", ts.URL+"/aid/intake", url.Values{}).StatusCode == 429
	}
	if !limited {
		t.Fatal("the intake form was never rate limited")
	}
	if resp := sendFrom(t, c, "198.51.100.2", "", "POST", ts.URL+"/aid/intake", url.Values{}); resp.StatusCode == 429 {
		t.Error("another client was limited too")
	}
	limited = false
	for i := 0; i < 60 && !limited; i++ {
		limited = sendFrom(t, c, "198.51.100.3", "", "GET", ts.URL+"/calendar/nothing.ics", nil).StatusCode == 429
	}
	if !limited {
		t.Error("opening calendar feeds was never rate limited")
	}
}
