package api_test

import (
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
)

func TestPayersAndCoveragesAPI(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	admin, _ := apptest.Token(t, ts.Store, "admin@example.org", carepath.RoleAdmin)
	desk, _ := apptest.Token(t, ts.Store, "desk@example.org", carepath.RoleFrontDesk)
	ana, anaStaff := apptest.Token(t, ts.Store, "ana@example.org", carepath.RoleClinician)
	api := ts.URL + "/api/v1"
	created := func(status int, body string) string { return apptest.CreatedID(t, status, body) }
	client := created(apptest.API(t, "POST", api+"/clients", desk,
		`{"given_name":"Robin","family_name":"Lake","birth_date":"1990-04-02","primary_clinician_id":"`+anaStaff.ID+`"}`))
	payer := created(apptest.API(t, "POST", api+"/payers", admin, `{"name":"Acme Health","payer_id":"60054"}`))
	coverages := "/clients/" + client + "/coverages"
	full := `{"payer_id":"` + payer + `","member_id":"M-1","plan_year_start":"2026-01-01","deductible_cents":150000,"deductible_met_cents":20000,
		"coinsurance_percent":20,"copay_cents":0,"out_of_pocket_max_cents":400000,"out_of_pocket_met_cents":20000}`

	for _, tt := range []struct {
		name, method, path, token, body string
		status                          int
		want                            string
	}{
		{"a clinician may not add payers", "POST", "/payers", ana, `{"name":"X","payer_id":"X1"}`, 403, ""},
		{"a payer id is named", "POST", "/payers", admin, `{"name":"X","payer_id":"no spaces!"}`, 400, `"field":"payer_id"`},
		{"a claim format is named", "POST", "/payers", admin, `{"name":"X","payer_id":"X1","claim_format":"1500"}`, 400, `"field":"claim_format"`},
		{"duplicate payer id", "POST", "/payers", admin, `{"name":"X","payer_id":"60054"}`, 409, ""},
		{"set the claim format", "PATCH", "/payers/60054", admin, `{"claim_format":"837P"}`, 200, `"claim_format":"837P"`},
		{"the payer list", "GET", "/payers", desk, "", 200, `"payer_id":"60054"`},
		{"an unknown payer is named", "POST", coverages, desk, strings.Replace(full, payer, "NOPE", 1), 400, `"field":"payer_id"`},
		{"met above the deductible is named", "POST", coverages, desk, strings.Replace(full, `"deductible_met_cents":20000`, `"deductible_met_cents":200000`, 1), 400, `"field":"deductible_met_cents"`},
		{"the issue's body", "POST", coverages, desk, full, 201, `"rank":1`},
		{"in network by default", "GET", coverages, ana, "", 200, `"in_network":true`},
	} {
		status, body := apptest.API(t, tt.method, api+tt.path, tt.token, tt.body)
		if status != tt.status || !strings.Contains(body, tt.want) {
			t.Errorf("%s: %s %s = %d %s, want %d with %s", tt.name, tt.method, tt.path, status, body, tt.status, tt.want)
		}
	}
	if n := apptest.CountRows(t, ts.DB, "coverages", "client_id = '"+client+"'"); n != 1 {
		t.Errorf("%d coverages stored, want 1", n)
	}
}
