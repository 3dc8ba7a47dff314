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

// TestBrowserAuthorizationBurnDown: a clinician opens an IOP client's authorization from the
// chart, sees the units used and the date they run out with the burn-down drawn as an image
// with its data table, asks for fewer units than approved below zero (400: the error summary
// links to the field), and the page passes axe-core before and after.
func TestBrowserAuthorizationBurnDown(t *testing.T) {
	t.Parallel()
	axe := loadAxe(t)
	b := newBrowser(t)
	st := b.srv.Store
	s := apptest.SeedChart(t, st)
	cli := apptest.System()
	groups := store.NewGroupService(st)
	today := time.Now().UTC()
	g, err := groups.CreateGroup(cli, carepath.GroupCreate{ProgramID: s.Program.ID, Name: "Process", Type: "process",
		FacilitatorIDs: []string{s.Clinician.ID}, Days: []string{"mon", "tue", "wed", "thu", "fri"}, StartTime: "09:00", Minutes: 180,
		StartDate: today.AddDate(0, 0, -14).Format(carepath.DateLayout), Room: "Room 1"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := groups.AddGroupMember(cli, g.ID, s.Client.ID, g.StartDate); err != nil {
		t.Fatal(err)
	}
	if _, err := store.NewPayerService(st).CreatePayer(cli, carepath.PayerInput{Name: "Acme Health", PayerID: "60054"}); err != nil {
		t.Fatal(err)
	}
	a, err := store.NewAuthorizationService(st).AddAuthorization(cli, s.Episode.ID, carepath.AuthorizationInput{PayerID: "60054",
		Number: "A-42", Level: carepath.LevelIOP, Start: g.StartDate, End: today.AddDate(0, 2, 0).Format(carepath.DateLayout), Units: 15, Unit: "day"})
	if err != nil || a.ExhaustsOn == "" {
		t.Fatalf("AddAuthorization = %+v, %v; want units that run out", a, err)
	}

	b.signInBrowser("ana@example.org")
	b.open("/staff/clients/" + s.Client.ID)
	b.navigate("open the authorizations from the chart", 200, chromedp.Click(chromedp.ID("auths-"+s.Episode.ID)))
	got := strings.Join(strings.Fields(js[string](b, `document.getElementById('auth-`+a.ID+`').textContent`)), " ")
	if !strings.Contains(got, "0 of 15 days used, 15 left.") || !strings.Contains(got, "the units run out on "+a.ExhaustsOn) {
		t.Errorf("the authorization reads %q", clip(got, 400))
	}
	if n := js[int](b, `document.querySelectorAll('#auth-`+a.ID+` svg[role=img]').length`); n != 1 {
		t.Errorf("%d burn-down images, want 1", n)
	}
	if n := js[int](b, `document.querySelectorAll('#auth-`+a.ID+` figure table tbody tr').length`); n < 15 {
		t.Errorf("the burn-down's table has %d rows, want one per planned day and today", n)
	}
	b.axeCheck("authorization page", axe)

	b.do("ask for no units", chromedp.SetValue(chromedp.ID("extend-units-"+a.ID), "0"))
	b.navigate("save the change", 400, chromedp.Click(chromedp.CSS(`#auth-`+a.ID+` form.extend button[type=submit]`)))
	if got := js[string](b, `document.querySelector('#error-summary a[href="#extend-units-`+a.ID+`"]') ? 'linked' : ''`); got != "linked" {
		t.Errorf("the error summary does not link to the units")
	}
	b.axeCheck("authorization page with an error", axe)
}
