package api_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

func TestAssessmentsAndConvertAPI(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	token := func(email string, role carepath.Role) (string, *carepath.Staff) {
		return apptest.Token(t, st, email, role)
	}
	desk, _ := token("desk@example.org", carepath.RoleFrontDesk)
	ana, anaStaff := token("ana@example.org", carepath.RoleClinician)
	bo, _ := token("bo@example.org", carepath.RoleClinician)
	rev, _ := token("rev@example.org", carepath.RoleReviewer)

	// An intake request from the public decision aid.
	intake := &carepath.Intake{Name: "Robin", Email: "robin@example.org", Consent: true,
		Profile: json.RawMessage(`{"answers": {"phq9": [2,2,2,2,2,1,1,1,0]}}`), Level: carepath.LevelOutpatient}
	public := carepath.NewContext(context.Background(), carepath.Actor{ID: "public", Role: carepath.RolePublic, Remote: "192.0.2.1"})
	if err := store.NewIntakeService(st).CreateIntake(public, intake); err != nil {
		t.Fatal(err)
	}
	convert := ts.URL + "/api/v1/intakes/" + intake.ID + "/convert"
	if status, body := apptest.API(t, "POST", convert, desk, `{"given_name":"Robin","birth_date":"1990-04-02"}`); status != 400 || !strings.Contains(body, `"family_name"`) {
		t.Errorf("convert without a family name: %d %s", status, body)
	}
	if status, _ := apptest.API(t, "POST", convert, rev, `{"given_name":"Robin","family_name":"Lake","birth_date":"1990-04-02"}`); status != 403 {
		t.Errorf("reviewer converts: %d", status)
	}
	status, body := apptest.API(t, "POST", convert, desk, `{"given_name":"Robin","family_name":"Lake","birth_date":"1990-04-02","primary_clinician_id":"`+anaStaff.ID+`"}`)
	if status != 201 {
		t.Fatalf("convert: %d %s", status, body)
	}
	var c struct {
		ID    string `json:"id"`
		Email string `json:"email"`
	}
	if err := json.Unmarshal([]byte(body), &c); err != nil || c.ID == "" || c.Email != "robin@example.org" {
		t.Fatalf("converted %s", body)
	}
	if status, _ := apptest.API(t, "POST", convert, desk, `{"given_name":"Robin","family_name":"Lake","birth_date":"1990-04-02"}`); status != 409 {
		t.Errorf("second conversion: %d", status)
	}

	base := ts.URL + "/api/v1/clients/" + c.ID + "/assessments"
	profile := `"profile":{"answers":{"phq9":[2,2,2,2,2,1,1,1,0]}}`
	for _, tt := range []struct {
		name, method, token, body string
		status                    int
		want                      string // in the body
	}{
		{"no token", "GET", "", "", 401, ""},
		{"the intake's answers are the first assessment", "GET", ana, "", 200, `"source":"intake"`},
		{"front desk may not read assessments", "GET", desk, "", 403, ""},
		{"another clinician gets 404", "GET", bo, "", 404, ""},
		{"another clinician may not assess", "POST", bo, `{` + profile + `}`, 404, ""},
		{"front desk may not assess", "POST", desk, `{` + profile + `}`, 403, ""},
		{"the recommendation stands", "POST", ana, `{` + profile + `}`, 201, `"final_level":"outpatient"`},
		{"an override needs a variance", "POST", ana, `{` + profile + `,"final_level":"iop"}`, 400, `"variance.code"`},
		{"clinical judgment needs a note", "POST", ana, `{` + profile + `,"final_level":"iop","variance":{"code":"clinical_judgment"}}`, 400, `"variance.note"`},
		{"override with a variance", "POST", ana, `{` + profile + `,"final_level":"iop","variance":{"code":"no_bed_available"}}`, 201,
			`"recommended":"outpatient","rubric_version"`},
		{"profile errors are prefixed", "POST", ana, `{"profile":{"answers":{"phq9":[1,2,3]}}}`, 400, `"profile.answers.phq9"`},
		{"a client-sent recommendation is refused", "POST", ana, `{` + profile + `,"recommended":"none"}`, 400, `"recommended"`},
		{"unknown level is named", "POST", ana, `{` + profile + `,"final_level":"spa","variance":{"code":"other","note":"x"}}`, 400, `"final_level"`},
		{"history, newest first", "GET", ana, "", 200, `"variance":{"code":"no_bed_available"}`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			status, body := apptest.API(t, tt.method, base, tt.token, tt.body)
			if status != tt.status || !strings.Contains(body, tt.want) {
				t.Errorf("%s = %d %s, want %d with %s", tt.method, status, body, tt.status, tt.want)
			}
		})
	}

	unknown := ts.URL + "/api/v1/clients/01a20853-2b38-786d-b0b4-2c5349401af6/assessments"
	if status, _ := apptest.API(t, "GET", unknown, ana, ""); status != 404 {
		t.Errorf("unknown client: %d", status)
	}
	_, body = apptest.API(t, "GET", base, ana, "")
	var list struct {
		Assessments []struct {
			FinalLevel string `json:"final_level"`
			Source     string `json:"source"`
		} `json:"assessments"`
	}
	if err := json.Unmarshal([]byte(body), &list); err != nil || len(list.Assessments) != 3 ||
		list.Assessments[0].FinalLevel != "iop" || list.Assessments[2].Source != "intake" {
		t.Errorf("history %s", body)
	}
}
