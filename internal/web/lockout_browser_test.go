package web_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/pquerna/otp/totp"
)

// signInFailure submits the sign-in form with the keyboard and returns the error summary's text,
// expecting 401.
func (b *browser) signInFailure(what, email, password string) string {
	b.t.Helper()
	b.do("clear the email", chromedp.Clear(chromedp.ID("login-email")))
	b.typeInto("login-email", email)
	b.typeInto("login-password", password)
	b.navigate(what, 401, chromedp.KeyEvent(kb.Enter))
	if got := js[string](b, `document.getElementById('login-email').value`); got != email {
		b.t.Errorf("%s: the email was not kept: %q", what, got)
	}
	if got := js[string](b, `document.getElementById('login-password').value`); got != "" {
		b.t.Errorf("%s: the password was shown again", what)
	}
	return strings.Join(strings.Fields(js[string](b, `document.getElementById('error-summary').textContent`)), " ")
}

// TestBrowserLockout types wrong passwords into the sign-in page until the account locks, then
// the right one: every attempt ends with the same message, the same as for an account that
// does not exist, so the page never tells whether an account exists or is locked.
func TestBrowserLockout(t *testing.T) {
	t.Parallel()
	b := newBrowser(t)
	st := b.srv.Store
	apptest.AddStaff(t, st, "ana@example.org", carepath.RoleClinician)

	b.open("/login")
	want := ""
	for i := range store.LockoutAccount {
		got := b.signInFailure("wrong password "+itoa(i+1), "ana@example.org", "not the password "+itoa(i))
		if !strings.Contains(got, carepath.AuthFailedMessage) {
			t.Fatalf("attempt %d: %q", i+1, got)
		}
		if want == "" {
			want = got
		} else if got != want {
			t.Errorf("attempt %d: message changed: %q, first %q", i+1, got, want)
		}
	}
	if got := b.signInFailure("the right password on a locked account", "ana@example.org", apptest.Password); got != want {
		t.Errorf("locked account with the right password: %q, want %q", got, want)
	}
	lockedPage := js[string](b, `document.querySelector('main').innerText`)
	if got := b.signInFailure("an account that does not exist", "nobody@example.org", apptest.Password); got != want {
		t.Errorf("unknown account: %q, want %q", got, want)
	}
	unknownPage := js[string](b, `document.querySelector('main').innerText`)
	if lockedPage != unknownPage {
		t.Errorf("the locked account's page differs from an unknown account's:\n%s\n---\n%s", lockedPage, unknownPage)
	}
	if p := b.path(); p != "/login" {
		t.Errorf("after the attempts: %s", p)
	}
	// Nothing of the attempts is in the address bar.
	if u := js[string](b, `location.href`); strings.Contains(u, "ana") || strings.Contains(u, "password") {
		t.Errorf("address: %s", u)
	}
	// Another account, from the same browser, still signs in: the lock is per account.
	apptest.AddStaff(t, st, "ben@example.org", carepath.RoleFrontDesk)
	b.do("clear the email", chromedp.Clear(chromedp.ID("login-email")))
	b.typeInto("login-email", "ben@example.org")
	b.typeInto("login-password", apptest.Password)
	b.navigate("sign in as another account", 200, chromedp.KeyEvent(kb.Enter))
	if p := b.path(); p != "/staff" {
		t.Errorf("another account after the lock: %s", p)
	}
}

