package api_test

import (
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
)

func TestProgramsAndEpisodesAPI(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	token := func(email string, role carepath.Role) (string, *carepath.Staff) {
		return apptest.Token(t, st, email, role)
	}
	admin, _ := token("admin@example.org", carepath.RoleAdmin)
	desk, _ := token("desk@example.org", carepath.RoleFrontDesk)
	ana, anaStaff := token("ana@example.org", carepath.RoleClinician)
	bo, _ := token("bo@example.org", carepath.RoleClinician)
	reviewer, _ := token("rev@example.org", carepath.RoleReviewer)
	api := ts.URL + "/api/v1"

	created := func(status int, body string) string { return apptest.CreatedID(t, status, body) }
	program := created(apptest.API(t, "POST", api+"/programs", admin,
		`{"name":"Evening IOP","level":"iop","time_zone":"America/Chicago"}`))
	client := created(apptest.API(t, "POST", api+"/clients", desk,
		`{"given_name":"Robin","family_name":"Lake","birth_date":"1990-04-02","primary_clinician_id":"`+anaStaff.ID+`"}`))
	episode := created(apptest.API(t, "POST", api+"/clients/"+client+"/episodes", ana,
		`{"program_id":"`+program+`","level":"php","on":"2026-01-05"}`))

	for _, tt := range []struct {
		name, method, path, token, body string
		status                          int
		want                            string // in the body
	}{
		{"no token", "GET", "/programs", "", "", 401, ""},
		{"front desk may not create programs", "POST", "/programs", desk, `{"name":"X","level":"iop","time_zone":"UTC"}`, 403, ""},
		{"bad program is named", "POST", "/programs", admin, `{"name":"X","level":"spa","time_zone":"Nowhere"}`, 400, `"time_zone"`},
		{"one program", "GET", "/programs/" + program, ana, "", 200, `"time_zone":"America/Chicago"`},
		{"reviewer may not see programs", "GET", "/programs/" + program, reviewer, "", 403, ""},
		{"programs list with default hours", "GET", "/programs", desk, "", 200, `"min_hours_per_week":9`},
		{"second open episode names program_id", "POST", "/clients/" + client + "/episodes", ana, `{"program_id":"` + program + `","on":"2026-01-06"}`, 409, `"program_id"`},
		{"bad date is named", "POST", "/clients/" + client + "/episodes", ana, `{"program_id":"` + program + `","on":"2026-02-30"}`, 400, `"on"`},
		{"unknown field is named", "POST", "/clients/" + client + "/episodes", ana, `{"program_id":"x","on":"2026-01-06","bed":3}`, 400, `"bed"`},
		{"another clinician gets 404", "POST", "/clients/" + client + "/episodes", bo, `{"program_id":"` + program + `","on":"2026-01-06"}`, 404, ""},
		{"same level names to_level", "POST", "/episodes/" + episode + "/transfers", ana, `{"version":1,"to_level":"php","on":"2026-01-10","reason":"x"}`, 400, `"to_level"`},
		{"missing reason is named", "POST", "/episodes/" + episode + "/transfers", ana, `{"version":1,"to_level":"iop","on":"2026-01-10"}`, 400, `"reason"`},
		{"step down", "POST", "/episodes/" + episode + "/transfers", ana, `{"version":1,"to_level":"iop","on":"2026-01-19","reason":"stable"}`, 201, `"direction":"step_down"`},
		{"stale transfer is 409", "POST", "/episodes/" + episode + "/transfers", ana, `{"version":1,"to_level":"outpatient","on":"2026-01-20","reason":"x"}`, 409, ""},
		{"front desk reads the census", "GET", "/programs/" + program + "/census", desk, "", 200, `"client_id":"` + client + `"`},
		{"another clinician's census is empty", "GET", "/programs/" + program + "/census", bo, "", 200, `"census":[]`},
		{"reviewer may not read the census", "GET", "/programs/" + program + "/census", reviewer, "", 403, ""},
		{"front desk may not read episodes", "GET", "/clients/" + client + "/episodes", desk, "", 403, ""},
		{"bad discharge reason is named", "POST", "/episodes/" + episode + "/discharge", ana, `{"version":2,"on":"2026-02-01","reason":"bored"}`, 400, `"reason"`},
		{"stale discharge is 409", "POST", "/episodes/" + episode + "/discharge", ana, `{"version":1,"on":"2026-02-01","reason":"completed"}`, 409, ""},
		{"discharge", "POST", "/episodes/" + episode + "/discharge", ana, `{"version":2,"on":"2026-02-01","reason":"completed","note":"goals met"}`, 200, `"status":"discharged"`},
		{"census is empty after discharge", "GET", "/programs/" + program + "/census", admin, "", 200, `"census":[]`},
		{"the timeline shows the transfer", "GET", "/clients/" + client + "/episodes", ana, "", 200, `"from_level":"php","to_level":"iop"`},
		{"unknown program census", "GET", "/programs/01a20853-2b38-786d-b0b4-2c5349401af6/census", admin, "", 404, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			status, body := apptest.API(t, tt.method, api+tt.path, tt.token, tt.body)
			if status != tt.status || !strings.Contains(body, tt.want) {
				t.Errorf("%s %s = %d %s, want %d with %s", tt.method, tt.path, status, body, tt.status, tt.want)
			}
		})
	}

	// The audit log holds the episode calls with the client id, and no names, reasons or notes.
	status, body := apptest.API(t, "GET", api+"/audit?client_id="+client, admin, "")
	if status != 200 {
		t.Fatalf("audit: %d %s", status, body)
	}
	for _, want := range []string{`"episode.create"`, `"episode.transfer"`, `"episode.discharge"`, `"episode.list"`, `"census.read"`} {
		if !strings.Contains(body, want) {
			t.Errorf("audit rows lack %s", want)
		}
	}
	for _, secret := range []string{"Robin", "stable", "goals met"} {
		if strings.Contains(body, secret) {
			t.Errorf("audit rows hold %q", secret)
		}
	}
}
