package web_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
)

// TestConsentPages records a 42 CFR Part 2 disclosure consent on the chart's pages (first with
// problems, 400 naming the fields with the values kept), an expired one, revokes the first
// (400 without a reason, 409 the second time), and checks the chart's summary and the roles.
func TestConsentPages(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	s := apptest.SeedChart(t, st)
	ana := apptest.SignIn(t, ts.URL, "ana@example.org")
	desk := apptest.SignIn(t, ts.URL, "desk@example.org")
	consents := "/staff/clients/" + s.Client.ID + "/consents"
	today := time.Now().UTC().Format(carepath.DateLayout)
	later := time.Now().UTC().AddDate(1, 0, 0).Format(carepath.DateLayout)

	if code, _, body := ana("GET", consents, nil); code != 200 || !strings.Contains(body, "No consents recorded yet") {
		t.Fatalf("empty consent list: %d", code)
	}
	if code, _, body := ana("GET", consents+"/new", nil); code != 200 || !strings.Contains(body, `id="consent-kind-part2_disclosure" value="part2_disclosure" checked`) ||
		!strings.Contains(body, `value="`+today+`"`) || !strings.Contains(body, "<legend>What is the consent for?</legend>") {
		t.Fatalf("consent form: %d", code)
	}
	form := url.Values{"kind": {"part2_disclosure"}, "recipient": {"County Probation Office"},
		"information": {"Attendance and drug screen results"}, "purpose": {"Court-ordered treatment compliance"},
		"purposes": {"patient_request"}, "signed_on": {today}, "expires_on": {later}, "expires_on_event": {""}}
	t.Run("problems are 400 naming the fields with the values kept", func(t *testing.T) {
		bad := url.Values{}
		for k, v := range form {
			bad[k] = v
		}
		bad.Set("recipient", "")
		bad.Set("expires_on", "")
		bad.Set("signed_on", "2099-01-01")
		code, _, body := ana("POST", consents, bad)
		for _, want := range []string{`href="#consent-recipient"`, `href="#consent-expires-on"`, `href="#consent-signed-on"`,
			`id="consent-recipient-error"`, "Court-ordered treatment compliance", `value="2099-01-01"`} {
			if !strings.Contains(body, want) {
				t.Errorf("bad consent lacks %q", want)
			}
		}
		if code != 400 {
			t.Errorf("bad consent: %d", code)
		}
	})
	if code, loc, _ := ana("POST", consents, form); code != 303 || loc != consents {
		t.Fatalf("record consent: %d %q", code, loc)
	}
	old := url.Values{"kind": {"release_of_information"}, "recipient": {"Dr Primary Care"}, "information": {"Diagnoses"},
		"purpose": {"Coordination"}, "signed_on": {"2025-01-02"}, "expires_on": {"2025-06-30"}}
	if code, _, _ := desk("POST", consents, old); code != 303 {
		t.Fatalf("front desk records a consent: %d", code)
	}
	code, _, body := ana("GET", consents, nil)
	if code != 200 || !strings.Contains(body, `consent-state">active`) || !strings.Contains(body, `consent-state">expired`) ||
		!strings.Contains(body, "County Probation Office") || !strings.Contains(body, "after "+later) {
		t.Fatalf("consent list: %d", code)
	}
	i := strings.Index(body, `/revoke"`) // the first consent listed is the most recently signed
	if i < 36 {
		t.Fatal("no revoke form")
	}
	id := body[i-36 : i]
	revoke := consents + "/" + id + "/revoke"
	if code, _, body := ana("POST", revoke, url.Values{"reason": {"  "}}); code != 400 ||
		!strings.Contains(body, `id="revoke-reason-`+id+`-error"`) || !strings.Contains(body, `href="#revoke-reason-`+id+`"`) {
		t.Errorf("revoke without a reason: %d", code)
	}
	if code, loc, _ := ana("POST", revoke, url.Values{"reason": {"In writing, letter dated today"}}); code != 303 || loc != consents {
		t.Fatalf("revoke: %d %q", code, loc)
	}
	if code, _, body := ana("POST", revoke, url.Values{"reason": {"again"}}); code != 409 || !strings.Contains(body, "consent-notice") {
		t.Errorf("revoke twice: %d", code)
	}
	code, _, body = ana("GET", consents, nil)
	if code != 200 || !strings.Contains(body, `consent-state">revoked`) || !strings.Contains(body, "In writing, letter dated today") {
		t.Errorf("revoked consent: %d", code)
	}
	code, _, body = desk("GET", "/staff/clients/"+s.Client.ID, nil)
	if code != 200 || !strings.Contains(body, "0 active, 1 expired, 1 revoked.") {
		t.Errorf("chart consent summary for the front desk: %d", code)
	}
	t.Run("another clinician's client is not found", func(t *testing.T) {
		if code, _, body := ana("GET", "/staff/clients/"+s.Other.ID+"/consents", nil); code != 404 || strings.Contains(body, "Harper") {
			t.Errorf("other client's consents: %d", code)
		}
		if code, _, _ := ana("POST", "/staff/clients/"+s.Other.ID+"/consents", form); code != 404 {
			t.Errorf("record for another client's: %d", code)
		}
	})
}
