package web_test

import (
	"bytes"
	"encoding/csv"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// seedHeldClient gives the billable clinic's uncovered client, Sam Reed, coverage with Acme
// Health, a diagnosis and attendance at the group on 2026-10-30 that the day's signed note does
// not name: Sam's claim is held for the note.
func seedHeldClient(t *testing.T, st *store.Store, seed apptest.Billable) {
	t.Helper()
	cli := apptest.System()
	if _, err := store.NewGroupService(st).AddGroupMember(cli, seed.GroupID, seed.Uncovered.ID, "2026-10-26"); err != nil {
		t.Fatal(err)
	}
	if _, err := store.NewAttendanceService(st).RecordAttendance(cli, seed.GroupID+":2026-10-30", carepath.AttendanceUpdate{
		Version: 1, Records: []carepath.AttendanceRecord{{ClientID: seed.Client.ID, Status: "present", Minutes: 180},
			{ClientID: seed.Uncovered.ID, Status: "present", Minutes: 180}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := store.NewDiagnosisService(st).AddDiagnosis(cli, seed.Uncovered.ID, carepath.DiagnosisInput{Code: "F33.1", Primary: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := store.NewCoverageService(st).AddCoverage(cli, seed.Uncovered.ID, carepath.CoverageInput{PayerID: "60054", MemberID: "W9",
		PlanYearStart: "2026-01-01", SubscriberAddress: &carepath.PostalAddress{Line1: "1 Oak St", City: "Springfield", State: "IL", Zip: "62704"}}); err != nil {
		t.Fatal(err)
	}
}

// postFile posts the 835 text as the form's file with the signed-in browser c.
func postFile(t *testing.T, c *http.Client, base, text string) (int, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", "remit.835")
	_, _ = io.WriteString(fw, text)
	_ = mw.WriteField("text", "")
	_ = mw.Close()
	req, _ := http.NewRequest("POST", base+"/staff/remittances", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestClaimBatchPages walks the billing office's pages: the Claims menu entry for the front
// desk and not for a clinician, a new batch naming a client without coverage (400, what was
// chosen kept, nothing written), a batch made for October with one claim submitted and one held
// for an unsigned note (the hold said in plain words with what to do), the 837 downloaded as an
// attachment named by its control number, and the batch list with its filters.
func TestClaimBatchPages(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	ana := apptest.AddStaff(t, ts.Store, "ana@example.org", carepath.RoleClinician)
	apptest.AddStaff(t, ts.Store, "desk@example.org", carepath.RoleFrontDesk)
	seed := apptest.SeedBillable(t, ts.Store, ana)
	robin, sam := seed.Client.ID, seed.Uncovered.ID
	deskClient := apptest.SignInClient(t, ts.URL, "desk@example.org")
	desk := func(method, path string, form url.Values) (int, string, string) {
		t.Helper()
		return apptest.Send(t, deskClient, method, ts.URL+path, form)
	}
	clinician := apptest.SignIn(t, ts.URL, "ana@example.org")

	code, _, body := desk("GET", "/staff/claim-batches", nil)
	if code != 200 || !strings.Contains(body, `href="/staff/claim-batches" aria-current`) && !strings.Contains(body, `<a href="/staff/claim-batches"`) ||
		!strings.Contains(body, "No claim batches yet") {
		t.Fatalf("empty list: %d", code)
	}
	if _, _, home := clinician("GET", "/staff", nil); strings.Contains(home, `href="/staff/claim-batches"`) {
		t.Error("a clinician's menu offers Claims")
	}
	if code, _, _ := clinician("GET", "/staff/claim-batches", nil); code != 403 {
		t.Errorf("a clinician opens the claims: %d", code)
	}

	form := url.Values{"payer_id": {seed.Payer.ID}, "from": {"2026-10-01"}, "to": {"2026-10-31"}, "format": {""},
		"client_ids": {robin, sam}}
	code, _, body = desk("POST", "/staff/claim-batches", form)
	if code != 400 || !strings.Contains(body, `id="client-`+sam+`-error"`) || !strings.Contains(body, `href="#client-`+sam+`"`) ||
		!strings.Contains(body, `value="2026-10-31"`) || !strings.Contains(body, `value="`+robin+`" checked`) ||
		!strings.Contains(body, `value="`+seed.Payer.ID+`" selected`) {
		t.Fatalf("a client without coverage: %d %s", code, clip(body, 3000))
	}
	form.Set("to", "2026-09-01")
	if code, _, body := desk("POST", "/staff/claim-batches", form); code != 400 || !strings.Contains(body, `aria-invalid="true"`) ||
		!strings.Contains(body, `value="2026-09-01"`) {
		t.Errorf("a period ending before it starts: %d", code)
	}
	if n := apptest.CountRows(t, ts.DB, "claim_batches", "1 = 1"); n != 0 {
		t.Fatalf("%d batches written by refused forms", n)
	}

	seedHeldClient(t, ts.Store, seed)
	form = url.Values{"payer_id": {seed.Payer.ID}, "from": {"2026-10-01"}, "to": {"2026-10-31"}, "format": {""}}
	code, loc, _ := desk("POST", "/staff/claim-batches", form)
	if code != 303 || !strings.HasPrefix(loc, "/staff/claim-batches/") {
		t.Fatalf("make the batch: %d %q", code, loc)
	}
	_, _, body = desk("GET", loc, nil)
	for _, want := range []string{"Claim batch B1", "Acme Health", "2026-10-01 to 2026-10-31", "837I", `id="batch-total">$900<`,
		`href="/staff/clients/` + robin + `">Lake, Robin</a>`, `href="/staff/clients/` + sam + `">Reed, Sam</a>`,
		`<span aria-hidden="true">→</span> Submitted`, `<span aria-hidden="true">⏸</span> Held`, "A note is not signed", "What to do: Sign the note",
		`href="` + loc + `/claims.837"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the batch page lacks %q", want)
		}
	}
	resp, err := deskClient.Get(ts.URL + loc + "/claims.837")
	if err != nil {
		t.Fatal(err)
	}
	file, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if cd := resp.Header.Get("Content-Disposition"); resp.StatusCode != 200 || cd != `attachment; filename="claims-B1.837"` ||
		!bytes.HasPrefix(file, []byte("ISA*")) {
		t.Errorf("download: %d %q %.20s", resp.StatusCode, cd, file)
	}

	_, _, body = desk("GET", "/staff/claim-batches", nil)
	if !strings.Contains(body, `href="`+loc+`">B1</a>`) || !strings.Contains(body, "Held</span> 1") || !strings.Contains(body, "Submitted</span> 1") {
		t.Errorf("the list lacks the batch and its counts")
	}
	if _, _, body := desk("GET", "/staff/claim-batches?status=paid", nil); !strings.Contains(body, "No batch matches.") {
		t.Error("the paid filter shows a batch")
	}
	if code, _, body := desk("GET", "/staff/claim-batches?payer_id=60054&status=held", nil); code != 200 || !strings.Contains(body, `href="`+loc+`"`) {
		t.Errorf("the held filter: %d", code)
	}
	if code, _, body := desk("GET", "/staff/claim-batches?status=lost", nil); code != 400 || !strings.Contains(body, `id="filter-error"`) {
		t.Errorf("a bad status: %d", code)
	}
	if code, _, _ := desk("GET", "/staff/remittances/new", nil); code != 403 {
		t.Errorf("the front desk opens the 835 page: %d", code)
	}
}

// TestClaimBatchNeedsBillingDetails: without the clinic's billing details the new batch form
// says so and links to where an admin sets them; a batch posted anyway is refused naming them.
func TestClaimBatchNeedsBillingDetails(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	apptest.AddStaff(t, ts.Store, "desk@example.org", carepath.RoleFrontDesk)
	if _, err := store.NewPayerService(ts.Store).CreatePayer(apptest.System(), carepath.PayerInput{Name: "Acme Health", PayerID: "60054"}); err != nil {
		t.Fatal(err)
	}
	desk := apptest.SignIn(t, ts.URL, "desk@example.org")
	if _, _, body := desk("GET", "/staff/claim-batches/new", nil); !strings.Contains(body, "billing details are not set") ||
		!strings.Contains(body, `href="/staff/billing-provider"`) {
		t.Error("the form does not say the billing details are missing")
	}
	code, _, body := desk("POST", "/staff/claim-batches", url.Values{"payer_id": {"60054"}, "from": {"2026-10-01"}, "to": {"2026-10-31"}})
	if code != 400 || !strings.Contains(body, `href="#billing-provider"`) {
		t.Errorf("a batch without billing details: %d", code)
	}
	if code, _, body := desk("GET", "/staff/billing-provider", nil); code != 200 || !strings.Contains(body, "an admin sets them") {
		t.Errorf("the billing details page for the front desk: %d", code)
	}
}

// TestRemittancePages posts 835s as an admin: a malformed one is refused naming its segment
// with the pasted text kept and nothing posted; a file paying the claim in part shows the claim
// partially paid and its postings; one naming an unknown claim lists each line not matched with
// its segment; and a body over 5 MB is refused with 413.
func TestRemittancePages(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	ana := apptest.AddStaff(t, ts.Store, "ana@example.org", carepath.RoleClinician)
	apptest.AddStaff(t, ts.Store, "admin@example.org", carepath.RoleAdmin)
	seed := apptest.SeedBillable(t, ts.Store, ana)
	batch, err := store.NewClaimService(ts.Store).CreateClaimBatch(apptest.System(), carepath.ClaimBatchInput{PayerID: "60054",
		From: "2026-10-01", To: "2026-10-31", Format: carepath.Claim837I})
	if err != nil {
		t.Fatal(err)
	}
	claim := batch.Claims[0].ID
	c := apptest.SignInClient(t, ts.URL, "admin@example.org")
	admin := func(method, path string, form url.Values) (int, string, string) {
		t.Helper()
		return apptest.Send(t, c, method, ts.URL+path, form)
	}
	if code, _, body := admin("GET", "/staff/remittances/new", nil); code != 200 || !strings.Contains(body, `type="file"`) || !strings.Contains(body, "<textarea") {
		t.Fatalf("the 835 page: %d", code)
	}
	remit := apptest.Hand835(claim, apptest.RemitLine{Paid: 200_00, Contractual: 50_00, Coinsurance: 50_00},
		apptest.RemitLine{Paid: 200_00, Contractual: 50_00, Coinsurance: 50_00}, apptest.RemitLine{Paid: 100_00, Other: 200_00})
	broken := strings.Replace(remit, "*500*100*12*", "*500*OOPS*12*", 1)
	code, _, body := admin("POST", "/staff/remittances", url.Values{"text": {broken}})
	if code != 400 || !strings.Contains(body, "(CLP)") || !strings.Contains(body, "segment") || !strings.Contains(body, html.EscapeString(broken)) {
		t.Fatalf("a malformed 835: %d %s", code, body[strings.Index(body, "<main"):])
	}
	if n := apptest.CountRows(t, ts.DB, "postings", "1 = 1") + apptest.CountRows(t, ts.DB, "remittances", "1 = 1"); n != 0 {
		t.Fatalf("%d rows written by a malformed 835", n)
	}
	if code, _, body := admin("POST", "/staff/remittances", url.Values{"text": {"  "}}); code != 400 || !strings.Contains(body, "paste its text") {
		t.Errorf("nothing sent: %d", code)
	}

	code, body = postFile(t, c, ts.URL, remit)
	if code != 200 || !strings.Contains(body, "3 postings made") || !strings.Contains(body, `<span aria-hidden="true">◐</span> Partially paid`) ||
		!strings.Contains(body, `href="/staff/clients/`+seed.Client.ID+`">Lake, Robin</a>`) || !strings.Contains(body, "0 lines not matched") {
		t.Fatalf("the 835 file: %d %s", code, clip(body, 3000))
	}
	_, _, body = admin("GET", "/staff/claim-batches/"+batch.ID, nil)
	if !strings.Contains(body, "Partially paid") || !strings.Contains(body, "<td>$500</td>") {
		t.Errorf("the batch page after the 835 lacks the partial payment")
	}

	// The accounting export lists the charges, then what the payer paid on each.
	if _, _, body := admin("GET", "/staff/claim-batches", nil); !strings.Contains(body, `action="/staff/accounting.csv"`) {
		t.Errorf("the claims page offers no accounting export")
	}
	code, _, body = admin("GET", "/staff/accounting.csv?from=2026-10-01&to=2026-11-30", nil)
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil || code != 200 {
		t.Fatalf("accounting export: %d %v", code, err)
	}
	entries := map[string]int{}
	for _, r := range rows[1:] {
		entries[r[14]]++
	}
	if rows[0][14] != "entry" || entries["charge"] != 3 || entries["payer_payment"] != 3 {
		t.Errorf("accounting export rows by entry: %v", entries)
	}
	if code, _, body := admin("GET", "/staff/accounting.csv?from=2026-11-30&to=2026-10-01", nil); code != 400 || !strings.Contains(body, "export cannot be made") {
		t.Errorf("an export with the days reversed: %d", code)
	}

	code, _, body = admin("POST", "/staff/remittances", url.Values{"text": {apptest.Hand835("ZZ9", apptest.RemitLine{Paid: 300_00})}})
	if code != 200 || !strings.Contains(body, "1 line not matched") || !strings.Contains(body, "<td>14</td><td>ZZ9</td>") ||
		!strings.Contains(body, "no claim with this id was sent") {
		t.Errorf("an unknown claim: %d %s", code, clip(body, 3000))
	}

	big := strings.Repeat("x", 5<<20+1)
	req, _ := http.NewRequest("POST", ts.URL+"/staff/remittances", strings.NewReader(url.Values{"text": {big}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 413 || !strings.Contains(string(b), "5 MB") {
		t.Errorf("a body over 5 MB: %d", resp.StatusCode)
	}
}

// TestBillingProviderPage: an admin sets the clinic's billing details; a wrong NPI is named with
// what was typed kept (400), then the details are saved and shown.
func TestBillingProviderPage(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	apptest.AddStaff(t, ts.Store, "admin@example.org", carepath.RoleAdmin)
	admin := apptest.SignIn(t, ts.URL, "admin@example.org")
	if code, _, body := admin("GET", "/staff/billing-provider", nil); code != 200 || !strings.Contains(body, `id="provider-npi"`) {
		t.Fatalf("the billing details form: %d", code)
	}
	form := url.Values{"name": {"Harbor Behavioral Health"}, "npi": {"1003000127"}, "tax_id": {"12-3456789"}, "address.line1": {"100 Main St"},
		"address.city": {"Springfield"}, "address.state": {"IL"}, "address.zip": {"62701-1234"}, "phone": {"555-010-0199"}, "submitter_id": {"HARBORBH"}}
	code, _, body := admin("POST", "/staff/billing-provider", form)
	if code != 400 || !strings.Contains(body, `id="provider-npi-error"`) || !strings.Contains(body, `href="#provider-npi"`) ||
		!strings.Contains(body, `value="Harbor Behavioral Health"`) {
		t.Fatalf("a wrong NPI: %d", code)
	}
	form.Set("npi", "1003000126")
	if code, loc, _ := admin("POST", "/staff/billing-provider", form); code != 303 || loc != "/staff/billing-provider?saved=1" {
		t.Fatalf("save: %d %q", code, loc)
	}
	if _, _, body := admin("GET", "/staff/billing-provider?saved=1", nil); !strings.Contains(body, "The billing details are saved.") ||
		!strings.Contains(body, `value="1003000126"`) {
		t.Error("the saved details are not shown")
	}
}
