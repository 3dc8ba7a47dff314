package api_test

import (
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
)

func TestProgramDetailsAPI(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	admin, adminStaff := apptest.Token(t, st, "admin@example.org", carepath.RoleAdmin)
	desk, _ := apptest.Token(t, st, "desk@example.org", carepath.RoleFrontDesk)
	_, ana := apptest.Token(t, st, "ana@example.org", carepath.RoleClinician)
	reviewer, reviewerStaff := apptest.Token(t, st, "rev@example.org", carepath.RoleReviewer)
	api := ts.URL + "/api/v1"

	status, body := apptest.API(t, "POST", api+"/programs", admin, `{"name":"Harbor IOP","level":"iop","time_zone":"America/Los_Angeles",
		"tracks":[{"name":"day","days":["mon","wed","fri"],"start_time":"09:00","end_time":"12:00"}],
		"rates":[{"service":"iop_per_diem","cents":30000}]}`)
	program := apptest.CreatedID(t, status, body)
	created := func(status int, body string) string { return apptest.CreatedID(t, status, body) }
	if !strings.Contains(body, `"tracks":[{"name":"day"`) || !strings.Contains(body, `"cents":30000`) {
		t.Errorf("created program %s", body)
	}
	group := created(apptest.API(t, "POST", api+"/groups", admin, `{"program_id":"`+program+`","name":"Process A","type":"process",
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
			status, body := apptest.API(t, tt.method, api+tt.path, tt.token, tt.body)
			if status != tt.status || !strings.Contains(body, tt.want) {
				t.Errorf("%s %s = %d %s, want %d with %s", tt.method, tt.path, status, body, tt.status, tt.want)
			}
		})
	}
	// Nothing was written by the refused changes: five versions, the last rates only.
	_, body = apptest.API(t, "GET", api+"/programs/"+program+"/rates", desk, "")
	if !strings.Contains(body, `"rates":[{"service":"iop_per_week","cents":90000}]`) || !strings.Contains(body, `"version":5`) {
		t.Errorf("final details %s", body)
	}
	_, body = apptest.API(t, "GET", api+"/audit", admin, "")
	if !strings.Contains(body, `"program.update"`) {
		t.Errorf("audit lacks program.update")
	}
}
