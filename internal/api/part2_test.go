package api_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// call sends a JSON request with a bearer token and returns the status, the Part2-Notice
// header and the body.
func call(t *testing.T, method, u, token, body string) (int, string, string) {
	t.Helper()
	req, _ := http.NewRequest(method, u, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Part2-Notice"), string(b)
}

// recordPart2 records an active Part 2 consent of client to recipient for purpose.
func recordPart2(t *testing.T, st *store.Store, client, recipient string, purpose carepath.DisclosurePurpose) *carepath.Consent {
	t.Helper()
	c, err := store.NewConsentService(st).RecordConsent(apptest.System(), carepath.ConsentCreate{ClientID: client,
		Kind: carepath.ConsentPart2Disclosure, Recipient: recipient, Information: "records summary", Purpose: "as the client asked",
		Purposes: []carepath.DisclosurePurpose{purpose}, SignedOn: "2026-01-05", ExpiresOnEvent: "end of treatment"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// missingConsentProblem reports whether body is a 403 problem naming the missing consent.
func missingConsentProblem(body, recipient, purpose string) bool {
	var p struct {
		Errors []carepath.FieldError `json:"errors"`
	}
	if json.Unmarshal([]byte(body), &p) != nil || len(p.Errors) != 1 {
		return false
	}
	e := p.Errors[0]
	return e.Field == "consent" && e.Code == carepath.MissingConsentCode && strings.Contains(e.Message, `"`+recipient+`" for `+purpose)
}

// TestPart2RecordedAndEnforcedExportAPI: POST /clients/{id}/releases releases a Part 2 client's
// summary only with a consent naming the recipient and purpose, with the notice in the body and
// the header; without one it is 403 naming the consent, and nothing is released.
func TestPart2RecordedAndEnforcedExportAPI(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	s := apptest.SeedChart(t, ts.Store)
	tok, err := store.NewStaffService(ts.Store).CreateToken(apptest.System(), s.Clinician.Email)
	if err != nil {
		t.Fatal(err)
	}
	u := ts.URL + "/api/v1/clients/" + s.Client.ID + "/releases"
	body := `{"recipient":"Valley Primary Care","purpose":"treatment"}`

	code, notice, got := call(t, "POST", u, tok, body)
	if code != 403 || notice != "" || !missingConsentProblem(got, "Valley Primary Care", "treatment") || strings.Contains(got, "Robin") {
		t.Fatalf("release without consent: %d %q %s", code, notice, got)
	}
	if code, _, got := call(t, "POST", u, tok, `{"recipient":"","purpose":"gossip"}`); code != 400 ||
		!strings.Contains(got, `"field":"recipient"`) || !strings.Contains(got, `"field":"purpose"`) {
		t.Errorf("bad release: %d %s", code, got)
	}
	k := recordPart2(t, ts.Store, s.Client.ID, "Valley Primary Care", carepath.PurposeTreatment)
	code, notice, got = call(t, "POST", u, tok, body)
	var rel struct {
		Disclosure carepath.Disclosure `json:"disclosure"`
		Consent    *carepath.Consent   `json:"consent"`
		Client     struct {
			GivenName string `json:"given_name"`
		}
		Episodes []struct{ Program string } `json:"episodes"`
	}
	if code != 200 || json.Unmarshal([]byte(got), &rel) != nil {
		t.Fatalf("release with consent: %d %s", code, got)
	}
	if notice != carepath.RedisclosureNotice || rel.Disclosure.Notice != carepath.RedisclosureNotice || !rel.Disclosure.Part2 ||
		rel.Disclosure.ConsentID != k.ID || rel.Consent == nil || rel.Client.GivenName != "Robin" || len(rel.Episodes) != 1 ||
		rel.Episodes[0].Program != "Evening IOP" {
		t.Errorf("release: notice %q, %+v", notice, rel)
	}
	if strings.Contains(got, `"answers"`) || strings.Contains(got, "coverage") {
		t.Error("the release holds more than its summary")
	}
	// A client outside the clinician's care team is not found, as anywhere else.
	if code, _, _ := call(t, "POST", ts.URL+"/api/v1/clients/"+s.Other.ID+"/releases", tok, body); code != 404 {
		t.Errorf("outside the care team: %d", code)
	}
	if n := apptest.CountRows(t, ts.DB, "audit_log", "action = 'disclosure.release' AND client_id = '"+s.Client.ID+
		"' AND detail LIKE '%to=Valley Primary Care; purpose=treatment'"); n != 2 {
		t.Errorf("releases audited with their recipient: %d, want 2", n)
	}
}

// TestPart2RecordedAndEnforcedOutsidePartyToken: an outside party's token reads only through
// the disclosure gate (a Part 2 client's records only with the client's consent naming the
// token's recipient and purpose, with the notice), and never writes.
func TestPart2RecordedAndEnforcedOutsidePartyToken(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	s := apptest.SeedChart(t, ts.Store)
	staff := store.NewStaffService(ts.Store)
	party := carepath.OutsideParty{Recipient: "Harbor County Drug Court", Purpose: carepath.PurposePatientRequest}
	tok, tokenID, err := staff.CreatePartyToken(apptest.System(), s.Clinician.Email, party)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := staff.CreatePartyToken(apptest.System(), s.Clinician.Email, carepath.OutsideParty{Recipient: "x", Purpose: "gossip"}); carepath.ErrorCode(err) != carepath.EINVALID {
		t.Errorf("a token for an unknown purpose: %v", err)
	}
	api := ts.URL + "/api/v1"
	chart := api + "/clients/" + s.Client.ID

	code, notice, got := call(t, "GET", chart, tok, "")
	if code != 403 || notice != "" || !missingConsentProblem(got, "Harbor County Drug Court", "patient_request") || strings.Contains(got, "Robin") {
		t.Fatalf("outside party without consent: %d %s", code, got)
	}
	if code, _, got := call(t, "GET", chart+"/episodes", tok, ""); code != 403 || strings.Contains(got, "Evening IOP") {
		t.Errorf("episodes without consent: %d %s", code, got)
	}
	recordPart2(t, ts.Store, s.Client.ID, "harbor county drug court", carepath.PurposePatientRequest)
	code, notice, got = call(t, "GET", chart, tok, "")
	if code != 200 || notice != carepath.RedisclosureNotice || !strings.Contains(got, "Robin") {
		t.Fatalf("outside party with consent: %d %q %s", code, notice, got)
	}
	if code, notice, _ := call(t, "GET", chart+"/episodes", tok, ""); code != 200 || notice != carepath.RedisclosureNotice {
		t.Errorf("episodes with consent: %d %q", code, notice)
	}
	// An outside party never writes, consent or not.
	if code, _, got := call(t, "PATCH", chart, tok, `{"version":1,"pronouns":"they/them"}`); code != 403 || !strings.Contains(got, "cannot change") {
		t.Errorf("outside party write: %d %s", code, got)
	}
	// A list shows several clients: one without consent refuses the whole list.
	if code, notice, got := call(t, "GET", api+"/clients", tok, ""); code != 200 || notice != carepath.RedisclosureNotice || !strings.Contains(got, "Robin") {
		t.Errorf("the list of consenting clients: %d %s", code, got)
	}
	sky := &carepath.Client{GivenName: "Sky", FamilyName: "Rivers", BirthDate: "1999-09-09", PrimaryClinicianID: s.Clinician.ID}
	if err := store.NewClientService(ts.Store).CreateClient(apptest.System(), sky); err != nil {
		t.Fatal(err)
	}
	if code, _, got := call(t, "GET", api+"/clients", tok, ""); code != 403 || strings.Contains(got, "Robin") || strings.Contains(got, "Sky") {
		t.Errorf("the list released a client without consent: %d %s", code, got)
	}
	// The clinic's own token is not gated.
	own, err := staff.CreateToken(apptest.System(), s.Clinician.Email)
	if err != nil {
		t.Fatal(err)
	}
	if code, notice, _ := call(t, "GET", chart, own, ""); code != 200 || notice != "" {
		t.Errorf("the clinic's own token: %d %q", code, notice)
	}
	// Every read names the recipient in the access log, refused or released.
	for _, where := range []string{
		"action = 'client.read' AND NOT allowed AND client_id = '" + s.Client.ID + "' AND detail LIKE 'denied; outside party; to=Harbor County Drug Court; purpose=patient_request'",
		"action = 'client.read' AND allowed AND client_id = '" + s.Client.ID + "' AND detail LIKE 'ok; outside party; to=Harbor County Drug Court; purpose=patient_request'",
		"action = 'client.update' AND NOT allowed AND detail LIKE '%outside party%'",
	} {
		if n := apptest.CountRows(t, ts.DB, "audit_log", where); n != 1 {
			t.Errorf("%d rows where %s", n, where)
		}
	}
	if err := staff.RevokeToken(apptest.System(), tokenID); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := call(t, "GET", chart, tok, ""); code != 401 {
		t.Errorf("revoked outside token: %d", code)
	}
}
