package api_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// TestUtilizationReviewPacketAPI: the reviewer assigned to an authorization receives its
// packet as PDF only once the client's 42 CFR Part 2 consent names their organization for
// payment (before, 403 naming the consent); another reviewer gets 404 before and after; the
// PDF's text, read back with pdftotext, holds the diagnoses and the 42 CFR 2.32 notice.
func TestUtilizationReviewPacketAPI(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	ana, anaStaff := apptest.Token(t, ts.Store, "ana@example.org", carepath.RoleClinician)
	desk, _ := apptest.Token(t, ts.Store, "desk@example.org", carepath.RoleFrontDesk)
	staff := store.NewStaffService(ts.Store)
	tokens := map[string]string{}
	ids := map[string]string{}
	for _, email := range []string{"rae@acme.example", "ron@other.example"} {
		s := &carepath.Staff{Email: email, Name: "Reviewer " + email, Role: carepath.RoleReviewer, Organization: "Acme Health"}
		if err := staff.CreateStaff(apptest.System(), s, "a long enough password"); err != nil {
			t.Fatal(err)
		}
		tok, err := staff.CreateToken(apptest.System(), email)
		if err != nil {
			t.Fatal(err)
		}
		tokens[email], ids[email] = tok, s.ID
	}
	rae, ron := tokens["rae@acme.example"], tokens["ron@other.example"]
	client, episode, _ := seedAttended(t, ts.Store, anaStaff.ID)
	api := ts.URL + "/api/v1"
	if status, got := apptest.API(t, "POST", api+"/clients/"+client+"/diagnoses", ana, `{"code":"F10.20","primary":true}`); status != 201 {
		t.Fatalf("diagnosis: %d %s", status, got)
	}
	status, created := apptest.API(t, "POST", api+"/episodes/"+episode+"/authorizations", ana,
		`{"payer_id":"60054","number":"A-77","level":"iop","start":"2026-10-26","end":"2026-11-30","units":20,"unit":"day","reviewer_id":"`+ids["rae@acme.example"]+`"}`)
	auth := apptest.CreatedID(t, status, created)
	packet := api + "/authorizations/" + auth + "/packet"

	get := func(token string) (int, http.Header, string) {
		t.Helper()
		req, _ := http.NewRequest("GET", packet, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header, string(body)
	}
	if status, _, body := get(rae); status != 403 || !strings.Contains(body, `"field":"consent"`) || !strings.Contains(body, "Acme Health") {
		t.Fatalf("no consent: %d %s, want 403 naming the consent", status, body)
	}
	if status, _, body := get(ron); status != 404 {
		t.Fatalf("unassigned reviewer: %d %s, want 404", status, body)
	}
	if status, got := apptest.API(t, "POST", api+"/clients/"+client+"/consents", desk,
		`{"kind":"part2_disclosure","recipient":"Acme Health","information":"utilization-review packet","purpose":"utilization review",
		  "purposes":["payment"],"signed_on":"2026-10-20","expires_on":"2027-12-31"}`); status != 201 {
		t.Fatalf("consent: %d %s", status, got)
	}
	status, header, body := get(rae)
	if status != 200 || header.Get("Content-Type") != "application/pdf" || header.Get("Part2-Notice") != carepath.RedisclosureNotice {
		t.Fatalf("assigned reviewer: %d %v, want the PDF with the notice", status, header)
	}
	text := apptest.PDFText(t, body)
	for _, want := range []string{"Utilization-review packet", "Robin Lake", "F10.20", "A-77",
		"42 CFR part 2 prohibits unauthorized use or disclosure of these records", "Attendance and program dose", "Continued-stay review"} {
		if !strings.Contains(text, want) {
			t.Errorf("packet text lacks %q:\n%s", want, text)
		}
	}
	if status, _, _ := get(ron); status != 404 {
		t.Errorf("unassigned reviewer after consent: %d, want 404", status)
	}
	if status, _, _ := get(ana); status != 200 {
		t.Errorf("the care team prints the packet for the payer: %d, want 200", status)
	}
	// The reviewer reads their client's chart record but lists no clients and changes nothing.
	if status, _ := apptest.API(t, "GET", api+"/clients/"+client, rae, ""); status != 200 {
		t.Errorf("reviewer reading the assigned client: %d, want 200", status)
	}
	if status, _ := apptest.API(t, "GET", api+"/clients/"+client, ron, ""); status != 404 {
		t.Errorf("other reviewer reading the client: %d, want 404", status)
	}
}

// pdfTextAt gets the PDF at u with a bearer token, fails the test unless it is a 200 PDF, and
// returns its text as packetText reads it.
func pdfTextAt(t *testing.T, u, token string) string {
	t.Helper()
	req, _ := http.NewRequest("GET", u, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("GET %s = %d %s %s, want a PDF", u, resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	return apptest.PDFText(t, string(body))
}
