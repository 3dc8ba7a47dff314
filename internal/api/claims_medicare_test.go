package api_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/billing"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// TestMedicareIOPRulesAtClaimBuild: a batch to a payer flagged medicare checks each claim
// against Medicare's IOP rules (billing.CheckMedicareIOP) and holds a failing one with the
// rules named, out of the 837; once the flag is off, the same charges go out. The payer's flag
// is set and read back through the API. Then, billed per service (no per diem), the episode's
// stored physician certifications decide: an initial certification whose 60 days ran out
// before the services holds the claim on the recertification rule; a recertification in time
// lets it go out to Medicare.
func TestMedicareIOPRulesAtClaimBuild(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	admin, _ := apptest.Token(t, ts.Store, "admin@example.org", carepath.RoleAdmin)
	desk, _ := apptest.Token(t, ts.Store, "desk@example.org", carepath.RoleFrontDesk)
	ana, anaStaff := apptest.Token(t, ts.Store, "ana@example.org", carepath.RoleClinician)
	client, episode, group := seedAttended(t, ts.Store, anaStaff.ID)
	for _, day := range []string{"2026-10-26", "2026-10-28", "2026-10-30"} {
		apptest.SignGroupNote(t, ts.Store, anaStaff, group+":"+day, client)
	}
	api := ts.URL + "/api/v1"
	call := func(method, path, token, body string, want int) string {
		t.Helper()
		status, got := apptest.API(t, method, api+path, token, body)
		if status != want {
			t.Fatalf("%s %s = %d %s, want %d", method, path, status, got, want)
		}
		return got
	}
	if got := call("POST", "/payers", admin, `{"name":"Medicare Part A","payer_id":"MCRA1","claim_format":"837I","medicare":true}`, 201); !strings.Contains(got, `"medicare":true`) {
		t.Fatalf("payer: %s", got)
	}
	call("POST", "/clients/"+client+"/diagnoses", ana, `{"code":"F33.1","primary":true}`, 201)
	call("POST", "/clients/"+client+"/coverages", desk, `{"payer_id":"MCRA1","member_id":"1EG4TE5MK73","plan_year_start":"2026-01-01",
		"subscriber_address":{"line1":"12 Elm St","city":"Springfield","state":"IL","zip":"62704"}}`, 201)
	call("PUT", "/billing-provider", admin, `{"name":"Harbor Behavioral Health","npi":"1003000126","tax_id":"12-3456789",
		"address":{"line1":"100 Main St","city":"Springfield","state":"IL","zip":"62701-1234"},"phone":"555-010-0199",
		"submitter_id":"HARBORBH","attending_npi":"1245319599","attending_last_name":"Okafor","attending_first_name":"Ada"}`, 200)
	if got := call("PATCH", "/payers/MCRA1", admin, `{"medicare":"yes"}`, 400); !strings.Contains(got, "medicare") {
		t.Errorf("a medicare flag that is not a boolean: %s", got)
	}
	batchBody := `{"payer_id":"MCRA1","from":"2026-10-01","to":"2026-10-31","format":"837I"}`
	for _, tc := range []struct {
		name      string
		medicare  bool
		status    string
		wantRules []string
	}{
		{"medicare: per diem codes and no certification are held, rules named", true, carepath.ClaimHeld,
			[]string{billing.RuleIOPNoPerDiemCodes, billing.RuleIOPCertification}},
		{"not medicare: the same charges go out", false, "submitted", nil},
	} {
		flag := "false"
		if tc.medicare {
			flag = "true"
		}
		if got := call("PATCH", "/payers/MCRA1", admin, `{"medicare":`+flag+`}`, 200); !strings.Contains(got, `"medicare":`+flag) {
			t.Fatalf("%s: flag not set: %s", tc.name, got)
		}
		var batch carepath.ClaimBatch
		if err := json.Unmarshal([]byte(call("POST", "/claim-batches", desk, batchBody, 201)), &batch); err != nil {
			t.Fatal(err)
		}
		if len(batch.Claims) != 1 || batch.Claims[0].Status != tc.status {
			if len(batch.Claims) > 0 {
				t.Logf("holds %+v", batch.Claims[0].Holds)
			}
			t.Fatalf("%s: claims %+v, want one %s", tc.name, batch.Claims, tc.status)
		}
		var rules []string
		for _, h := range batch.Claims[0].Holds {
			rules = append(rules, h.Rule)
		}
		for _, r := range tc.wantRules {
			if !strings.Contains(strings.Join(rules, ","), r) {
				t.Errorf("%s: holds %q lack rule %s", tc.name, rules, r)
			}
		}
		if tc.wantRules == nil && len(rules) != 0 {
			t.Errorf("%s: holds %q, want none", tc.name, rules)
		}
		status, file := apptest.API(t, "GET", api+"/claim-batches/"+batch.ID+"/x12", desk, "")
		if tc.status == carepath.ClaimHeld && (status != 404 || strings.Contains(file, "CLM*")) {
			t.Errorf("%s: the 837 of a batch whose claim is held: %d %s, want none", tc.name, status, file)
		}
		if tc.status != carepath.ClaimHeld && (status != 200 || !strings.Contains(file, "CLM*")) {
			t.Errorf("%s: the 837: %d, want the claim", tc.name, status)
		}
	}

	// Billed per service, with the certifications on the episode.
	eps, err := store.NewEpisodeService(ts.Store).FindEpisodes(apptest.System(), client)
	if err != nil || len(eps) != 1 {
		t.Fatalf("episodes: %v %v", eps, err)
	}
	rates := []carepath.Rate{{Service: carepath.RateGroupSession, Cents: 60_00}}
	if _, err := store.NewProgramService(ts.Store).UpdateProgramDetails(apptest.System(), eps[0].ProgramID,
		carepath.ProgramDetailsUpdate{Version: 2, Rates: &rates}); err != nil {
		t.Fatal(err)
	}
	call("PATCH", "/payers/MCRA1", admin, `{"medicare":true}`, 200)
	certify := func(date string, recert bool) {
		call("POST", "/episodes/"+episode+"/certifications", ana, fmt.Sprintf(`{"date":%q,"recertification":%v,
			"physician_name":"Ada Okafor","physician_npi":"1245319599","hours_per_week":12}`, date, recert), 201)
	}
	for _, tc := range []struct {
		name, certified string
		recert          bool
		status          string
		wantRule        string
	}{
		{"certified 62 days before the services: recertification overdue", "2026-08-25", false, carepath.ClaimHeld, billing.RuleIOPRecertify},
		{"recertified in time: the claim goes to Medicare", "2026-10-20", true, "submitted", ""},
	} {
		certify(tc.certified, tc.recert)
		var batch carepath.ClaimBatch
		if err := json.Unmarshal([]byte(call("POST", "/claim-batches", desk, batchBody, 201)), &batch); err != nil {
			t.Fatal(err)
		}
		if len(batch.Claims) != 1 || batch.Claims[0].Status != tc.status {
			if len(batch.Claims) > 0 {
				t.Logf("holds %+v", batch.Claims[0].Holds)
			}
			t.Fatalf("%s: claims %+v, want one %s", tc.name, batch.Claims, tc.status)
		}
		var held []string
		for _, h := range batch.Claims[0].Holds {
			held = append(held, h.Rule)
		}
		if tc.wantRule != "" && (!slices.Contains(held, tc.wantRule) || slices.Contains(held, billing.RuleIOPCertification)) {
			t.Errorf("%s: held on %q, want %s and a certification found", tc.name, held, tc.wantRule)
		}
		if tc.wantRule == "" && len(held) != 0 {
			t.Errorf("%s: holds %q, want none", tc.name, held)
		}
	}
}