// TestBrowserStaffAdminPages adds a staff member and sets up an authenticator app in the
// browser, running axe-core on each staff admin and TOTP page, with and without errors.
func TestBrowserStaffAdminPages(t *testing.T) {
	t.Parallel()
	axe := loadAxe(t)
	b := newBrowser(t)
	st := b.srv.Store
	apptest.AddStaff(t, st, "admin@example.org", carepath.RoleAdmin)
	apptest.AddStaff(t, st, "ana@example.org", carepath.RoleClinician)

	b.open("/login")
	b.typeInto("login-email", "admin@example.org")
	b.typeInto("login-password", apptest.Password)
	b.navigate("sign in", 200, chromedp.KeyEvent(kb.Enter))
	// An admin sets up an authenticator app before any other page.
	if p := b.path(); p != "/staff/account/totp" {
		t.Fatalf("an admin without an app signed in to %s", p)
	}
	b.axeCheck("authenticator app page", axe)
	if !js[bool](b, `(() => { const i = document.querySelector('img.qr'); return !!i && i.complete && i.naturalWidth > 100 && i.src.startsWith('data:image/png'); })()`) {
		t.Error("the QR code is not a drawn data: image")
	}
	secret := strings.ReplaceAll(js[string](b, `document.querySelector('code.secret').textContent`), " ", "")
	if !regexp.MustCompile(`^[A-Z2-7]{26,}$`).MatchString(secret) {
		t.Fatalf("secret on the page: %q", secret)
	}
	b.typeInto("totp-code", "000000")
	b.navigate("a wrong code", 400, chromedp.KeyEvent(kb.Enter))
	b.axeCheck("authenticator app page with an error", axe)
	code, _ := totp.GenerateCode(secret, time.Now())
	b.do("clear the code", chromedp.Clear(chromedp.ID("totp-code")))
	b.typeInto("totp-code", code)
	b.navigate("confirm", 200, chromedp.KeyEvent(kb.Enter))
	if main := js[string](b, `document.querySelector('main').innerText`); !strings.Contains(main, "Your authenticator app is set up") {
		t.Errorf("after confirming: %q", clip(main, 300))
	}
	b.axeCheck("authenticator app set up", axe)
	b.navigate("follow the staff accounts link", 200, chromedp.Click(chromedp.CSS(`a[href="/staff/admin/staff"]`)))
	b.axeCheck("staff list", axe)
	b.navigate("follow the add link", 200, chromedp.Click(chromedp.CSS(`a[href="/staff/admin/staff/new"]`)))
	b.axeCheck("new staff form", axe)

	b.typeInto("staff-name", "Ben Cole")
	b.typeInto("staff-email", "ben at example")
	b.typeInto("staff-password", "short")
	b.navigate("add with problems", 400, chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	b.axeCheck("new staff form with errors", axe)
	if got := js[string](b, `document.getElementById('staff-name').value`); got != "Ben Cole" {
		t.Errorf("name after a 400: %q", got)
	}
	if got := js[string](b, `document.activeElement.id + ' ' + document.getElementById('error-summary').textContent`); !strings.Contains(got, "email address") ||
		!strings.Contains(got, "at least 12") {
		t.Errorf("error summary: %q", clip(got, 300))
	}
	b.do("follow the summary link to the email", chromedp.Click(chromedp.CSS(`#error-summary a[href="#staff-email"]`)))
	b.do("fix the email", chromedp.Clear(chromedp.ID("staff-email")))
	b.typeInto("staff-email", "ben@example.org")
	b.do("pick a role", chromedp.SetValue(chromedp.ID("staff-role"), "case_manager"))
	b.typeInto("staff-password", apptest.Password)
	b.navigate("add", 200, chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	if p, main := b.path(), js[string](b, `document.querySelector('main').innerText`); p != "/staff/admin/staff" ||
		!strings.Contains(main, "Added Ben Cole") || !strings.Contains(main, "Case manager") {
		t.Errorf("after adding: %s %q", p, clip(main, 300))
	}
	b.navigate("change Ben", 200, chromedp.Click(chromedp.CSS(`a[aria-label="Change Ben Cole"]`)))
	b.axeCheck("change staff form", axe)
	b.click("staff-status-disabled")
	b.do("empty the name", chromedp.Clear(chromedp.ID("staff-name")))
	b.navigate("save with no name", 400, chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	b.axeCheck("change staff form with an error", axe)
	if !js[bool](b, `document.getElementById('staff-status-disabled').checked`) {
		t.Error("the chosen status was not kept")
	}

}
