package main

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/carepath/carepath"
)

func TestProgramDetailsAPI(t *testing.T) {
	ts, st := testServer(t)
	admin, adminStaff := staffToken(t, st, "admin@example.org", carepath.RoleAdmin)
	desk, _ := staffToken(t, st, "desk@example.org", carepath.RoleFrontDesk)
	_, ana := staffToken(t, st, "ana@example.org", carepath.RoleClinician)
	reviewer, reviewerStaff := staffToken(t, st, "rev@example.org", carepath.RoleReviewer)
	api := ts.URL + "/api/v1"

	status, body := apiCall(t, "POST", api+"/programs", admin, `{"name":"Harbor IOP","level":"iop","time_zone":"America/Los_Angeles",
		"tracks":[{"name":"day","days":["mon","wed","fri"],"start_time":"09:00","end_time":"12:00"}],
		"rates":[{"service":"iop_per_diem","cents":30000}]}`)
	program := createdID(t, status, body)
	created := func(status int, body string) string { return createdID(t, status, body) }
	if !strings.Contains(body, `"tracks":[{"name":"day"`) || !strings.Contains(body, `"cents":30000`) {
		t.Errorf("created program %s", body)
	}
	group := created(apiCall(t, "POST", api+"/groups", admin, `{"program_id":"`+program+`","name":"Process A","type":"process",
		"facilitator_ids":["`+ana.ID+`"],"days":["mon","wed","fri"],"start_time":"09:00","minutes":180,"start_date":"2026-11-02","room":"Room 1"}`))
	evening := `{"name":"evening","days":["tue","thu"],"start_time":"18:00","end_time":"21:00"}`
	day := `{"name":"day","days":["mon","wed","fri"],"start_time":"09:00","end_time":"12:00"}`

	for _, tt := range []struct {
		name, method, path, token, body string
		status                          int
		want                            string // in the body
	}{
		{"no token", "GET", "/programs/" + program + "/details", "", "", 401, ""},
		{"reviewer may not read", "GET", "/programs/" + program + "/details", reviewer, "", 403, ""},
		{"front desk reads the details", "GET", "/programs/" + program + "/details", desk, "", 200, `"version":1`},
		{"tracks read", "GET", "/programs/" + program + "/tracks", desk, "", 200, `"start_time":"09:00","end_time":"12:00"`},
		{"bad track on create is named", "POST", "/programs", admin, `{"name":"X","level":"iop","time_zone":"UTC","tracks":[{"name":"day","days":["mon"],"start_time":"12:00","end_time":"09:00"}]}`, 400, `"tracks[0].end_time"`},
		{"front desk may not change", "PUT", "/programs/" + program + "/tracks", desk, `{"version":1,"tracks":[]}`, 403, ""},
		{"version is required", "PUT", "/programs/" + program + "/tracks", admin, `{"tracks":[]}`, 400, `"version"`},
		{"the list is required", "PUT", "/programs/" + program + "/rates", admin, `{"version":1}`, 400, `"rates"`},
		{"another list is refused", "PUT", "/programs/" + program + "/rates", admin, `{"version":1,"rates":[],"staff":[]}`, 400, `"staff"`},
		{"bad days are named", "PUT", "/programs/" + program + "/tracks", admin, `{"version":1,"tracks":[{"name":"e","days":["someday"],"start_time":"18:00","end_time":"21:00"}]}`, 400, `"tracks[0].days"`},
		{"unknown field is named", "PUT", "/programs/" + program + "/tracks", admin, `{"version":1,"tracks":[],"colour":"red"}`, 400, `"colour"`},
		{"tracks saved", "PUT", "/programs/" + program + "/tracks", admin, `{"version":1,"tracks":[` + day + `,` + evening + `]}`, 200, `"version":2`},
		{"stale tracks are 409", "PUT", "/programs/" + program + "/tracks", admin, `{"version":1,"tracks":[]}`, 409, ""},
		{"bad rates are named", "PUT", "/programs/" + program + "/rates", admin, `{"version":2,"rates":[{"service":"90853","cents":100},{"service":"group_session","cents":-1}]}`, 400, `"rates[1].cents"`},
		{"rates saved", "PUT", "/programs/" + program + "/rates", admin, `{"version":2,"rates":[{"service":"individual_session","cents":15000},{"service":"group_session","cents":7500}]}`, 200, `"service":"individual_session","cents":15000`},
		{"unknown staff is named", "PUT", "/programs/" + program + "/staff", admin, `{"version":3,"staff":[{"staff_id":"` + reviewerStaff.ID + `","role":"clinician"}]}`, 400, `"staff[0].staff_id"`},
		{"bad role is named", "PUT", "/programs/" + program + "/staff", admin, `{"version":3,"staff":[{"staff_id":"` + ana.ID + `","role":"boss"}]}`, 400, `"staff[0].role"`},
		{"staff saved", "PUT", "/programs/" + program + "/staff", admin, `{"version":3,"staff":[{"staff_id":"` + adminStaff.ID + `","role":"director"},{"staff_id":"` + ana.ID + `","role":"facilitator"}]}`, 200, `"role":"facilitator"`},
		{"patch with a stale version is 409", "PATCH", "/programs/" + program, admin, `{"version":3,"rates":[]}`, 409, ""},
		{"patch names bad fields", "PATCH", "/programs/" + program, admin, `{"version":4,"rates":[{"service":"","cents":1}]}`, 400, `"rates[0].service"`},
		{"patch saves", "PATCH", "/programs/" + program, admin, `{"version":4,"rates":[{"service":"iop_per_week","cents":90000}]}`, 200, `"version":5`},
		{"group track needs a track", "PUT", "/groups/" + group + "/track", desk, `{}`, 400, `"track"`},
		{"unknown track is named", "PUT", "/groups/" + group + "/track", desk, `{"track":"night"}`, 400, `"track"`},
		{"group put on the day track", "PUT", "/groups/" + group + "/track", desk, `{"track":"day"}`, 204, ""},
		{"the track lists its group", "GET", "/programs/" + program + "/details", admin, "", 200, `"track_groups":{"day":["` + group + `"]}`},
		{"unknown group", "PUT", "/groups/01a20853-2b38-786d-b0b4-2c5349401af6/track", desk, `{"track":"day"}`, 404, ""},
		{"unknown program", "GET", "/programs/01a20853-2b38-786d-b0b4-2c5349401af6/details", admin, "", 404, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			status, body := apiCall(t, tt.method, api+tt.path, tt.token, tt.body)
			if status != tt.status || !strings.Contains(body, tt.want) {
				t.Errorf("%s %s = %d %s, want %d with %s", tt.method, tt.path, status, body, tt.status, tt.want)
			}
		})
	}
	// Nothing was written by the refused changes: five versions, the last rates only.
	_, body = apiCall(t, "GET", api+"/programs/"+program+"/rates", desk, "")
	if !strings.Contains(body, `"rates":[{"service":"iop_per_week","cents":90000}]`) || !strings.Contains(body, `"version":5`) {
		t.Errorf("final details %s", body)
	}
	_, body = apiCall(t, "GET", api+"/audit", admin, "")
	if !strings.Contains(body, `"program.update"`) {
		t.Errorf("audit lacks program.update")
	}
}

