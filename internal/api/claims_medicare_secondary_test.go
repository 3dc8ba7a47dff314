package api_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/billing"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// TestMedicareAsSecondaryPayer: Robin's employer plan (Acme Health) pays first and Medicare
// second. A coverage cannot say why Medicare pays second unless it is a secondary Medicare
// coverage (400 naming medicare_secondary_type). Once Acme has paid its part, Medicare's claim
// is held while the coverage does not say why Medicare is secondary; with the reason recorded
// (12, working aged) the claim goes out carrying it in SBR05, Acme's payment beside it.
func TestMedicareAsSecondaryPayer(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	admin, _ := apptest.Token(t, ts.Store, "admin@example.org", carepath.RoleAdmin)
	desk, _ := apptest.Token(t, ts.Store, "desk@example.org", carepath.RoleFrontDesk)
	ana, anaStaff := apptest.Token(t, ts.Store, "ana@example.org", carepath.RoleClinician)
	client, episode, group := seedAttended(t, ts.Store, anaStaff.ID)
	for _, day := range apptest.BillableDays {
		apptest.SignGroupNote(t, ts.Store, anaStaff, group+":"+day, client)
	}
	call := func(method, path, token, body string, want int) string {
		t.Helper()
		status, got := apptest.API(t, method, ts.URL+"/api/v1"+path, token, body)
		if status != want {
			t.Fatalf("%s %s = %d %s, want %d", method, path, status, got, want)
		}
		return got
	}
	// Billed per service, as Medicare pays IOP, and certified at admission.
	eps, err := store.NewEpisodeService(ts.Store).FindEpisodes(apptest.System(), client)
	if err != nil || len(eps) != 1 {
		t.Fatalf("episodes: %v %v", eps, err)
	}
	rates := []carepath.Rate{{Service: carepath.RateGroupSession, Cents: 60_00}}
	if _, err := store.NewProgramService(ts.Store).UpdateProgramDetails(apptest.System(), eps[0].ProgramID,
		carepath.ProgramDetailsUpdate{Version: 2, Rates: &rates}); err != nil {
		t.Fatal(err)
	}
	call("POST", "/episodes/"+episode+"/certifications", ana, `{"date":"2026-10-26","physician_name":"Ada Okafor",
		"physician_npi":"1245319599","hours_per_week":12}`, 201)
	call("POST", "/payers", admin, `{"name":"Medicare Part A","payer_id":"MCRA1","claim_format":"837I","medicare":true}`, 201)
	call("PATCH", "/payers/60054", admin, `{"claim_format":"837I"}`, 200)
	call("POST", "/clients/"+client+"/diagnoses", ana, `{"code":"F33.1","primary":true}`, 201)
	call("PUT", "/billing-provider", admin, `{"name":"Harbor Behavioral Health","npi":"1003000126","tax_id":"12-3456789",
		"address":{"line1":"100 Main St","city":"Springfield","state":"IL","zip":"62701-1234"},"phone":"555-010-0199",
		"submitter_id":"HARBORBH","attending_npi":"1245319599","attending_last_name":"Okafor","attending_first_name":"Ada"}`, 200)
	const address = `"subscriber_address":{"line1":"12 Elm St","city":"Springfield","state":"IL","zip":"62704"}`
	call("POST", "/clients/"+client+"/coverages", desk, `{"payer_id":"60054","member_id":"W123","plan_year_start":"2026-01-01",`+address+`}`, 201)
	for _, bad := range []struct{ body, why string }{
		{`{"payer_id":"MCRA1","rank":2,"member_id":"1EG4TE5MK73","plan_year_start":"2026-01-01","medicare_secondary_type":"99",` + address + `}`, "not a type"},
		{`{"payer_id":"MCRA1","rank":1,"member_id":"1EG4TE5MK73","plan_year_start":"2026-01-01","medicare_secondary_type":"12",` + address + `}`, "primary"},
		{`{"payer_id":"60054","rank":2,"member_id":"W123","plan_year_start":"2026-01-01","medicare_secondary_type":"12",` + address + `}`, "not Medicare"},
	} {
		if got := call("POST", "/clients/"+client+"/coverages", desk, bad.body, 400); !strings.Contains(got, `"field":"medicare_secondary_type"`) {
			t.Errorf("%s: %s", bad.why, got)
		}
	}
	medicare := `{"payer_id":"MCRA1","rank":2,"member_id":"1EG4TE5MK73","plan_year_start":"2026-01-01",` + address + `}`
	call("POST", "/clients/"+client+"/coverages", desk, medicare, 201)

	october := func(payer string) carepath.ClaimBatch {
		t.Helper()
		var b carepath.ClaimBatch
		if err := json.Unmarshal([]byte(call("POST", "/claim-batches", desk, `{"payer_id":"`+payer+`","from":"2026-10-01","to":"2026-10-31","format":"837I"}`, 201)), &b); err != nil || len(b.Claims) != 1 {
			t.Fatalf("%s batch = %+v, %v", payer, b, err)
		}
		return b
	}
	acme := october("60054")
	if acme.Claims[0].Status != carepath.ClaimSubmitted || acme.Claims[0].Lines != 3 {
		t.Fatalf("Acme claim %+v; want three services sent", acme.Claims[0])
	}
	service := apptest.RemitLine{Paid: 40_00, Coinsurance: 20_00, Charge: 60_00, Code: "90853"}
	remit := apptest.Hand835(acme.Claims[0].ID, service, service, service)
	if status, got := apiWithType(t, "POST", ts.URL+"/api/v1/remittances", admin, "application/edi-x12", remit); status != 200 {
		t.Fatalf("Acme's 835 = %d %s", status, got)
	}
	held := october("MCRA1").Claims[0]
	var rules []string
	for _, h := range held.Holds {
		rules = append(rules, h.Rule)
	}
	if held.Status != carepath.ClaimHeld || !slices.Equal(rules, []string{billing.RuleMedicareSecondaryType}) {
		t.Fatalf("Medicare claim without the reason: %s, holds %q; want held on %s alone", held.Status, rules, billing.RuleMedicareSecondaryType)
	}

	call("POST", "/clients/"+client+"/coverages", desk, strings.Replace(medicare, `"rank":2,`, `"rank":2,"medicare_secondary_type":"12",`, 1), 201)
	var covs struct {
		Coverages []carepath.ClientCoverage `json:"coverages"`
	}
	if err := json.Unmarshal([]byte(call("GET", "/clients/"+client+"/coverages", desk, "", 200)), &covs); err != nil || len(covs.Coverages) != 2 ||
		covs.Coverages[1].MedicareSecondaryType != "12" {
		t.Fatalf("coverages = %+v, %v; want Medicare second, working aged", covs, err)
	}
	sent := october("MCRA1")
	if c := sent.Claims[0]; c.Status != carepath.ClaimSubmitted || len(c.Holds) != 0 {
		t.Fatalf("Medicare claim with the reason: %+v", c)
	}
	file := call("GET", "/claim-batches/"+sent.ID+"/x12", desk, "", 200)
	for _, want := range []string{
		"SBR*S*18***12****MA~NM1*IL*1*LAKE*ROBIN****MI*1EG4TE5MK73~", // 2000B: Medicare second, working aged
		"SBR*P*18*******CI~AMT*D*120~",                               // 2320: Acme paid $120 first
	} {
		if !strings.Contains(file, want) {
			t.Errorf("Medicare's 837 lacks %s:\n%s", want, file)
		}
	}
}
