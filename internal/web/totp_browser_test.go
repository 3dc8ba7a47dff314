package web_test

import (
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/chromedp/chromedp"
)

// TestBrowserAdminMustSetUpTOTP: an admin without an authenticator app signs in and lands on
// the set-up page, which says why; opening another page goes back there; a wrong code is
// named next to its field; the right one lets the admin in; replacing the app asks for the
// password and a code of the current app. axe-core runs on the set-up page, with its error,
// and on the replacement form.
func TestBrowserAdminMustSetUpTOTP(t *testing.T) {
	t.Parallel()
	axe := loadAxe(t)
	b := newBrowser(t)
	apptest.AddStaff(t, b.srv.Store, "admin@example.org", carepath.RoleAdmin)

	b.open("/login")
	b.typeInto("login-email", "admin@example.org")
	b.typeInto("login-password", apptest.Password)
	b.navigate("sign in as the admin", 200, chromedp.Click(chromedp.CSS(`form[action="/login"] button[type=submit]`)))
	if p := b.path(); p != apptest.TOTPSetupPath {
		t.Fatalf("an admin without an app landed on %s", p)
	}
	if got := js[string](b, `document.querySelector('main').textContent`); !strings.Contains(got, "Admins must use an authenticator app") {
		t.Errorf("the set-up page does not say why: %q", clip(got, 300))
	}
	b.axeCheck("set-up page of an admin", axe)
	b.open("/staff/audit")
	if p := b.path(); p != apptest.TOTPSetupPath {
		t.Errorf("the audit log opened before the set-up: %s", p)
	}

	b.typeInto("totp-code", "000000")
	b.navigate("send a wrong code", 400, chromedp.Click(chromedp.CSS(`form[action="/staff/account/totp"] button[type=submit]`)))
	if got := js[string](b, `document.getElementById('totp-code-error') ? document.getElementById('totp-code-error').textContent : ''`); got == "" {
		t.Error("a wrong code is not named next to its field")
	}
	b.axeCheck("set-up page with a wrong code", axe)
	b.enrolTOTP("admin@example.org")
	b.open("/staff/audit")
	if p := b.path(); p != "/staff/audit" {
		t.Errorf("after the set-up the audit log is %s", p)
	}

	// Replacing the app asks who it is.
	b.open(apptest.TOTPSetupPath)
	if !js[bool](b, `!!document.getElementById('totp-password') && !!document.getElementById('totp-current-code')`) {
		t.Fatal("the replacement form does not ask for the password and the current code")
	}
	b.axeCheck("replacement form", axe)
	b.typeInto("totp-code", "123456")
	b.navigate("replace without the password", 400, chromedp.Click(chromedp.CSS(`form[action="/staff/account/totp"] button[type=submit]`)))
	if !js[bool](b, `!!document.getElementById('totp-password-error') && !!document.getElementById('totp-current-code-error')`) {
		t.Error("the missing password and current code are not named")
	}
}
