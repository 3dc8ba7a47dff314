package web_test

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/demo"
	"github.com/carepath/carepath/internal/store"
	"github.com/chromedp/chromedp"
)

// demoBrowser starts a server with the demo clinic and a browser on it.
func demoBrowser(t *testing.T) *browser {
	t.Helper()
	skipBrowser(t)
	srv := apptest.Start(t)
	if _, err := demo.Seed(context.Background(), srv.Services, io.Discard); err != nil {
		t.Fatal(err)
	}
	b := newBrowserOn(t, srv.URL)
	b.srv = srv
	return b
}

// signInDemo signs a demo staff member in with the demo password.
func (b *browser) signInDemo(email string) {
	b.t.Helper()
	b.signInWith(email, demo.Password)
}

// TestBrowserDemoPlanNextWeek: on the demo clinic itself, the director opens "Plan next week"
// for the IOP from the programs page, proposes, reads that the stepped-down clients are left
// out and the outpatient bookings kept, applies, and the plan is applied; planning again then
// changes nothing. axe-core runs on the proposal and the applied plan.
func TestBrowserDemoPlanNextWeek(t *testing.T) {
	t.Parallel()
	axe := loadAxe(t)
	b := demoBrowser(t)
	programs, err := store.NewProgramService(b.srv.Store).FindPrograms(apptest.System())
	if err != nil {
		t.Fatal(err)
	}
	var iop *carepath.Program
	for _, p := range programs {
		if p.Level == carepath.LevelIOP {
			iop = p
		}
	}
	b.signInDemo("admin@demo.carepath.test")
	b.open("/staff/programs")
	b.navigate("open Plan next week", 200, chromedp.Click(chromedp.CSS(`a[href="/staff/programs/`+iop.ID+`/plan-week"]`)))
	b.navigate("propose", 200, chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	b.axeCheck("demo proposal", axe)
	main := js[string](b, `document.querySelector('main').innerText`)
	for _, want := range []string{"Left out of this plan", "Now at Individual therapy (outpatient)", "stay exactly as booked",
		"Okonkwo, Jules", "Sessions to book"} {
		if !strings.Contains(main, want) {
			t.Errorf("the demo's proposal lacks %q:\n%s", want, clip(main, 1500))
		}
	}
	if strings.Contains(main, "Over the target") && !strings.Contains(main, "over the target:") {
		t.Errorf("a group over its target without a reason:\n%s", clip(main, 1500))
	}
	b.navigate("apply", 200, chromedp.Click(chromedp.CSS(`form[action$="/apply"] button[type=submit]`)))
	if got := js[string](b, `document.querySelector('.notice') ? document.querySelector('.notice').textContent : document.querySelector('main').innerText`); !strings.Contains(got, "Applied") {
		t.Fatalf("the demo's plan did not apply: %s", clip(got, 800))
	}
	b.axeCheck("demo plan applied", axe)
	b.open("/staff/programs/" + iop.ID + "/plan-week")
	b.navigate("plan again", 200, chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	if got := js[string](b, `document.getElementById('plan-outcome').parentElement.innerText`); !strings.Contains(got, "0 client(s) change groups") ||
		!strings.Contains(got, "0 individual session(s) to book") {
		t.Errorf("planning again after applying changes the week:\n%s", clip(got, 800))
	}
}

// TestBrowserDemoMenuForEveryRole: on a 390px phone, each demo role opens the menu from its
// staff home and visits every page it lists: none is "No access" or missing, each has the menu
// and sign-out, and nothing scrolls sideways. axe-core runs on each page the first time any
// role reaches it. A reviewer's menu has only their own pages.
func TestBrowserDemoMenuForEveryRole(t *testing.T) {
	t.Parallel()
	axe := loadAxe(t)
	b := demoBrowser(t)
	apptest.AddStaff(t, b.srv.Store, "reviewer@demo.carepath.test", carepath.RoleReviewer)
	const width = 390
	b.do("emulate a phone", chromedp.EmulateViewport(width, 844, chromedp.EmulateScale(3), chromedp.EmulateMobile, chromedp.EmulateTouch))
	checked := map[string]bool{}
	for _, email := range []string{"admin@demo.carepath.test", "clinician@demo.carepath.test", "casemanager@demo.carepath.test",
		"frontdesk@demo.carepath.test", "reviewer@demo.carepath.test"} {
		if strings.HasPrefix(email, "reviewer") {
			b.open("/login")
			b.typeInto("login-email", email)
			b.typeInto("login-password", apptest.Password)
			b.navigate("sign in as "+email, 200, chromedp.Click(chromedp.CSS(`form[action="/login"] button[type=submit]`)))
		} else {
			b.signInDemo(email)
		}
		if js[bool](b, `document.querySelector('details.staff-menu').open`) {
			t.Errorf("%s: the menu starts open on a phone", email)
		}
		b.do("open the menu", chromedp.Click(chromedp.CSS(`details.staff-menu > summary`)))
		links := js[[]string](b, `[...document.querySelectorAll('nav[aria-label=Staff] a')].map(a => a.getAttribute('href'))`)
		if len(links) < 2 {
			t.Fatalf("%s: menu %v", email, links)
		}
		for i, href := range links {
			b.open("/staff")
			b.do("open the menu", chromedp.Click(chromedp.CSS(`details.staff-menu > summary`)))
			b.navigate(fmt.Sprintf("%s: menu link %d (%s)", email, i, href), 200,
				chromedp.Click(chromedp.CSS(`nav[aria-label=Staff] a[href="`+href+`"]`)))
			page := js[string](b, `document.title + ' | ' + (document.querySelector('h1') ? document.querySelector('h1').textContent : '')`)
			if strings.Contains(page, "No access") || strings.Contains(page, "not found") {
				t.Errorf("%s: %s opens %q", email, href, page)
			}
			if !js[bool](b, `!!document.querySelector('nav[aria-label=Staff]') && !!document.querySelector('form[action="/logout"]')`) {
				t.Errorf("%s: %s has no menu or no sign-out", email, href)
			}
			if o := b.overflow(width); o.ScrollWidth > width {
				t.Errorf("%s: %s scrolls sideways: %s", email, href, strings.Join(o.Offenders, "; "))
			}
			if !checked[href] {
				checked[href] = true
				b.axeCheck(email+" "+href, axe)
			}
		}
		if strings.HasPrefix(email, "reviewer") && len(links) != 2 {
			t.Errorf("the reviewer's menu: %v", links)
		}
		b.navigate("sign out", 200, chromedp.Click(chromedp.CSS(`form[action="/logout"] button[type=submit]`)))
	}
}

// TestBrowserDemoTodayAndChartsOnAPhone: on a 390px phone, a demo clinician's Today has their
// sessions of the day (one is booked today for the test) with one tap to attendance; the
// charts of a demo client's dose page and of the outcomes page keep every label at 11px or
// more; axe-core runs on each page.
func TestBrowserDemoTodayAndChartsOnAPhone(t *testing.T) {
	t.Parallel()
	axe := loadAxe(t)
	b := demoBrowser(t)
	st := b.srv.Store
	sys := apptest.System()
	clinician, err := store.NewStaffService(st).FindStaffByEmail(sys, "clinician@demo.carepath.test")
	if err != nil {
		t.Fatal(err)
	}
	list, _, err := store.NewClientService(st).FindClients(sys, carepath.ClientFilter{PrimaryClinicianID: &clinician.ID})
	if err != nil || len(list) == 0 {
		t.Fatalf("clients: %v", err)
	}
	programs, _ := store.NewProgramService(st).FindPrograms(sys)
	var therapy *carepath.Program
	for _, p := range programs {
		if p.Level == carepath.LevelOutpatient {
			therapy = p
		}
	}
	// A session today at 07:00 in the program's zone: before the demo's first session of any
	// day, so it heads the list however full the demo's day is.
	today := time.Now().In(therapy.Location()).Format(carepath.DateLayout)
	ts, err := store.NewTherapySessionService(st).CreateSession(sys, carepath.TherapySessionCreate{ProgramID: therapy.ID,
		Kind: carepath.SessionIndividual, ClientID: list[0].ID, ClinicianID: clinician.ID, Date: today, StartTime: "07:00",
		Minutes: 50, Room: "Office 1"})
	if err != nil {
		t.Fatal(err)
	}
	occ := ts.ID + ":" + today

	const width = 390
	b.do("emulate a phone", chromedp.EmulateViewport(width, 844, chromedp.EmulateScale(3), chromedp.EmulateMobile, chromedp.EmulateTouch))
	b.signInDemo("clinician@demo.carepath.test")
	b.axeCheck("demo today", axe)
	link := `a.take-attendance[href="/staff/sessions/` + occ + `/attendance"]`
	if bottom := js[float64](b, `(() => { const a = document.querySelector(`+jsString(link)+`); return a ? a.getBoundingClientRect().bottom : -1; })()`); bottom < 0 || bottom > 844 {
		t.Fatalf("today's session is not one tap away on the first screen (bottom %.0f):\n%s", bottom, clip(js[string](b, `document.querySelector('main').innerText`), 800))
	}
	b.navigate("one tap to attendance", 200, chromedp.Click(chromedp.CSS(link)))
	if got := js[string](b, `document.querySelector('h1').textContent`); !strings.Contains(got, "Individual session") {
		t.Errorf("attendance heading: %q", got)
	}

	smallest := func(page string) {
		t.Helper()
		px := js[float64](b, `Math.min(...[...document.querySelectorAll('figure.chart svg text')].map(e => {
			const svg = e.ownerSVGElement, scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
			return parseFloat(e.getAttribute('font-size')) * scale;
		}))`)
		n := js[int](b, `document.querySelectorAll('figure.chart svg').length`)
		t.Logf("%s: %d charts, smallest label %.1fpx", page, n, px)
		if n == 0 || px < 10.9 {
			t.Errorf("%s: %d charts, smallest label %.1fpx on a %dpx phone, want 11px or more", page, n, px, width)
		}
		if o := b.overflow(width); o.ScrollWidth > width {
			t.Errorf("%s scrolls sideways: %s", page, strings.Join(o.Offenders, "; "))
		}
	}
	b.open("/staff/clients/" + list[0].ID + "/dose")
	smallest("client dose")
	b.axeCheck("client dose", axe)
	b.open("/staff/clients/" + list[0].ID)
	smallest("client chart")
	b.open("/staff/outcomes")
	smallest("outcomes")
	b.axeCheck("outcomes", axe)
	if shown := js[int](b, `[...document.querySelectorAll('main td')].filter(td => /\d+(\.\d)?%/.test(td.textContent)).length`); shown < 20 {
		t.Errorf("the demo's outcomes page shows %d percentages", shown)
	}
}
