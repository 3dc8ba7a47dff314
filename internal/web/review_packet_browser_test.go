package web_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// TestBrowserReviewPacket: the payer reviewer assigned to an authorization opens its
// utilization-review packet in chromium: the 42 CFR 2.32 notice comes first, the latest
// assessment's dimensions, the diagnosis and the PHQ-9's reliable change are shown, the
// measures' chart is an image with its data table, and the page passes axe-core.
func TestBrowserReviewPacket(t *testing.T) {
	t.Parallel()
	axe := loadAxe(t)
	b := newBrowser(t)
	st := b.srv.Store
	s := apptest.SeedChart(t, st)
	cli := apptest.System()
	rae := &carepath.Staff{Email: "rae@acme.example", Name: "Rae Viewer", Role: carepath.RoleReviewer, Organization: "Acme Health"}
	if err := store.NewStaffService(st).CreateStaff(cli, rae, apptest.Password); err != nil {
		t.Fatal(err)
	}
	payer, err := store.NewPayerService(st).CreatePayer(cli, carepath.PayerInput{Name: "Acme Health", PayerID: "60054"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.NewDiagnosisService(st).AddDiagnosis(cli, s.Client.ID, carepath.DiagnosisInput{Code: "F33.1", Primary: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := store.NewAssessmentService(st).CreateAssessment(cli, s.Client.ID, carepath.AssessmentInput{
		Profile: json.RawMessage(`{"answers":{"phq9":[2,2,2,2,2,1,1,1,0]}}`)}); err != nil {
		t.Fatal(err)
	}
	today := time.Now().UTC()
	measures := store.NewMeasureService(st)
	for i, answers := range [][]int{{3, 3, 2, 2, 2, 2, 2, 1, 0}, {1, 1, 1, 1, 0, 0, 1, 0, 0}} {
		if _, _, err := measures.CreateMeasure(cli, s.Client.ID, carepath.MeasureInput{Instrument: "phq9", Answers: answers,
			TakenAt: today.AddDate(0, 0, -2+i)}); err != nil {
			t.Fatal(err)
		}
	}
	a, err := store.NewAuthorizationService(st).AddAuthorization(cli, s.Episode.ID, carepath.AuthorizationInput{PayerID: payer.ID,
		Number: "UR-7", Level: s.Episode.Level, Start: s.Episode.AdmittedOn, End: today.AddDate(0, 1, 0).Format(carepath.DateLayout),
		Units: 20, Unit: "day", ReviewerID: rae.ID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.NewConsentService(st).RecordConsent(cli, carepath.ConsentCreate{ClientID: s.Client.ID,
		Kind: carepath.ConsentPart2Disclosure, Recipient: "Acme Health", Information: "utilization review", Purpose: "utilization review",
		Purposes: []carepath.DisclosurePurpose{carepath.PurposePayment}, SignedOn: today.AddDate(0, 0, -3).Format(carepath.DateLayout),
		ExpiresOn: today.AddDate(1, 0, 0).Format(carepath.DateLayout)}); err != nil {
		t.Fatal(err)
	}

	b.signInBrowser("rae@acme.example")
	b.open("/staff/authorizations/" + a.ID + "/packet")
	got := strings.Join(strings.Fields(js[string](b, `document.querySelector('main').textContent`)), " ")
	notice := strings.Index(got, "42 CFR part 2 prohibits")
	for _, want := range []string{"UR-7", "F33.1", "Latest assessment", "phq9: 17 to 5", "reliable improvement"} {
		if i := strings.Index(got, want); i < 0 || (notice >= 0 && i < notice) {
			t.Errorf("the packet lacks %q after the notice (at %d): %q", want, notice, clip(got, 600))
		}
	}
	if notice < 0 {
		t.Errorf("the packet lacks the notice")
	}
	if n := js[int](b, `document.querySelectorAll('figure.measure-chart svg[role=img]').length`); n != 1 {
		t.Errorf("%d measure charts, want 1", n)
	}
	b.axeCheck("utilization-review packet", axe)
}
