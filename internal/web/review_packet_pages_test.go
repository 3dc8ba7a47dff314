package web_test

import (
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// TestReviewPacketPages: the payer reviewer assigned to an authorization opens its packet's
// read-only page and PDF only once a 42 CFR Part 2 consent names their organization for
// payment (before, 403 naming the consent, no record shown); a reviewer not assigned gets 404;
// the page and the PDF carry the notice and the diagnoses; the care team's authorization page
// links to the packet.
func TestReviewPacketPages(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	s := apptest.SeedChart(t, ts.Store)
	cli := apptest.System()
	staff := store.NewStaffService(ts.Store)
	var reviewers []*carepath.Staff
	for _, email := range []string{"rae@acme.example", "ron@acme.example"} {
		r := &carepath.Staff{Email: email, Name: "Reviewer", Role: carepath.RoleReviewer, Organization: "Acme Health"}
		if err := staff.CreateStaff(cli, r, apptest.Password); err != nil {
			t.Fatal(err)
		}
		reviewers = append(reviewers, r)
	}
	payer, err := store.NewPayerService(ts.Store).CreatePayer(cli, carepath.PayerInput{Name: "Acme Health", PayerID: "60054"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.NewDiagnosisService(ts.Store).AddDiagnosis(cli, s.Client.ID, carepath.DiagnosisInput{Code: "F10.20", Primary: true}); err != nil {
		t.Fatal(err)
	}
	today := time.Now().UTC()
	a, err := store.NewAuthorizationService(ts.Store).AddAuthorization(cli, s.Episode.ID, carepath.AuthorizationInput{PayerID: payer.ID,
		Number: "UR-9", Level: s.Episode.Level, Start: s.Episode.AdmittedOn, End: today.AddDate(0, 1, 0).Format(carepath.DateLayout),
		Units: 20, Unit: "day", ReviewerID: reviewers[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	rae := apptest.SignIn(t, ts.URL, "rae@acme.example")
	ron := apptest.SignIn(t, ts.URL, "ron@acme.example")
	page := "/staff/authorizations/" + a.ID + "/packet"
	code, _, body := rae("GET", page, nil)
	if code != 403 || !strings.Contains(body, "No active 42 CFR Part 2 consent") || strings.Contains(body, "F10.20") {
		t.Fatalf("no consent: %d, want 403 naming the consent and no record", code)
	}
	if code, _, _ := rae("GET", page+".pdf", nil); code != 403 {
		t.Errorf("PDF without consent: %d, want 403", code)
	}
	if _, err := store.NewConsentService(ts.Store).RecordConsent(cli, carepath.ConsentCreate{ClientID: s.Client.ID,
		Kind: carepath.ConsentPart2Disclosure, Recipient: "Acme Health", Information: "utilization review", Purpose: "utilization review",
		Purposes: []carepath.DisclosurePurpose{carepath.PurposePayment}, SignedOn: today.AddDate(0, 0, -1).Format(carepath.DateLayout),
		ExpiresOn: today.AddDate(1, 0, 0).Format(carepath.DateLayout)}); err != nil {
		t.Fatal(err)
	}
	code, _, body = rae("GET", page, nil)
	if code != 200 || !strings.Contains(body, "F10.20") || !strings.Contains(body, "42 CFR part 2 prohibits") || !strings.Contains(body, "UR-9") {
		t.Fatalf("assigned reviewer: %d, want the packet with the diagnosis and the notice", code)
	}
	code, _, pdf := rae("GET", page+".pdf", nil)
	if text := apptest.PDFText(t, pdf); code != 200 || !strings.Contains(text, "F10.20") || !strings.Contains(text, "42 CFR part 2 prohibits unauthorized use") {
		t.Errorf("PDF: %d %q", code, text)
	}
	if code, _, body := ron("GET", page, nil); code != 404 || strings.Contains(body, "F10.20") {
		t.Errorf("unassigned reviewer: %d, want 404", code)
	}
	if code, _, _ := ron("GET", "/staff/clients/"+s.Client.ID, nil); code == 200 {
		t.Errorf("unassigned reviewer reads the chart: %d", code)
	}
	ana := apptest.SignIn(t, ts.URL, "ana@example.org")
	if _, _, body := ana("GET", "/staff/clients/"+s.Client.ID+"/episodes/"+s.Episode.ID+"/authorizations", nil); !strings.Contains(body, page) {
		t.Errorf("the authorization page does not link to the packet")
	}
}
