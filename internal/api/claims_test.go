package api_test

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/x12"
)

// TestClaimBatchAndRemittanceAPI bills three attended IOP days (signed notes, $300 a day) to
// the client's payer through the API, parses the 837 back with node-x12 and checks it segment
// by segment, refuses a batch naming a client without coverage (nothing written), refuses a
// malformed 835 naming its segment (nothing posted), and posts a hand-made 835 for the batch to
// the expected claim status and balance.
func TestClaimBatchAndRemittanceAPI(t *testing.T) {
	t.Parallel()
	for _, engine := range []string{apptest.SQLite, apptest.Postgres} {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			testClaimBatchAndRemittance(t, apptest.StartWith(t, apptest.Options{Engine: engine}))
		})
	}
}

func testClaimBatchAndRemittance(t *testing.T, ts *apptest.Server) {
	admin, _ := apptest.Token(t, ts.Store, "admin@example.org", carepath.RoleAdmin)
	desk, _ := apptest.Token(t, ts.Store, "desk@example.org", carepath.RoleFrontDesk)
	ana, anaStaff := apptest.Token(t, ts.Store, "ana@example.org", carepath.RoleClinician)
	client, _, group := seedAttended(t, ts.Store, anaStaff.ID)
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
	call("POST", "/clients/"+client+"/diagnoses", ana, `{"code":"F10.20","primary":true}`, 201)
	call("POST", "/clients/"+client+"/coverages", desk, `{"payer_id":"60054","member_id":"W123","group_id":"G9","plan_year_start":"2026-01-01",
		"subscriber_address":{"line1":"12 Elm St","city":"Springfield","state":"IL","zip":"62704"}}`, 201)
	batchBody := `{"payer_id":"60054","from":"2026-10-01","to":"2026-10-31","format":"837I"}`
	if got := call("POST", "/claim-batches", desk, batchBody, 400); !strings.Contains(got, `"field":"billing_provider"`) {
		t.Errorf("no billing provider: %s", got)
	}
	call("PUT", "/billing-provider", admin, `{"name":"Harbor Behavioral Health","npi":"1003000126","tax_id":"12-3456789",
		"address":{"line1":"100 Main St","city":"Springfield","state":"IL","zip":"62701-1234"},"phone":"555-010-0199",
		"submitter_id":"HARBORBH","attending_npi":"1245319599","attending_last_name":"Okafor","attending_first_name":"Ada"}`, 200)
	if got := call("PUT", "/billing-provider", admin, `{"name":"X","npi":"1003000127","tax_id":"12-3456789",
		"address":{"line1":"1 A St","city":"B","state":"IL","zip":"62701-1234"},"phone":"555","submitter_id":"X"}`, 400); !strings.Contains(got, `"field":"npi"`) {
		t.Errorf("bad NPI: %s", got)
	}

	// A client without coverage with the payer is named, and nothing is written.
	other := &carepath.Client{GivenName: "Sam", FamilyName: "Reed", BirthDate: "1985-01-01", PrimaryClinicianID: anaStaff.ID}
	if err := store.NewClientService(ts.Store).CreateClient(apptest.System(), other); err != nil {
		t.Fatal(err)
	}
	bad := `{"payer_id":"60054","from":"2026-10-01","to":"2026-10-31","format":"837I","client_ids":["` + client + `","` + other.ID + `"]}`
	if got := call("POST", "/claim-batches", desk, bad, 400); !strings.Contains(got, `"field":"client_ids[1]"`) {
		t.Errorf("client without coverage: %s", got)
	}
	if n := apptest.CountRows(t, ts.DB, "claim_batches", "1 = 1") + apptest.CountRows(t, ts.DB, "claims", "1 = 1"); n != 0 {
		t.Fatalf("%d batch and claim rows written by refused batches", n)
	}

	if got := call("PATCH", "/clients/"+client, desk, `{"version":1,"payer_sex":"x"}`, 400); !strings.Contains(got, `"field":"payer_sex"`) {
		t.Errorf("bad payer_sex: %s", got)
	}
	if got := call("PATCH", "/clients/"+client, desk, `{"version":1,"payer_sex":"f"}`, 200); !strings.Contains(got, `"payer_sex":"F"`) {
		t.Errorf("payer_sex not stored as F: %s", got)
	}
	var batch carepath.ClaimBatch
	if err := json.Unmarshal([]byte(call("POST", "/claim-batches", desk, batchBody, 201)), &batch); err != nil {
		t.Fatal(err)
	}
	if len(batch.Claims) != 1 || batch.Claims[0].Status != "submitted" || batch.Total != 900_00 || batch.Claims[0].Lines != 3 {
		t.Fatalf("batch = %+v", batch)
	}
	claimID := batch.Claims[0].ID
	file := call("GET", "/claim-batches/"+batch.ID+"/x12", desk, "", 200)
	p := nodeParse837(t, file)
	segs := p.Groups[0].Transactions[0].Segments
	var svc, dates []string
	var clm, hi, dmg []string
	for i, s := range segs {
		switch s[0] {
		case "DMG":
			dmg = s
		case "CLM":
			clm = s
		case "HI":
			if hi == nil {
				hi = s
			}
		case "SV2":
			svc = append(svc, strings.Join(s[1:5], "|"))
			if i+2 < len(segs) && segs[i+1][0] == "DTP" {
				dates = append(dates, segs[i+1][3])
			}
		}
	}
	if p.Groups[0].GS[7] != x12.Version837I || len(clm) < 3 || clm[1] != claimID || clm[2] != "900" {
		t.Errorf("GS %q CLM %q", p.Groups[0].GS, clm)
	}
	if len(dmg) < 4 || dmg[2] != "19900402" || dmg[3] != "F" {
		t.Errorf("DMG %q, want the client's birth date and DMG03 F (the sex the payer has on file)", dmg)
	}
	if len(hi) < 2 || hi[1] != "ABK:F1020" {
		t.Errorf("HI %q, want the principal diagnosis F10.20", hi)
	}
	if strings.Join(svc, ",") != "0906|HC:H0015|300|UN,0906|HC:H0015|300|UN,0906|HC:H0015|300|UN" ||
		strings.Join(dates, ",") != "20261026,20261028,20261030" {
		t.Errorf("service lines %q on %q", svc, dates)
	}

	// A malformed 835 names its segment and posts nothing.
	// The payer pays each $300 day $200, with $50 contractual write-off and $50 coinsurance.
	day := apptest.RemitLine{Paid: 200_00, Contractual: 50_00, Coinsurance: 50_00}
	remit := apptest.Hand835(claimID, day, day, day)
	broken := strings.Replace(remit, "CLP*"+claimID+"*1*900*600*150", "CLP*"+claimID+"*1*900*600*OOPS", 1)
	status, got := apiWithType(t, "POST", api+"/remittances", admin, "application/edi-x12", broken)
	if status != 400 || !strings.Contains(got, `(CLP)`) {
		t.Errorf("malformed 835 = %d %s, want 400 naming the CLP segment", status, got)
	}
	if n := apptest.CountRows(t, ts.DB, "postings", "1 = 1") + apptest.CountRows(t, ts.DB, "remittances", "1 = 1"); n != 0 {
		t.Fatalf("%d rows written by a malformed 835", n)
	}
	status, got = apiWithType(t, "POST", api+"/remittances", admin, "application/edi-x12", remit)
	if status != 200 || !strings.Contains(got, `"status":"paid"`) || !strings.Contains(got, `"postings":3`) || !strings.Contains(got, `"unmatched":[]`) {
		t.Fatalf("835 = %d %s", status, got)
	}
	want := `{"client_id":"` + client + `","charged_cents":90000,"insurance_paid_cents":60000,"written_off_cents":15000,"client_owed_cents":15000,"client_paid_cents":0,"client_due_cents":15000,"awaiting_payer_cents":0}`
	if got := call("GET", "/clients/"+client+"/balance", desk, "", 200); strings.TrimSpace(got) != want {
		t.Errorf("balance = %s, want %s", got, want)
	}
	if got := call("GET", "/claim-batches/"+batch.ID, desk, "", 200); !strings.Contains(got, `"paid_cents":60000`) {
		t.Errorf("batch after the 835: %s", got)
	}

	// The accounting export lists the payer's payments beside the charges, one row per posting.
	rows, err := csv.NewReader(strings.NewReader(call("GET", "/charges?from=2026-10-01&to=2026-11-30&format=csv", desk, "", 200))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	var paid []string
	for _, r := range rows[1:] {
		if r[col["entry"]] == "payer_payment" {
			paid = append(paid, strings.Join([]string{r[col["date"]], r[col["payer_id"]], r[col["amount"]], r[col["reference"]], r[col["claim_id"]],
				r[col["written_off"]], r[col["patient_responsibility"]], r[col["adjustments"]]}, "|"))
		}
	}
	wantRow := "2026-11-10|" + batch.PayerID + "|200.00|EFT20261110001|" + claimID + "|50.00|50.00|CO-45 50.00; PR-2 50.00"
	if len(paid) != 3 || paid[0] != wantRow || paid[2] != wantRow {
		t.Errorf("payer payments in the export = %q, want three of %q", paid, wantRow)
	}
}

// parsed837 is what internal/x12/testdata/x12parse.js prints.
type parsed837 struct {
	Groups []struct {
		GS           []string `json:"gs"`
		Transactions []struct {
			Segments [][]string `json:"segments"`
		} `json:"transactions"`
	} `json:"groups"`
}

// nodeParse837 parses file with node-x12 (strict: segment counts and control numbers).
func nodeParse837(t *testing.T, file string) parsed837 {
	t.Helper()
	node, err := exec.LookPath("node")
	root, _ := filepath.Abs("../..")
	if _, serr := os.Stat(filepath.Join(root, "node_modules", "node-x12")); err != nil || serr != nil {
		if os.Getenv("CAREPATH_REQUIRE_SERVICES") == "1" {
			t.Fatal("node and node_modules/node-x12 are needed (npm ci) (CAREPATH_REQUIRE_SERVICES=1)")
		}
		t.Skip("node or node_modules/node-x12 is missing (run npm ci): the 837 is not checked by node-x12")
	}
	path := filepath.Join(t.TempDir(), "claims.837")
	if err := os.WriteFile(path, []byte(file), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, filepath.Join(root, "internal", "x12", "testdata", "x12parse.js"), root, path).Output()
	if err != nil {
		t.Fatalf("node-x12 rejected the file: %v", err)
	}
	var p parsed837
	if err := json.Unmarshal(out, &p); err != nil || len(p.Groups) != 1 || len(p.Groups[0].Transactions) != 1 {
		t.Fatalf("node output: %v %s", err, strconv.Quote(string(out)))
	}
	return p
}

// apiWithType sends body with the content type given and returns the status and the body.
func apiWithType(t *testing.T, method, u, token, contentType, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, u, strings.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}
