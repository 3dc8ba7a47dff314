package web_test

import (
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
	"github.com/chromedp/chromedp"
)

// TestBrowserSchedulingPages: on a 390px phone, the front desk handles a new admission and a
// snow day from the browser: creates a group (a missing field first: the error summary takes
// the focus), adds a client to its roster, books a session over the clinician's own (409: the
// clash is named in words) and then at a free hour, moves that session and cancels it; marks
// an intake request contacted. An admin records a hire date. axe-core runs on every page and
// nothing scrolls sideways.
func TestBrowserSchedulingPages(t *testing.T) {
	t.Parallel()
	axe := loadAxe(t)
	b := newBrowser(t)
	st := b.srv.Store
	s := seedDelivery(t, st)
	in := &carepath.Intake{Name: "Sam (test)", Phone: "555-010-2030", Consent: true, Profile: []byte(`{"answers":{}}`)}
	if err := store.NewIntakeService(st).CreateIntake(apptest.System(), in); err != nil {
		t.Fatal(err)
	}
	const width = 390
	b.do("emulate a phone", chromedp.EmulateViewport(width, 844, chromedp.EmulateScale(3), chromedp.EmulateMobile, chromedp.EmulateTouch))
	check := func(page string) {
		t.Helper()
		b.axeCheck(page, axe)
		if o := b.overflow(width); o.ScrollWidth > width {
			t.Errorf("%s scrolls sideways: %s", page, strings.Join(o.Offenders, "; "))
		}
	}
	submit := func(what string, want int64) {
		t.Helper()
		b.navigate(what, want, chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	}
	b.signInBrowser("desk@example.org")
	b.open("/staff/groups")
	check("groups")
	b.navigate("new group", 200, chromedp.Click(chromedp.CSS(`a[href="/staff/groups/new"]`)))
	check("new group form")
	b.do("choose the program", chromedp.SetValue(chromedp.ID("group-program_id"), s.program.ID))
	b.typeInto("group-name", "Evening skills")
	b.do("choose the type", chromedp.SetValue(chromedp.ID("group-type"), "skills"))
	b.typeInto("group-start_time", "1800")
	b.typeInto("group-minutes", "90")
	b.typeInto("group-room", "Room 4")
	submit("create without days or facilitators", 400)
	if got := js[string](b, `document.activeElement ? document.activeElement.id : ''`); got != "error-summary" {
		t.Errorf("focus after the error: %q", got)
	}
	check("new group form with errors")
	b.click("group-days-1")
	b.click("group-days-3")
	b.do("tick Kim", chromedp.Click(chromedp.CSS(`input[name=facilitator_ids][value="`+s.kim.ID+`"] + label`)))
	submit("create the group", 200)
	if got := js[string](b, `document.querySelector('h1').textContent`); !strings.Contains(got, "Evening skills") {
		t.Fatalf("after creating: %q", got)
	}
	check("group page")
	b.do("choose Ben", chromedp.SetValue(chromedp.ID("member-client"), s.ben.ID))
	b.navigate("add Ben", 200, chromedp.Click(chromedp.CSS(`form[action$="/members"] button[type=submit]`)))
	if got := js[string](b, `document.querySelector('.roster').innerText`); !strings.Contains(got, "Okafor, Ben") {
		t.Errorf("roster after adding: %q", got)
	}
	check("group page after adding")

	// A session over Lee's Tuesday session with Ana, then at a free hour.
	b.open("/staff/sessions/new?client=" + s.ben.ID + "&program=" + s.program.ID)
	check("booking form")
	tuesday := s.monday.AddDays(8).String()
	b.do("choose Lee", chromedp.SetValue(chromedp.ID("session-clinician_id"), s.lee.ID))
	b.do("the date", chromedp.SetValue(chromedp.ID("session-date"), tuesday))
	b.do("the time", chromedp.SetValue(chromedp.ID("session-start_time"), "14:15"))
	submit("book over Lee's session", 409)
	if got := js[string](b, `document.getElementById('error-summary').innerText`); !strings.Contains(got, "Individual session with Lopez, Ana") {
		t.Errorf("the clash is not named: %q", got)
	}
	check("booking form with a double booking")
	b.do("another time", chromedp.SetValue(chromedp.ID("session-start_time"), "16:00"))
	submit("book", 200)
	check("the session's page")
	b.do("new time", chromedp.SetValue(chromedp.ID("move-time"), "17:00"))
	b.navigate("move", 200, chromedp.Click(chromedp.CSS(`form[action$="/move"] button[type=submit]`)))
	if got := js[string](b, `document.querySelector('h1').innerText`); !strings.Contains(got, "17:00–17:50") {
		t.Errorf("after moving: %q", got)
	}
	b.navigate("cancel", 200, chromedp.Click(chromedp.CSS(`form[action$="/cancel"] button[type=submit]`)))
	if got := js[string](b, `document.querySelector('.notice') ? document.querySelector('.notice').textContent : ''`); !strings.Contains(got, "cancelled") {
		t.Errorf("after cancelling: %q", got)
	}
	check("the week after cancelling")

	b.open("/staff/intakes")
	check("intake queue")
	b.navigate("mark contacted", 200, chromedp.Click(chromedp.CSS(`form[action="/staff/intakes/`+in.ID+`/status"] button[type=submit]`)))
	b.open("/staff/intakes/" + in.ID)
	check("intake request")
	if got := js[string](b, `document.getElementById('intake-current').textContent`); got != "contacted" {
		t.Errorf("status after marking: %q", got)
	}
	b.open("/staff/account")
	check("account")

	b.navigate("sign out", 200, chromedp.Click(chromedp.CSS(`form[action="/logout"] button[type=submit]`)))
	b.signInBrowser("admin@example.org")
	b.open("/staff/admin/staff/" + s.lee.ID)
	b.do("hire date", chromedp.SetValue(chromedp.ID("staff-hire-date"), "2031-01-01"))
	submit("a hire date in the future", 400)
	check("staff form with a bad hire date")
}
