package api_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// TestIssuedEstimateKeptAsIssued: a good-faith estimate given to a self-pay client is kept on
// the chart exactly as issued: after the program's rates change, the preview follows the new
// rates but the kept estimate (its JSON and its PDF, read with pdftotext) still shows the
// figures the client was given. Each issue is numbered anew; another client's estimate is 404
// through this client's address; a payer reviewer does not see the client (404) and the front
// desk, which does not see assessments, may not issue one (403) but lists the kept ones; an insured client gets a
// 400 naming coverage and nothing is kept.
func TestIssuedEstimateKeptAsIssued(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	admin, _ := apptest.Token(t, ts.Store, "admin@example.org", carepath.RoleAdmin)
	desk, _ := apptest.Token(t, ts.Store, "desk@example.org", carepath.RoleFrontDesk)
	rev, _ := apptest.Token(t, ts.Store, "rev@example.org", carepath.RoleReviewer)
	ana, anaStaff := apptest.Token(t, ts.Store, "ana@example.org", carepath.RoleClinician)
	client, episode, _ := seedAttended(t, ts.Store, anaStaff.ID)
	api := ts.URL + "/api/v1"
	call := func(method, path, token, body string, want int) string {
		t.Helper()
		status, got := apptest.API(t, method, api+path, token, body)
		if status != want {
			t.Fatalf("%s %s = %d %s, want %d", method, path, status, got, want)
		}
		return got
	}
	getPDF := func(path, token string) string { t.Helper(); return pdfTextAt(t, api+path, token) }
	call("POST", "/clients/"+client+"/diagnoses", ana, `{"code":"F10.20","primary":true}`, 201)
	call("POST", "/clients/"+client+"/assessments", ana, `{"profile":{"answers":{"phq9":[2,2,2,2,2,1,1,1,0]}}}`, 201)
	call("PUT", "/billing-provider", admin, `{"name":"Harbor Behavioral Health","npi":"1003000126","tax_id":"12-3456789",
		"address":{"line1":"100 Main St","city":"Springfield","state":"IL","zip":"62701-1234"},"phone":"555-010-0199","submitter_id":"HARBORBH"}`, 200)
	base := "/clients/" + client + "/good-faith-estimates"

	call("POST", base, rev, "", 404)
	call("POST", base, desk, "", 403)
	var first carepath.IssuedEstimate
	if err := json.Unmarshal([]byte(call("POST", base, ana, "", 201)), &first); err != nil {
		t.Fatal(err)
	}
	if !first.Recommended.Valid() || first.IssuedBy != anaStaff.ID || !strings.HasPrefix(first.Number, "GFE-") ||
		!strings.Contains(string(first.Document), fmt.Sprintf(`"recommended":true,"offered_here":%t`, first.Recommended == carepath.LevelIOP)) {
		t.Errorf("issued estimate %s: %s recommended at %d by %s, want a level, by the clinician, numbered GFE-…", first.Number, first.Recommended, first.Total, first.IssuedBy)
	}
	issued := getPDF(base+"/"+first.ID+"/pdf", ana)
	for _, want := range []string{"Harbor Behavioral Health", "Robin Lake", "F10.20", first.Number, "$300.00", "$5,400.00"} {
		if !strings.Contains(issued, want) {
			t.Errorf("issued estimate lacks %q:\n%s", want, issued)
		}
	}

	// The program's IOP day rate rises; the preview follows, the kept estimate does not.
	eps, err := store.NewEpisodeService(ts.Store).FindEpisodes(apptest.System(), client)
	if err != nil || len(eps) != 1 || eps[0].ID != episode {
		t.Fatalf("episodes = %v, %v", eps, err)
	}
	rates := []carepath.Rate{{Service: carepath.RateIOPPerDiem, Cents: 450_00}, {Service: carepath.RateGroupSession, Cents: 60_00}}
	if _, err := store.NewProgramService(ts.Store).UpdateProgramDetails(apptest.System(), eps[0].ProgramID,
		carepath.ProgramDetailsUpdate{Version: 2, Rates: &rates}); err != nil {
		t.Fatal(err)
	}
	if preview := getPDF("/clients/"+client+"/good-faith-estimate", ana); !strings.Contains(preview, "$450.00") {
		t.Errorf("the preview does not follow the new rate:\n%s", preview)
	}
	if again := getPDF(base+"/"+first.ID+"/pdf", ana); again != issued || strings.Contains(again, "$450.00") {
		t.Errorf("the kept estimate changed with the rates:\n%s", again)
	}
	var kept carepath.IssuedEstimate
	if err := json.Unmarshal([]byte(call("GET", base+"/"+first.ID, ana, "", 200)), &kept); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(kept.Document), `"number":"`+first.Number+`"`) || !strings.Contains(string(kept.Document), `"unit_cents":30000`) ||
		kept.Total != first.Total {
		t.Errorf("kept document = %s", kept.Document)
	}

	var second carepath.IssuedEstimate
	if err := json.Unmarshal([]byte(call("POST", base, ana, "", 201)), &second); err != nil {
		t.Fatal(err)
	}
	if second.Number == first.Number || !strings.Contains(string(second.Document), `"unit_cents":45000`) {
		t.Errorf("second estimate %s, first %s: want a new number at the new rate: %s", second.Number, first.Number, second.Document)
	}
	var list struct {
		Estimates []carepath.IssuedEstimate `json:"estimates"`
	}
	if err := json.Unmarshal([]byte(call("GET", base, desk, "", 200)), &list); err != nil {
		t.Fatal(err)
	}
	if len(list.Estimates) != 2 || list.Estimates[0].ID != second.ID || list.Estimates[1].Document != nil {
		t.Errorf("list = %+v, want the two, newest first, without documents", list.Estimates)
	}

	other := &carepath.Client{GivenName: "Sam", FamilyName: "Reed", BirthDate: "1985-01-01", PrimaryClinicianID: anaStaff.ID}
	if err := store.NewClientService(ts.Store).CreateClient(apptest.System(), other); err != nil {
		t.Fatal(err)
	}
	call("GET", "/clients/"+other.ID+"/good-faith-estimates/"+first.ID, ana, "", 404)
	call("GET", base+"/not-an-id", ana, "", 404)

	call("POST", "/clients/"+client+"/coverages", desk, `{"payer_id":"60054","member_id":"W123","plan_year_start":"2026-01-01"}`, 201)
	if got := call("POST", base, ana, "", 400); !strings.Contains(got, `"field":"coverage"`) {
		t.Errorf("estimate for an insured client: %s", got)
	}
	if err := json.Unmarshal([]byte(call("GET", base, desk, "", 200)), &list); err != nil || len(list.Estimates) != 2 {
		t.Errorf("after the refused issue: %d estimates, %v", len(list.Estimates), err)
	}
}
