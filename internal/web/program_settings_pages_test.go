package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
)

func TestProgramSettingsPage(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	apptest.AddStaff(t, st, "admin@example.org", carepath.RoleAdmin)
	apptest.AddStaff(t, st, "desk@example.org", carepath.RoleFrontDesk)
	ana := apptest.AddStaff(t, st, "ana@example.org", carepath.RoleClinician)
	admin, _ := apptest.Token(t, st, "boss@example.org", carepath.RoleAdmin)
	status, created := apptest.API(t, "POST", ts.URL+"/api/v1/programs", admin,
		`{"name":"Harbor IOP","level":"iop","time_zone":"America/Los_Angeles","rates":[{"service":"iop_per_diem","cents":30000}]}`)
	program := apptest.CreatedID(t, status, created)
	page := "/staff/programs/" + program + "/settings"

	desk := apptest.SignIn(t, ts.URL, "desk@example.org")
	if code, _, _ := desk("GET", page, nil); code != 403 {
		t.Errorf("front desk GET = %d, want 403", code)
	}
	if code, _, _ := desk("POST", page, url.Values{"version": {"1"}}); code != 403 {
		t.Errorf("front desk POST = %d, want 403", code)
	}
	as := apptest.SignIn(t, ts.URL, "admin@example.org")
	if code, _, _ := as("GET", "/staff/programs/01a20853-2b38-786d-b0b4-2c5349401af6/settings", nil); code != 404 {
		t.Errorf("unknown program = %d", code)
	}
	code, _, body := as("GET", page, nil)
	for _, want := range []string{`<label for="track-0-name">Name</label>`, `<legend>Days</legend>`, `id="rate-iop_per_diem"`,
		`value="300.00"`, `id="staff-` + ana.ID + `-facilitator"`, `name="version" value="1"`, `name="track_rows" value="2"`} {
		if code != 200 || !strings.Contains(body, want) {
			t.Errorf("settings page %d lacks %s", code, want)
		}
	}

	// Bad input: every problem named and linked, what was typed kept, nothing saved.
	bad := url.Values{"version": {"1"}, "track_rows": {"2"},
		"track-0-name": {"day"}, "track-0-days": {"mon", "wed"}, "track-0-start": {"12:00"}, "track-0-end": {"09:00"},
		"track-1-name": {"Day"}, "track-1-start": {"18:00"}, "track-1-end": {"21:00"},
		"rate-individual_session": {"one fifty"}, "rate-group_session": {"75"}, "staff-" + ana.ID: {"facilitator"}}
	code, _, body = as("POST", page, bad)
	for _, want := range []string{`id="error-summary"`, `href="#rate-individual_session"`, `value="one fifty"`} {
		if code != 400 || !strings.Contains(body, want) {
			t.Errorf("bad amount: %d lacks %s", code, want)
		}
	}
	bad.Set("rate-individual_session", "$150")
	code, _, body = as("POST", page, bad)
	for _, want := range []string{`href="#track-0-end"`, `href="#track-1-name"`, `href="#track-1-mon"`, `Track 2: Two tracks have this name.`,
		`value="Day"`, `id="track-0-wed" name="track-0-days" value="wed" checked`, `aria-invalid="true"`, `value="$150"`} {
		if code != 400 || !strings.Contains(body, want) {
			t.Errorf("bad tracks: %d lacks %s", code, want)
		}
	}
	_, body = apptest.API(t, "GET", ts.URL+"/api/v1/programs/"+program+"/details", admin, "")
	if !strings.Contains(body, `"version":1`) || !strings.Contains(body, `"tracks":[]`) {
		t.Errorf("bad input saved something: %s", body)
	}

	good := url.Values{"version": {"1"}, "track_rows": {"3"},
		"track-0-name": {"day"}, "track-0-days": {"mon", "wed", "fri"}, "track-0-start": {"09:00"}, "track-0-end": {"12:00"},
		"track-2-name": {"evening"}, "track-2-days": {"tue", "thu"}, "track-2-start": {"18:00"}, "track-2-end": {"21:00"},
		"rate-iop_per_diem": {"300"}, "rate-individual_session": {"$1,150.5"}, "staff-" + ana.ID: {"clinician", "facilitator"}}
	code, loc, _ := as("POST", page, good)
	if code != 303 || loc != page {
		t.Fatalf("save = %d %s", code, loc)
	}
	_, body = apptest.API(t, "GET", ts.URL+"/api/v1/programs/"+program+"/details", admin, "")
	for _, want := range []string{`"version":2`, `{"name":"evening","days":["tue","thu"]`, `{"service":"individual_session","cents":115050}`,
		`{"staff_id":"` + ana.ID + `","role":"clinician"},{"staff_id":"` + ana.ID + `","role":"facilitator"}`} {
		if !strings.Contains(body, want) {
			t.Errorf("saved details lack %s: %s", want, body)
		}
	}
	code, _, body = as("GET", page, nil)
	if code != 200 || !strings.Contains(body, "Settings saved.") || !strings.Contains(body, `value="1150.50"`) || !strings.Contains(body, `name="track_rows" value="4"`) {
		t.Errorf("after saving: %d %s", code, clip(body, 400))
	}
	// The same form again is stale: 409 with what is stored.
	code, _, body = as("POST", page, good)
	if code != 409 || !strings.Contains(body, "Someone changed these settings first") || !strings.Contains(body, `name="version" value="2"`) {
		t.Errorf("stale save = %d", code)
	}
	// A cross-site post is refused before it reaches the page.
	req, _ := http.NewRequest("POST", ts.URL+page, strings.NewReader(good.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 403 {
		t.Errorf("cross-site POST = %d, want 403", resp.StatusCode)
	}
}
