package api_test

import (
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// TestAssignedAuthorizationsAPI: GET /api/v1/authorizations?assigned=me counts a payer
// reviewer's assignment as withheld until a Part 2 consent names their organization, then
// lists it with the client's name; a second reviewer sees none of it; assigned must be "me".
func TestAssignedAuthorizationsAPI(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	_, anaStaff := apptest.Token(t, ts.Store, "ana@example.org", carepath.RoleClinician)
	rae, raeStaff := apptest.Token(t, ts.Store, "rae@acme.example", carepath.RoleReviewer)
	ron, _ := apptest.Token(t, ts.Store, "ron@acme.example", carepath.RoleReviewer)
	client, episode, _ := seedAttended(t, ts.Store, anaStaff.ID)
	payers, err := store.NewPayerService(ts.Store).FindPayers(apptest.System())
	if err != nil || len(payers) == 0 {
		t.Fatal(err)
	}
	if _, err := store.NewAuthorizationService(ts.Store).AddAuthorization(apptest.System(), episode, carepath.AuthorizationInput{
		PayerID: payers[0].ID, Number: "UR-31", Level: carepath.LevelIOP, Start: "2026-10-26", End: "2027-03-31", Units: 20,
		Unit: "day", NextReview: "2026-12-15", ReviewerID: raeStaff.ID}); err != nil {
		t.Fatal(err)
	}
	staff := store.NewStaffService(ts.Store)
	org := "Acme Health"
	if _, err := staff.UpdateStaff(apptest.System(), raeStaff.ID, carepath.StaffUpdate{Organization: &org}); err != nil {
		t.Fatal(err)
	}
	api := ts.URL + "/api/v1/authorizations"
	if status, body := apptest.API(t, "GET", api+"?assigned=me", rae, ""); status != 200 || strings.TrimSpace(body) != `{"authorizations":[],"withheld":1}` {
		t.Fatalf("without a consent = %d %s, want the one assignment withheld", status, body)
	}
	today := time.Now().UTC()
	if _, err := store.NewConsentService(ts.Store).RecordConsent(apptest.System(), carepath.ConsentCreate{ClientID: client,
		Kind: carepath.ConsentPart2Disclosure, Recipient: org, Information: "utilization review", Purpose: "utilization review",
		Purposes: []carepath.DisclosurePurpose{carepath.PurposePayment}, SignedOn: today.AddDate(0, 0, -1).Format(carepath.DateLayout),
		ExpiresOn: today.AddDate(1, 0, 0).Format(carepath.DateLayout)}); err != nil {
		t.Fatal(err)
	}
	status, body := apptest.API(t, "GET", api+"?assigned=me", rae, "")
	if status != 200 || !strings.Contains(body, `"number":"UR-31"`) || !strings.Contains(body, `"family_name":"Lake"`) || !strings.Contains(body, `"units_used":3`) {
		t.Fatalf("assigned reviewer = %d %s", status, body)
	}
	if status, body := apptest.API(t, "GET", api+"?assigned=me", ron, ""); status != 200 || strings.TrimSpace(body) != `{"authorizations":[],"withheld":0}` {
		t.Errorf("second reviewer = %d %s, want an empty list", status, body)
	}
	if status, body := apptest.API(t, "GET", api, rae, ""); status != 400 || !strings.Contains(body, `"field":"assigned"`) {
		t.Errorf("without assigned = %d %s, want 400 naming assigned", status, body)
	}
}
