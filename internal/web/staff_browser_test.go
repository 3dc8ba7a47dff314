package web_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
	"github.com/chromedp/chromedp"
)

// TestBrowserStaffSignIn signs in with the keyboard-reachable form, sees the intake queue
// with the crisis request first, signs out, and runs axe-core on each page.
func TestBrowserStaffSignIn(t *testing.T) {
	t.Parallel()
	axe := loadAxe(t)
	b := newBrowser(t)
	st := b.srv.Store
	ana := apptest.AddStaff(t, st, "ana@example.org", carepath.RoleClinician)
	robin := &carepath.Client{GivenName: "Robin", FamilyName: "Lake", BirthDate: "1990-04-02", Phone: "555-010-2222",
		PrimaryClinicianID: ana.ID, EmergencyContact: carepath.EmergencyContact{Name: "Sam Lake", Relationship: "sibling", Phone: "555-010-3333"}}
	if err := store.NewClientService(st).CreateClient(apptest.System(), robin); err != nil {
		t.Fatal(err)
	}
	pub := carepath.NewContext(context.Background(), carepath.Actor{ID: "public", Role: carepath.RolePublic, Remote: "192.0.2.1"})
	if err := store.NewIntakeService(st).CreateIntake(pub, &carepath.Intake{Name: "Quiet Crisis", Phone: "555-010-1111",
		Consent: true, Profile: json.RawMessage(`{}`), Level: carepath.LevelPHP, Crisis: true}); err != nil {
		t.Fatal(err)
	}

	b.open("/login")
	b.axeCheck("sign-in page", axe)
	b.typeInto("login-email", "ana@example.org")
	b.typeInto("login-password", "not the password")
	b.navigate("sign in with a wrong password", 401, chromedp.Click(chromedp.CSS(`form[action="/login"] button[type=submit]`)))
	if got := js[string](b, `document.getElementById('login-email').value`); got != "ana@example.org" {
		t.Errorf("email after a failed sign-in: %q", got)
	}
	if got := js[string](b, `document.getElementById('error-summary').textContent`); !strings.Contains(got, carepath.AuthFailedMessage) {
		t.Errorf("error summary: %q", got)
	}
	b.axeCheck("sign-in page with an error", axe)

	b.typeInto("login-password", apptest.Password)
	b.navigate("sign in", 200, chromedp.Click(chromedp.CSS(`form[action="/login"] button[type=submit]`)))
	if p := b.path(); p != "/staff" {
		t.Fatalf("after sign-in: %s", p)
	}
	if got := js[string](b, `document.querySelector('main').textContent`); !strings.Contains(got, "Signed in as Dr clinician") ||
		!strings.Contains(got, "CRISIS — same-day review") {
		t.Errorf("staff home: %q", clip(got, 400))
	}
	b.axeCheck("staff home with the intake queue", axe)
	b.open("/staff/clients")
	b.axeCheck("client list", axe)
	b.open("/staff/clients/" + robin.ID)
	if got := js[string](b, `document.querySelector('h1').textContent`); !strings.Contains(got, "Robin Lake") {
		t.Errorf("chart heading: %q", got)
	}
	b.axeCheck("client chart", axe)
	b.open("/staff")

	b.navigate("sign out", 200, chromedp.Click(chromedp.CSS(`form[action="/logout"] button[type=submit]`)))
	if p := b.path(); p != "/login" {
		t.Errorf("after sign-out: %s", p)
	}
}
