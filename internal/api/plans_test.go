package api_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
)

func TestPlansAPI(t *testing.T) {
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

	status, body := apptest.API(t, "POST", api+"/clients", desk,
		`{"given_name":"Robin","family_name":"Lake","birth_date":"1990-04-02","primary_clinician_id":"`+anaStaff.ID+`"}`)
	var client struct {
		ID string `json:"id"`
	}
	if status != 201 || json.Unmarshal([]byte(body), &client) != nil || client.ID == "" {
		t.Fatalf("create client: %d %s", status, body)
	}
	due := time.Now().UTC().AddDate(0, 2, 0).Format(carepath.DateLayout)
	past := time.Now().UTC().AddDate(0, 0, -2).Format(carepath.DateLayout)
	plan := func(statement, target string) string {
		return `{"problems":[{"statement":"` + statement + `","in_own_words":"I can't stop worrying",
			"goals":[{"statement":"Reduce anxiety to mild","in_own_words":"Feel calm at work",
			"objectives":[{"statement":"GAD-7 below 10","target_date":"` + target + `",
			"interventions":[{"kind":"cbt","description":"exposure work","frequency":"weekly"}]}]}]}]}`
	}
	status, body = apptest.API(t, "POST", api+"/clients/"+client.ID+"/plans", ana, plan("Generalized anxiety disorder", due))
	var p carepath.TreatmentPlan
	if status != 201 || json.Unmarshal([]byte(body), &p) != nil || p.ID == "" || p.Version != 1 || p.Status != carepath.TreatmentPlanDraft {
		t.Fatalf("create plan: %d %s", status, body)
	}
	updated := strings.Replace(plan("GAD, moderate", due), `{"problems"`, `{"revision":1,"problems"`, 1)

	for _, tt := range []struct {
		name, method, path, token, body string
		status                          int
		want                            string // in the body
	}{
		{"no token", "GET", "/plans/" + p.ID, "", "", 401, ""},
		{"front desk may not read plans", "GET", "/clients/" + client.ID + "/plans", desk, "", 403, ""},
		{"a reviewer not assigned to the client does not see plans", "GET", "/plans/" + p.ID, reviewer, "", 404, ""},
		{"another clinician gets 404", "GET", "/plans/" + p.ID, bo, "", 404, ""},
		{"another clinician may not start one", "POST", "/clients/" + client.ID + "/plans", bo, plan("x", due), 404, ""},
		{"a second draft is 409", "POST", "/clients/" + client.ID + "/plans", ana, plan("x", due), 409, ""},
		{"bad target date names its path", "PUT", "/plans/" + p.ID, ana,
			strings.Replace(plan("x", past), `{"problems"`, `{"revision":1,"problems"`, 1), 400,
			`"problems[0].goals[0].objectives[0].target_date"`},
		{"no goals names its path", "PUT", "/plans/" + p.ID, ana, `{"revision":1,"problems":[{"statement":"x","goals":[]}]}`, 400, `"problems[0].goals"`},
		{"bad intervention kind names its path", "PUT", "/plans/" + p.ID, ana,
			strings.Replace(updated, `"kind":"cbt"`, `"kind":"reiki"`, 1), 400, `"problems[0].goals[0].objectives[0].interventions[0].kind"`},
		{"unknown field is named", "PUT", "/plans/" + p.ID, ana, `{"revision":1,"problems":[],"mood":"ok"}`, 400, `"mood"`},
		{"update the draft", "PUT", "/plans/" + p.ID, ana, updated, 200, `"revision":2`},
		{"stale update is 409", "PUT", "/plans/" + p.ID, ana, updated, 409, ""},
		{"a draft cannot be acknowledged", "POST", "/plans/" + p.ID + "/acknowledge", ana, `{"how":"verbal"}`, 409, ""},
		{"stale signature is 409", "POST", "/plans/" + p.ID + "/sign", ana, `{"revision":1}`, 409, ""},
		{"sign", "POST", "/plans/" + p.ID + "/sign", ana, `{"revision":2}`, 200, `"status":"signed"`},
		{"a signed plan is never edited", "PUT", "/plans/" + p.ID, ana, strings.Replace(updated, `"revision":1`, `"revision":3`, 1), 409, "new version"},
		{"bad acknowledgement names how", "POST", "/plans/" + p.ID + "/acknowledge", ana, `{"how":"wink"}`, 400, `"how"`},
		{"acknowledge", "POST", "/plans/" + p.ID + "/acknowledge", ana, `{"how":"in_person"}`, 200, `"acknowledged_how":"in_person"`},
		{"new version copies the last", "POST", "/clients/" + client.ID + "/plans", ana, `{}`, 201, `"version":2`},
		{"versions newest first", "GET", "/clients/" + client.ID + "/plans", ana, "", 200, `"plans":[{`},
		{"admin reads it", "GET", "/plans/" + p.ID, admin, "", 200, `"statement":"GAD, moderate"`},
		{"unknown plan", "GET", "/plans/01a20853-2b38-786d-b0b4-2c5349401af6", admin, "", 404, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			status, body := apptest.API(t, tt.method, api+tt.path, tt.token, tt.body)
			if status != tt.status || !strings.Contains(body, tt.want) {
				t.Errorf("%s %s = %d %s, want %d with %s", tt.method, tt.path, status, body, tt.status, tt.want)
			}
		})
	}

	var list struct {
		Plans []carepath.TreatmentPlan `json:"plans"`
	}
	status, body = apptest.API(t, "GET", api+"/clients/"+client.ID+"/plans", ana, "")
	if status != 200 || json.Unmarshal([]byte(body), &list) != nil || len(list.Plans) != 2 ||
		list.Plans[0].Version != 2 || list.Plans[0].Status != carepath.TreatmentPlanDraft ||
		list.Plans[1].ID != p.ID || list.Plans[1].AcknowledgedAt == nil || list.Plans[0].Problems[0].Statement != "GAD, moderate" {
		t.Errorf("plans: %d %s", status, body)
	}

	// The audit log holds the plan calls with the client id, and no statements or own words.
	status, body = apptest.API(t, "GET", api+"/audit?client_id="+client.ID, admin, "")
	if status != 200 {
		t.Fatalf("audit: %d %s", status, body)
	}
	for _, want := range []string{`"plan.create"`, `"plan.update"`, `"plan.sign"`, `"plan.acknowledge"`, `"plan.list"`, `"plan.read"`} {
		if !strings.Contains(body, want) {
			t.Errorf("audit rows lack %s", want)
		}
	}
	for _, secret := range []string{"Robin", "anxiety", "worrying", "GAD"} {
		if strings.Contains(body, secret) {
			t.Errorf("audit rows hold %q", secret)
		}
	}
}
