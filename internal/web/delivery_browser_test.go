package web_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/delivery"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserTakeAttendance: on a 390px phone-sized screen, a facilitator opens the program's
// week, follows "Take attendance" for last Monday's group, marks one client and saves (400:
// the error summary takes the focus and links to the unmarked row, the marked one is kept),
// marks the other with the keyboard, saves and sees it saved. axe-core runs on the week, the
// form fresh, with an error and saved, and nothing scrolls sideways.
func TestBrowserTakeAttendance(t *testing.T) {
	t.Parallel()
	axe := loadAxe(t)
	b := newBrowser(t)
	st := b.srv.Store
	s := seedDelivery(t, st)
	lastMonday := s.monday.AddDays(-7)
	occ := s.occurrence(lastMonday)

	const width = 390
	b.do("emulate a phone", chromedp.EmulateViewport(width, 844, chromedp.EmulateScale(3), chromedp.EmulateMobile, chromedp.EmulateTouch))
	fits := func(page string) {
		t.Helper()
		if o := b.overflow(width); o.ScrollWidth > width {
			t.Errorf("%s scrolls sideways on a %dpx screen (%dpx wide): %s", page, width, o.ScrollWidth, strings.Join(o.Offenders, "; "))
		}
	}
	b.signInBrowser("lee@example.org")
	b.open("/staff/programs/" + s.program.ID + "/week?week=" + delivery.WeekOfDate(lastMonday).String())
	b.axeCheck("program week", axe)
	fits("program week")
	b.navigate("take attendance", 200, chromedp.Click(chromedp.CSS(`a[href="/staff/sessions/`+occ+`/attendance"]`)))
	b.axeCheck("attendance form", axe)
	fits("attendance form")

	rows := js[[]string](b, `[...document.querySelectorAll('fieldset.att-row legend')].map(l => l.textContent.trim())`)
	if len(rows) != 2 {
		t.Fatalf("rows %q, want Ana's and Ben's", rows)
	}
	ana, ben := "0", "1"
	if rows[0] != "Lopez, Ana" {
		ana, ben = "1", "0"
	}
	b.click("att-" + ana + "-late")
	b.typeInto("att-"+ana+"-minutes", "150")
	b.navigate("save with a row unmarked", 400, chromedp.Click(chromedp.CSS(`form.attendance button[type=submit]`)))
	if got := js[string](b, `document.activeElement ? document.activeElement.id : ''`); got != "error-summary" {
		t.Errorf("focus after the error: %q, want the error summary", got)
	}
	if !js[bool](b, `!!document.querySelector('#error-summary a[href="#att-`+ben+`-present"]')`) {
		t.Error("the error summary does not link to Ben's row")
	}
	if !js[bool](b, `document.getElementById('att-`+ana+`-late').checked && document.getElementById('att-`+ana+`-minutes').value === '150'`) {
		t.Error("Ana's entries were not kept")
	}
	b.axeCheck("attendance form with an error", axe)
	fits("attendance form with an error")

	// Follow the summary's link, then choose with the arrow keys as a keyboard user does: the
	// first radio takes the focus, ArrowDown moves to "late" and on to "left early".
	b.do("follow the error link", chromedp.Click(chromedp.CSS(`#error-summary a[href="#att-`+ben+`-present"]`)))
	b.do("choose with the keyboard", chromedp.Focus(chromedp.ID("att-"+ben+"-present")), chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown))
	if !js[bool](b, `document.getElementById('att-`+ben+`-left_early').checked`) {
		t.Fatal("arrow keys did not choose 'left early'")
	}
	b.typeInto("att-"+ben+"-minutes", "90")
	b.navigate("save with Enter", 200, chromedp.Steps(chromedp.Focus(chromedp.CSS(`form.attendance button[type=submit]`)), chromedp.KeyEvent(kb.Enter)))
	if got := js[string](b, `document.querySelector('.notice') ? document.querySelector('.notice').textContent : ''`); !strings.Contains(got, "Attendance saved") {
		t.Errorf("after saving: %q", got)
	}
	b.axeCheck("attendance saved", axe)
	fits("attendance saved")
	sheet, err := store.NewAttendanceService(st).FindAttendance(apptest.System(), occ)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range sheet.Records {
		got[r.ClientID] = r.Status + " " + strconv.Itoa(r.Minutes)
	}
	if got[s.ana.ID] != "late 150" || got[s.ben.ID] != "left_early 90" || sheet.Version != 1 {
		t.Errorf("recorded %v version %d", got, sheet.Version)
	}
	// The printable schedules and the feed page on the phone too.
	b.open("/staff/clients/" + s.ana.ID + "/week")
	b.axeCheck("client week", axe)
	fits("client week")
	b.open("/staff/clients/" + s.ana.ID + "/dose")
	b.axeCheck("client dose", axe)
	fits("client dose")
	b.open("/staff/account/calendar")
	b.navigate("make a feed", 200, chromedp.Click(chromedp.CSS(`button[value="create"]`)))
	b.axeCheck("calendar feed made", axe)
	fits("calendar feed made")
}

