package web_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// recordPart2Consent records an active Part 2 consent of client to recipient for purpose.
func recordPart2Consent(t *testing.T, st *store.Store, client, recipient string, purpose carepath.DisclosurePurpose) *carepath.Consent {
	t.Helper()
	c, err := store.NewConsentService(st).RecordConsent(apptest.System(), carepath.ConsentCreate{ClientID: client,
		Kind: carepath.ConsentPart2Disclosure, Recipient: recipient, Information: "records summary", Purpose: "as the client asked",
		Purposes: []carepath.DisclosurePurpose{purpose}, SignedOn: "2026-01-05", ExpiresOnEvent: "end of treatment"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestPart2RecordedAndEnforcedExport: the release page sends a Part 2 client's records as a PDF
// only with a consent naming the recipient and the purpose, with the 42 CFR 2.32 notice; without
// one the form comes back 403 naming the missing consent, and no PDF is sent.
func TestPart2RecordedAndEnforcedExport(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	s := apptest.SeedChart(t, ts.Store)
	ana := apptest.SignIn(t, ts.URL, "ana@example.org")
	release := "/staff/clients/" + s.Client.ID + "/release"

	if code, _, page := ana("GET", "/staff/clients/"+s.Client.ID, nil); code != 200 || !strings.Contains(page, `href="`+release+`"`) {
		t.Fatalf("the chart offers no release: %d", code)
	}
	code, _, page := ana("GET", release, nil)
	if code != 200 || !strings.Contains(page, `name="recipient"`) || !strings.Contains(page, `value="treatment"`) {
		t.Fatalf("release form: %d", code)
	}
	form := url.Values{"recipient": {"Valley Primary Care"}, "purpose": {"treatment"}}
	code, _, page = ana("POST", release, form)
	if code != 403 || strings.HasPrefix(page, "%PDF") || !strings.Contains(page, "Nothing was released") ||
		!strings.Contains(page, "&#34;Valley Primary Care&#34; for treatment") || !strings.Contains(page, `value="Valley Primary Care"`) {
		t.Fatalf("release without consent: %d\n%s", code, clip(page, 3000))
	}
	if code, _, page := ana("POST", release, url.Values{"recipient": {" "}}); code != 400 ||
		!strings.Contains(page, `id="release-recipient-error"`) || !strings.Contains(page, `id="release-purpose-error"`) {
		t.Errorf("bad release: %d", code)
	}
	recordPart2Consent(t, ts.Store, s.Client.ID, "Valley Primary Care", carepath.PurposeTreatment)
	if code, _, page := ana("GET", release, nil); code != 200 || !strings.Contains(page, `<option value="Valley Primary Care">`) {
		t.Errorf("the form does not offer the consent's recipient: %d", code)
	}
	// A consent for treatment does not allow a release for payment.
	if code, _, _ := ana("POST", release, url.Values{"recipient": {"Valley Primary Care"}, "purpose": {"payment"}}); code != 403 {
		t.Errorf("release for another purpose: %d", code)
	}
	code, _, pdf := ana("POST", release, form)
	if code != 200 || !strings.HasPrefix(pdf, "%PDF-") {
		t.Fatalf("release with consent: %d", code)
	}
	text := apptest.PDFText(t, pdf)
	for _, want := range []string{"Robin Lake", "Valley Primary Care", "Notice to the recipient (42 CFR 2.32)",
		"42 CFR part 2 prohibits unauthorized use or disclosure of these records.", "may not use or disclose them further",
		"Evening IOP"} {
		if !strings.Contains(text, want) {
			t.Errorf("the release lacks %q:\n%s", want, text)
		}
	}
	if n := apptest.CountRows(t, ts.DB, "audit_log", "action = 'disclosure.release' AND client_id = '"+s.Client.ID+
		"' AND detail LIKE 'ok; to=Valley Primary Care; purpose=treatment'"); n != 1 {
		t.Errorf("release audited with its recipient: %d", n)
	}
	// The front desk releases too (a records request), without the clinical sections it may not read.
	desk := apptest.SignIn(t, ts.URL, "desk@example.org")
	if code, _, pdf := desk("POST", release, form); code != 200 || !strings.Contains(apptest.PDFText(t, pdf), "episodes, measures") {
		t.Errorf("front desk release: %d\n%s", code, apptest.PDFText(t, pdf))
	}
}

// TestPart2RecordedAndEnforcedCalendarFeed: a staff member's calendar feed is read by a
// third-party calendar service, so it never carries a client's name — not even a Part 2
// client's with a consent — and so never discloses a Part 2 record.
func TestPart2RecordedAndEnforcedCalendarFeed(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	s := seedDelivery(t, st)
	lee := apptest.SignIn(t, ts.URL, "lee@example.org")
	_, _, page := lee("POST", "/staff/account/calendar", url.Values{"action": {"create"}, "show_names": {"yes"}})
	feed := feedAddress(t, page)
	recordPart2Consent(t, st, s.ana.ID, "Calendar service", carepath.PurposeOperations)
	_, _, body := fetchFeed(t, feed)
	if strings.Contains(body, "Ana") || strings.Contains(body, "Lopez") || !strings.Contains(body, "SUMMARY:Individual session\r\n") {
		t.Fatalf("the feed names a client:\n%s", clip(body, 2000))
	}
	if n := apptest.CountRows(t, ts.DB, "audit_log", "action = 'disclosure.release' AND client_id = '"+s.ana.ID+"'"); n != 0 {
		t.Errorf("a feed that names nobody recorded %d disclosures", n)
	}
}

// mustConsents reads a client's consents as the command line.
func mustConsents(t *testing.T, st *store.Store, client string) []*carepath.Consent {
	t.Helper()
	list, err := store.NewConsentService(st).FindConsents(apptest.System(), client)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// TestPart2RecordedProgramSetting: the Part 2 mark is set in the program's settings page,
// starts on, and is kept as saved.
func TestPart2RecordedProgramSetting(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	s := apptest.SeedChart(t, ts.Store)
	admin := apptest.SignIn(t, ts.URL, "admin@example.org")
	settings := "/staff/programs/" + s.Program.ID + "/settings"
	code, _, page := admin("GET", settings, nil)
	if code != 200 || !strings.Contains(page, `id="part2" name="part2" value="yes" checked`) {
		t.Fatalf("settings: %d, the mark is not on by default", code)
	}
	form := url.Values{"version": {"1"}, "track_rows": {"0"}}
	if code, _, _ := admin("POST", settings, form); code != 303 {
		t.Fatalf("save without the mark: %d", code)
	}
	if _, _, page := admin("GET", settings, nil); strings.Contains(page, `value="yes" checked`) {
		t.Error("the mark is still on")
	}
	d, err := store.NewProgramService(ts.Store).FindProgramDetails(apptest.System(), s.Program.ID)
	if err != nil || d.Part2 {
		t.Errorf("stored mark: %+v, %v", d, err)
	}
	form.Set("version", "2")
	form.Set("part2", "yes")
	if code, _, _ := admin("POST", settings, form); code != 303 {
		t.Fatalf("save with the mark: %d", code)
	}
	if p, err := store.NewProgramService(ts.Store).FindProgramByID(apptest.System(), s.Program.ID); err != nil || !p.Part2 {
		t.Errorf("the mark was not turned back on: %+v, %v", p, err)
	}
	if n := apptest.CountRows(t, ts.DB, "audit_log", "action = 'program.update' AND detail LIKE '%part2=false%'"); n != 1 {
		t.Errorf("turning the mark off is not audited: %d", n)
	}
}
