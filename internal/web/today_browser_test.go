package web_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
	"github.com/chromedp/chromedp"
)

// todayGroup makes a program in zone and a three-hour group that meets today in that zone at
// 00:30 (so it is today whatever the time), run by facilitator, with n clients on it; it
// returns the occurrence id and the clients.
func todayGroup(t *testing.T, st *store.Store, zone, facilitator string, n int) (string, []string) {
	t.Helper()
	sys := apptest.System()
	p, err := store.NewProgramService(st).CreateProgram(sys, carepath.ProgramCreate{Name: "Day IOP", Level: carepath.LevelIOP, TimeZone: zone})
	if err != nil {
		t.Fatal(err)
	}
	loc := p.Location()
	now := time.Now().In(loc)
	today := now.Format(carepath.DateLayout)
	day := strings.ToLower(now.Weekday().String()[:3])
	clients := store.NewClientService(st)
	groups := store.NewGroupService(st)
	g, err := groups.CreateGroup(sys, carepath.GroupCreate{ProgramID: p.ID, Name: "Morning process", Type: "process", Capacity: n,
		FacilitatorIDs: []string{facilitator}, Days: []string{day}, StartTime: "00:30", Minutes: 180, StartDate: today, Room: "Room 1"})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for i := range n {
		c := &carepath.Client{GivenName: fmt.Sprintf("Client%c", 'A'+i), FamilyName: []string{"Abbott", "Baptiste", "Chowdhury",
			"Dimitrov", "Esposito", "Fontaine", "Gutierrez", "Halvorsen", "Ibrahim", "Jablonski", "Kowalczyk", "Lindgren"}[i],
			BirthDate: "1990-01-01", PrimaryClinicianID: facilitator}
		if err := clients.CreateClient(sys, c); err != nil {
			t.Fatal(err)
		}
		if _, err := groups.AddGroupMember(sys, g.ID, c.ID, today); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	return g.ID + ":" + today, ids
}

// TestBrowserTodayAndAttendanceOnAPhone: on a 390px phone, a clinician's staff home ("Today")
// shows today's group with one tap to its attendance, above the fold. The attendance sheet for
// ten clients is under 1,500px tall; "Everyone present" fills every row with the session's
// minutes ("All present"); switching one to absent clears their minutes (saving never answers "An absent
// client attended 0 minutes"); the marks survive a reload (a draft in localStorage keyed by
// the session, never by a client), the save clears the draft, the sheet is recorded, and
// signing out clears a draft left unsaved.
// axe-core runs on Today and on the sheet; nothing scrolls sideways.
func TestBrowserTodayAndAttendanceOnAPhone(t *testing.T) {
	t.Parallel()
	axe := loadAxe(t)
	b := newBrowser(t)
	st := b.srv.Store
	ann := apptest.AddStaff(t, st, "ann@example.org", carepath.RoleClinician)
	occ, clients := todayGroup(t, st, "America/Chicago", ann.ID, 10)

	const width = 390
	b.do("emulate a phone", chromedp.EmulateViewport(width, 844, chromedp.EmulateScale(3), chromedp.EmulateMobile, chromedp.EmulateTouch))
	b.signInBrowser("ann@example.org")
	if p := b.path(); p != "/staff" {
		t.Fatalf("after sign-in: %s", p)
	}
	b.axeCheck("today", axe)
	if o := b.overflow(width); o.ScrollWidth > width {
		t.Errorf("Today scrolls sideways: %s", strings.Join(o.Offenders, "; "))
	}
	link := `a.take-attendance[href="/staff/sessions/` + occ + `/attendance"]`
	top := js[float64](b, `(() => { const a = document.querySelector(`+jsString(link)+`); return a ? a.getBoundingClientRect().bottom : -1; })()`)
	if top < 0 || top > 844 {
		t.Fatalf("Today's 'Take attendance' is not on the first screen (bottom at %.0fpx)", top)
	}
	if got := js[string](b, `document.querySelector('#today').innerText`); !strings.Contains(got, "Group: Morning process") ||
		!strings.Contains(got, "10 clients") || !(strings.Contains(got, "CST") || strings.Contains(got, "CDT")) {
		t.Errorf("Today's session: %q", got)
	}
	b.navigate("one tap to attendance", 200, chromedp.Click(chromedp.CSS(link)))
	b.axeCheck("attendance sheet for ten", axe)
	if o := b.overflow(width); o.ScrollWidth > width {
		t.Errorf("the sheet scrolls sideways: %s", strings.Join(o.Offenders, "; "))
	}
	height := js[float64](b, `document.documentElement.scrollHeight`)
	t.Logf("attendance sheet for 10 clients at %dpx: %.0fpx tall", width, height)
	if height >= 1500 {
		t.Errorf("the sheet for ten clients is %.0fpx tall on a %dpx phone, want under 1,500", height, width)
	}
	tap := js[float64](b, `Math.min(...[...document.querySelectorAll('.att-statuses label')].map(l => l.getBoundingClientRect().height))`)
	if tap < 44 {
		t.Errorf("status buttons are %.0fpx tall, want at least 44 for a thumb", tap)
	}

	b.do("everyone present", chromedp.Click(chromedp.CSS(`button[value=all_present]`)))
	if got := js[int](b, `[...document.querySelectorAll('input[type=radio][value=present]')].filter(r => r.checked).length`); got != 10 {
		t.Errorf("%d marked present, want 10", got)
	}
	if got := js[[]string](b, `[...document.querySelectorAll('input[name^=minutes-]')].map(i => i.value)`); strings.Join(got, ",") != strings.Repeat("180,", 9)+"180" {
		t.Errorf("minutes after 'Everyone present': %v", got)
	}
	b.click("att-2-absent_excused")
	b.click("att-4-late")
	b.typeInto("att-4-minutes", "150")
	if got := js[string](b, `document.getElementById('att-2-minutes').value`); got != "" {
		t.Errorf("an absence kept %q minutes", got)
	}
	keys := js[[]string](b, `Object.keys(localStorage)`)
	if len(keys) != 1 || keys[0] != "carepath.draft.attendance:"+occ {
		t.Fatalf("draft keys %v", keys)
	}
	for _, c := range clients {
		if strings.Contains(keys[0], c) {
			t.Errorf("the draft's key names a client")
		}
	}
	b.open("/staff/sessions/" + occ + "/attendance") // a reload: nothing saved yet
	restored := js[[]string](b, `['att-2-absent_excused', 'att-4-late', 'att-0-present'].map(id => String(document.getElementById(id).checked))
		.concat([document.getElementById('att-4-minutes').value, String(!document.getElementById('draft-notice').hidden)])`)
	if strings.Join(restored, ",") != "true,true,true,150,true" {
		t.Errorf("after a reload: %v", restored)
	}
	b.navigate("save", 200, chromedp.Click(chromedp.CSS(`form.attendance button.save`)))
	if got := js[string](b, `document.querySelector('#att-saved') ? document.querySelector('#att-saved').textContent : document.body.innerText`); !strings.Contains(got, "Attendance saved") {
		t.Fatalf("after saving: %q", clip(got, 300))
	}
	if n := js[int](b, `Object.keys(localStorage).length`); n != 0 {
		t.Errorf("%d drafts left after saving", n)
	}
	sheet, err := store.NewAttendanceService(st).FindAttendance(apptest.System(), occ)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range sheet.Records {
		got[r.ClientID] = fmt.Sprintf("%s %d", r.Status, r.Minutes)
	}
	if len(got) != 10 || got[clients[2]] != "absent_excused 0" || got[clients[4]] != "late 150" || got[clients[0]] != "present 180" {
		t.Errorf("recorded %v", got)
	}
	// A draft left unsaved goes with the sign-in: the next person on the tablet finds none.
	b.click("att-1-absent_excused")
	if n := js[int](b, `Object.keys(localStorage).length`); n != 1 {
		t.Fatalf("%d drafts after a change", n)
	}
	b.navigate("sign out", 200, chromedp.Click(chromedp.CSS(`form.sign-out button`)))
	if n := js[int](b, `Object.keys(localStorage).length`); n != 0 {
		t.Errorf("%d drafts left after signing out", n)
	}
}