// TestBrowserQualityPage: an admin opens a program's quality page, which draws its figures as
// SVG charts with a text alternative and the method of each; an unreal period shows the error
// summary; publishing the scorecard shows the public page without signing in. axe-core runs
// on each page.
func TestBrowserQualityPage(t *testing.T) {
	t.Parallel()
	axe := loadAxe(t)
	b := newBrowser(t)
	st := b.srv.Store
	s := seedDelivery(t, st)
	att := store.NewAttendanceService(st)
	cli := apptest.System()
	for _, back := range []int{-14, -12, -10, -7, -5} {
		d := s.monday.AddDays(back)
		recs := []carepath.AttendanceRecord{{ClientID: s.ana.ID, Status: "present", Minutes: 180}}
		if back >= -7 {
			recs = append(recs, carepath.AttendanceRecord{ClientID: s.ben.ID, Status: "late", Minutes: 100})
		}
		if _, err := att.RecordAttendance(cli, s.occurrence(d), carepath.AttendanceUpdate{Records: recs}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := att.RecordAttendance(cli, delivery.OccurrenceID(s.session.ID, s.monday.AddDays(-6)), carepath.AttendanceUpdate{
		Records: []carepath.AttendanceRecord{{ClientID: s.ana.ID, Status: "present", Minutes: 50}}}); err != nil {
		t.Fatal(err)
	}
	b.do("desktop window", chromedp.EmulateViewport(1280, 900))
	b.signInBrowser("admin@example.org")
	b.open("/staff/programs/" + s.program.ID + "/census")
	b.navigate("open the quality page", 200, chromedp.Click(chromedp.CSS(`a[href="/staff/programs/`+s.program.ID+`/quality"]`)))
	b.axeCheck("quality page", axe)
	charts := js[int](b, `document.querySelectorAll('figure.chart svg[role="img"]').length`)
	titled := js[int](b, `[...document.querySelectorAll('figure.chart svg')].filter(s => s.querySelector('title') && s.querySelector('desc') && s.getAttribute('aria-labelledby')).length`)
	tables := js[int](b, `document.querySelectorAll('figure.chart table.chart-data').length`)
	if charts < 5 || titled != charts || tables != charts {
		t.Errorf("%d charts, %d with title and desc, %d data tables", charts, titled, tables)
	}
	if n := js[int](b, `[...document.querySelectorAll('.figure .method p')].filter(p => p.textContent.trim().length > 20).length`); n != 5 {
		t.Errorf("%d figures say how they are computed, want 5", n)
	}
	if got := js[string](b, `document.getElementById('figure-hours').textContent`); !strings.Contains(got, "client-weeks below the minimum") {
		t.Errorf("hours figure: %q", clip(got, 300))
	}
	// The charts scale down on a tablet without scrolling sideways.
	b.do("tablet", chromedp.EmulateViewport(768, 1024, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch))
	if o := b.overflow(768); o.ScrollWidth > 768 {
		t.Errorf("the quality page scrolls sideways on a tablet: %s", strings.Join(o.Offenders, "; "))
	}
	b.do("desktop window again", chromedp.EmulateViewport(1280, 900))

	b.do("clear the first week", chromedp.Evaluate[chromedp.Void](`document.getElementById('quality-from').value = ''`))
	b.typeInto("quality-from", "2026-W60")
	b.navigate("an unreal week", 400, chromedp.Click(chromedp.CSS(`form[method="get"] button[type=submit]`)))
	if !js[bool](b, `!!document.querySelector('#error-summary a[href="#quality-from"]')`) {
		t.Error("the error summary does not link to the first week")
	}
	b.axeCheck("quality page with an error", axe)

	b.open("/staff/programs/" + s.program.ID + "/quality")
	b.click("scorecard-yes")
	b.navigate("publish the scorecard", 200, chromedp.Click(chromedp.CSS(`form[action$="/scorecard"] button[type=submit]`)))
	if !strings.Contains(js[string](b, `document.body.textContent`), "Scorecard setting saved.") {
		t.Error("no confirmation after publishing")
	}
	b.open("/staff")
	b.navigate("sign out", 200, chromedp.Click(chromedp.CSS(`form[action="/logout"] button[type=submit]`)))
	b.open("/programs/" + s.program.ID + "/scorecard")
	b.axeCheck("public scorecard", axe)
	text := js[string](b, `document.body.innerHTML`)
	for _, secret := range []string{s.ana.ID, "Lopez", "Okafor"} {
		if strings.Contains(text, secret) {
			t.Errorf("the public scorecard shows %q", secret)
		}
	}
	b.open("/staff/programs/" + s.program.ID + "/dose")
	b.axeCheck("program dose", axe)
}
