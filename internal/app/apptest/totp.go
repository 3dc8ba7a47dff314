package apptest

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

// TOTPSetupPath is the page that sets up an authenticator app; an admin without one is sent
// there before any other page.
const TOTPSetupPath = "/staff/account/totp"

// totpKeys holds the authenticator keys EnrolTOTP set up, by server and email, and the last
// 30-second step a code was made for (a code is good once).
var totpKeys = struct {
	sync.Mutex
	m map[string]*totpKey
}{m: map[string]*totpKey{}}

type totpKey struct {
	secret string
	step   int64
}

// secretOnPage finds the key the set-up page shows (in groups of four letters).
var secretOnPage = regexp.MustCompile(`<code class="secret">([A-Z2-7 ]+)</code>`)

// EnrolTOTP sets up an authenticator app for the signed-in staff member of c as a person does:
// it opens the set-up page, reads the key it shows and sends a code of it. The key is kept for
// TOTPCode.
func EnrolTOTP(t testing.TB, c *http.Client, base, email string) {
	t.Helper()
	EnrolTOTPAs(t, func(method, path string, form url.Values) (int, string, string) {
		t.Helper()
		return Send(t, c, method, base+path, form)
	}, base, email)
}

// EnrolTOTPAs is EnrolTOTP through a signed-in staff member's send function.
func EnrolTOTPAs(t testing.TB, send SignedIn, base, email string) {
	t.Helper()
	code, _, body := send("GET", TOTPSetupPath, nil)
	m := secretOnPage.FindStringSubmatch(body)
	if code != 200 || m == nil {
		t.Fatalf("set-up page for %s: %d, no key", email, code)
	}
	secret := strings.ReplaceAll(html.UnescapeString(m[1]), " ", "")
	RememberTOTP(base, email, secret)
	if code, _, body := send("POST", TOTPSetupPath, url.Values{"code": {TOTPCode(base, email)}}); code != 303 {
		t.Fatalf("set up an authenticator app for %s: %d %s", email, code, body)
	}
}

// RememberTOTP keeps the key of email's authenticator app at the server at base.
func RememberTOTP(base, email, secret string) {
	totpKeys.Lock()
	defer totpKeys.Unlock()
	totpKeys.m[base+"|"+email] = &totpKey{secret: secret}
}

// TOTPCode returns a fresh code of the authenticator app EnrolTOTP set up for email at the
// server at base, "" when there is none. Each call gives a code of a later 30-second step
// than the last (now, or the next step, where the server still accepts it), waiting for the
// clock when both are used.
func TOTPCode(base, email string) string {
	totpKeys.Lock()
	defer totpKeys.Unlock()
	k := totpKeys.m[base+"|"+email]
	if k == nil {
		return ""
	}
	now := time.Now()
	step := now.Unix() / 30
	if step <= k.step {
		step = k.step + 1
	}
	if step > now.Unix()/30+1 {
		time.Sleep(time.Until(time.Unix((step-1)*30, 0)))
	}
	k.step = step
	code, err := totp.GenerateCodeCustom(k.secret, time.Unix(step*30, 0), totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		return ""
	}
	return code
}