func TestProgramSettingsPage(t *testing.T) {
	ts, st := testServer(t)
	addTestStaff(t, st, "admin@example.org", carepath.RoleAdmin)
	addTestStaff(t, st, "desk@example.org", carepath.RoleFrontDesk)
	ana := addTestStaff(t, st, "ana@example.org", carepath.RoleClinician)
	admin, _ := staffToken(t, st, "boss@example.org", carepath.RoleAdmin)
	status, created := apiCall(t, "POST", ts.URL+"/api/v1/programs", admin,
		`{"name":"Harbor IOP","level":"iop","time_zone":"America/Los_Angeles","rates":[{"service":"iop_per_diem","cents":30000}]}`)
	program := createdID(t, status, created)
	page := "/staff/programs/" + program + "/settings"

	desk := signInAs(t, ts.URL, "desk@example.org")
	if code, _, _ := desk("GET", page, nil); code != 403 {
		t.Errorf("front desk GET = %d, want 403", code)
	}
	if code, _, _ := desk("POST", page, url.Values{"version": {"1"}}); code != 403 {
		t.Errorf("front desk POST = %d, want 403", code)
	}
	as := signInAs(t, ts.URL, "admin@example.org")
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
	_, body = apiCall(t, "GET", ts.URL+"/api/v1/programs/"+program+"/details", admin, "")
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
	_, body = apiCall(t, "GET", ts.URL+"/api/v1/programs/"+program+"/details", admin, "")
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
