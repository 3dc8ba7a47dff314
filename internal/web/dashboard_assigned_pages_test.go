package web_test

import (
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// assignedScene is the chart seed with two payer reviewers of Acme Health and authorization
// UR-9 of Robin Lake's episode assigned to the first, and Quinn Harper's episode's UR-10 to
// nobody.
type assignedScene struct {
	apptest.Chart
	reviewers []*carepath.Staff
	auth      *carepath.Authorization
}

func newAssignedScene(t *testing.T, st *store.Store) assignedScene {
	t.Helper()
	s := assignedScene{Chart: apptest.SeedChart(t, st)}
	cli := apptest.System()
	for _, email := range []string{"rae@acme.example", "ron@acme.example"} {
		r := &carepath.Staff{Email: email, Name: "Reviewer", Role: carepath.RoleReviewer, Organization: "Acme Health"}
		if err := store.NewStaffService(st).CreateStaff(cli, r, apptest.Password); err != nil {
			t.Fatal(err)
		}
		s.reviewers = append(s.reviewers, r)
	}
	payer, err := store.NewPayerService(st).CreatePayer(cli, carepath.PayerInput{Name: "Acme Health", PayerID: "60054"})
	if err != nil {
		t.Fatal(err)
	}
	end := time.Now().UTC().AddDate(0, 1, 0).Format(carepath.DateLayout)
	auths := store.NewAuthorizationService(st)
	if s.auth, err = auths.AddAuthorization(cli, s.Episode.ID, carepath.AuthorizationInput{PayerID: payer.ID, Number: "UR-9",
		Level: s.Episode.Level, Start: s.Episode.AdmittedOn, End: end, Units: 20, Unit: "day", NextReview: end,
		ReviewerID: s.reviewers[0].ID}); err != nil {
		t.Fatal(err)
	}
	other := apptest.ClientEpisodes(t, st, s.Other.ID)[0]
	if _, err := auths.AddAuthorization(cli, other.ID, carepath.AuthorizationInput{PayerID: payer.ID, Number: "UR-10",
		Level: other.Level, Start: other.AdmittedOn, End: end, Units: 20, Unit: "day"}); err != nil {
		t.Fatal(err)
	}
	return s
}

// consentToAcme records Robin Lake's Part 2 consent to disclose to Acme Health for payment.
func consentToAcme(t *testing.T, st *store.Store, clientID string) {
	t.Helper()
	today := time.Now().UTC()
	if _, err := store.NewConsentService(st).RecordConsent(apptest.System(), carepath.ConsentCreate{ClientID: clientID,
		Kind: carepath.ConsentPart2Disclosure, Recipient: "Acme Health", Information: "utilization review", Purpose: "utilization review",
		Purposes: []carepath.DisclosurePurpose{carepath.PurposePayment}, SignedOn: today.AddDate(0, 0, -1).Format(carepath.DateLayout),
		ExpiresOn: today.AddDate(1, 0, 0).Format(carepath.DateLayout)}); err != nil {
		t.Fatal(err)
	}
}

// TestReviewerHomeListsAssignedAuthorizations: a payer reviewer's home page lists the
// authorizations assigned to them (client, payer, number, level, dates, units, next review and
// a link to the packet) once a consent names their organization, and before only counts them;
// a second reviewer sees none of the first's; no other client appears.
func TestReviewerHomeListsAssignedAuthorizations(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	s := newAssignedScene(t, ts.Store)
	rae := apptest.SignIn(t, ts.URL, "rae@acme.example")
	ron := apptest.SignIn(t, ts.URL, "ron@acme.example")

	code, _, body := rae("GET", "/staff", nil)
	if code != 200 || !strings.Contains(body, "Authorizations assigned to you") || strings.Contains(body, "UR-9") ||
		strings.Contains(body, "Lake") || !strings.Contains(body, "1 more authorization is assigned to you") {
		t.Fatalf("before the consent: %d; want the assignment counted, not shown", code)
	}
	consentToAcme(t, ts.Store, s.Client.ID)
	_, _, body = rae("GET", "/staff", nil)
	for _, want := range []string{"Robin Lake", "Acme Health", "UR-9", "Intensive Outpatient Program (IOP)", s.Episode.AdmittedOn,
		`href="/staff/authorizations/` + s.auth.ID + `/packet"`, "Open the packet for UR-9"} {
		if !strings.Contains(body, want) {
			t.Errorf("assigned reviewer's home lacks %q", want)
		}
	}
	for _, leak := range []string{"UR-10", "Harper", "Quinn"} {
		if strings.Contains(body, leak) {
			t.Errorf("assigned reviewer's home shows %q of a client not assigned to them", leak)
		}
	}
	code, _, body = ron("GET", "/staff", nil)
	if code != 200 || !strings.Contains(body, "No authorizations are assigned to you.") {
		t.Errorf("second reviewer: %d; want an empty list", code)
	}
	for _, leak := range []string{"UR-9", "UR-10", "Lake", "Harper", "more authorization"} {
		if strings.Contains(body, leak) {
			t.Errorf("second reviewer's home shows %q", leak)
		}
	}
	ana := apptest.SignIn(t, ts.URL, "ana@example.org")
	if _, _, body := ana("GET", "/staff", nil); strings.Contains(body, "Authorizations assigned to you") {
		t.Errorf("a clinician's home shows the reviewer's list")
	}
}
