package api_test

import (
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
)

func TestDiagnosesAPI(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	desk, _ := apptest.Token(t, ts.Store, "desk@example.org", carepath.RoleFrontDesk)
	ana, anaStaff := apptest.Token(t, ts.Store, "ana@example.org", carepath.RoleClinician)
	bo, _ := apptest.Token(t, ts.Store, "bo@example.org", carepath.RoleClinician)
	api := ts.URL + "/api/v1"
	created := func(status int, body string) string { return apptest.CreatedID(t, status, body) }
	client := created(apptest.API(t, "POST", api+"/clients", desk,
		`{"given_name":"Robin","family_name":"Lake","birth_date":"1990-04-02","primary_clinician_id":"`+anaStaff.ID+`"}`))
	diagnoses := "/clients/" + client + "/diagnoses"
	first := created(apptest.API(t, "POST", api+diagnoses, ana, `{"code":"F10.20","primary":true}`))

	for _, tt := range []struct {
		name, method, path, token, body string
		status                          int
		want                            string
	}{
		{"a code not in the set is named", "POST", diagnoses, ana, `{"code":"F99.99"}`, 400, `"field":"code"`},
		{"a heading is named", "POST", diagnoses, ana, `{"code":"F10"}`, 400, `"code":"not_billable"`},
		{"a bad onset is named", "POST", diagnoses, ana, `{"code":"F41.1","onset":"yesterday"}`, 400, `"field":"onset"`},
		{"a second diagnosis", "POST", diagnoses, ana, `{"code":"F41.1","onset":"2025-06-01"}`, 201, `"primary":false`},
		{"another clinician gets 404", "POST", diagnoses, bo, `{"code":"F41.1"}`, 404, ""},
		{"the front desk may not", "GET", diagnoses, desk, "", 403, ""},
		{"list: the primary first", "GET", diagnoses, ana, "", 200, `{"diagnoses":[{"id":"` + first + `"`},
		{"resolve needs a date", "POST", "/diagnoses/" + first + "/resolve", ana, `{}`, 400, `"field":"resolved"`},
		{"resolve", "POST", "/diagnoses/" + first + "/resolve", ana, `{"resolved":"2026-01-05"}`, 200, `"resolved":"2026-01-05"`},
		{"resolve again", "POST", "/diagnoses/" + first + "/resolve", ana, `{"resolved":"2026-01-06"}`, 409, ""},
		{"search by words", "GET", "/diagnosis-codes?q=alcohol+dependence&limit=3", desk, "", 200, `"code":"F10.2`},
		{"search limit is named", "GET", "/diagnosis-codes?q=x&limit=500", desk, "", 400, `"field":"limit"`},
	} {
		status, body := apptest.API(t, tt.method, api+tt.path, tt.token, tt.body)
		if status != tt.status || !strings.Contains(body, tt.want) {
			t.Errorf("%s: %s %s = %d %s, want %d with %s", tt.name, tt.method, tt.path, status, body, tt.status, tt.want)
		}
	}
	if n := apptest.CountRows(t, ts.DB, "diagnoses", "client_id = '"+client+"'"); n != 2 {
		t.Errorf("%d diagnoses stored, want 2 (nothing written by the refused calls)", n)
	}
}
