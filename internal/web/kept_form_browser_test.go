package web_test

import (
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
	"github.com/chromedp/chromedp"
)

// TestBrowserAttendanceAfterTheSignInEnds: with an eight-second idle limit, a clinician marks
// attendance, is warned the sign-in is about to end, then leaves the phone; once it has ended
// the page says so, and pressing Save goes to the sign-in page, which says the attendance is
// kept. Signing in again saves it: the sheet is recorded as marked, the page says so, and the
// draft is gone. axe-core runs on the warning and on the sign-in page with its notice.
func TestBrowserAttendanceAfterTheSignInEnds(t *testing.T) {
	t.Parallel()
	skipBrowser(t)
	axe := loadAxe(t)
	srv := apptest.StartWith(t, apptest.Options{SignInIdle: 8 * time.Second})
	b := newBrowserOn(t, srv.URL)
	ann := apptest.AddStaff(t, srv.Store, "ann@example.org", carepath.RoleClinician)
	occ, clients := todayGroup(t, srv.Store, "America/New_York", ann.ID, 3)

	b.signInBrowser("ann@example.org")
	b.open("/staff/sessions/" + occ + "/attendance")
	b.do("all present", chromedp.Click(chromedp.CSS(`button[value=all_present]`)))
	b.click("att-1-absent_unexcused")
	// The warning comes two seconds before the end (a quarter of the idle time: two of the page's
	// one-second ticks, so a tick delayed on a busy machine still shows it), then the notice that
	// the sign-in has ended; the page keeps what was marked.
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](`!document.getElementById('idle-warning').hidden &&
		document.getElementById('idle-warning').textContent.includes('signed out in')`, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		t.Fatalf("no warning before the sign-in ends: %v", err)
	}
	b.axeCheck("idle warning", axe)
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](`document.getElementById('idle-warning').textContent.includes('has ended')`,
		chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		t.Fatalf("no notice once the sign-in ended: %v", err)
	}
	time.Sleep(500 * time.Millisecond) // past the server's idle limit as well
	b.navigate("save after the sign-in ended", 200, chromedp.Click(chromedp.CSS(`form.attendance button.save`)))
	if p := b.path(); p != "/login" {
		t.Fatalf("after saving signed out: %s", p)
	}
	notice := js[string](b, `document.getElementById('login-notice') ? document.getElementById('login-notice').textContent : ''`)
	if !strings.Contains(notice, "kept") {
		t.Errorf("the sign-in page does not say the form is kept: %q", notice)
	}
	b.axeCheck("sign-in with a kept form", axe)
	if sheet, err := store.NewAttendanceService(srv.Store).FindAttendance(apptest.System(), occ); err != nil || len(sheet.Records) != 0 {
		t.Fatalf("saved before signing in again: %+v, %v", sheet, err)
	}
	b.typeInto("login-email", "ann@example.org")
	b.typeInto("login-password", apptest.Password)
	b.navigate("sign in again", 200, chromedp.Click(chromedp.CSS(`form[action="/login"] button[type=submit]`)))
	if got := js[string](b, `document.querySelector('#att-saved') ? document.querySelector('#att-saved').textContent : document.title`); !strings.Contains(got, "Attendance saved") {
		t.Fatalf("after signing in again: %q on %s", got, b.path())
	}
	sheet, err := store.NewAttendanceService(srv.Store).FindAttendance(apptest.System(), occ)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range sheet.Records {
		got[r.ClientID] = r.Status
		if r.RecordedBy != ann.ID {
			t.Errorf("recorded by %s, want Ann", r.RecordedBy)
		}
	}
	if len(got) != 3 || got[clients[0]] != "present" || got[clients[1]] != "absent_unexcused" || got[clients[2]] != "present" {
		t.Errorf("recorded %v", got)
	}
	if n := js[int](b, `Object.keys(localStorage).length`); n != 0 {
		t.Errorf("%d drafts left after the save", n)
	}
}
