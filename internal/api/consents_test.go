package api_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
)

func TestConsentsAPI(t *testing.T) {
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
	client := created(apptest.API(t, "POST", api+"/clients", desk,
		`{"given_name":"Robin","family_name":"Lake","birth_date":"1990-04-02","primary_clinician_id":"`+anaStaff.ID+`"}`))
	consents := "/clients/" + client + "/consents"
	part2 := created(apptest.API(t, "POST", api+consents, desk,
		`{"kind":"part2_disclosure","recipient":"Harbor County Drug Court","information":"attendance and toxicology results",
		  "purpose":"court supervision","purposes":["patient_request"],"signed_on":"2025-01-02","expires_on_event":"end of supervision"}`))
	expired := created(apptest.API(t, "POST", api+consents, ana,
		`{"kind":"release_of_information","recipient":"Dr. Okafor","information":"discharge summary",
		  "purpose":"continuity of care","signed_on":"2025-01-02","expires_on":"2025-02-01"}`))

	for _, tt := range []struct {
		name, method, path, token, body string
		status                          int
		want                            string // in the body
	}{
		{"no token", "GET", consents, "", "", 401, ""},
		{"part2 needs its parts, named", "POST", consents, desk, `{"kind":"part2_disclosure","signed_on":"2025-01-02"}`, 400, `"recipient"`},
		{"part2 needs an end, named", "POST", consents, desk, `{"kind":"part2_disclosure","recipient":"x","information":"y","purpose":"z","signed_on":"2025-01-02"}`, 400, `"expires_on"`},
		{"end before signing is named", "POST", consents, desk, `{"kind":"treatment","signed_on":"2025-01-02","expires_on":"2024-12-31"}`, 400, `"expires_on"`},
		{"future signing is named", "POST", consents, desk, `{"kind":"treatment","signed_on":"2999-01-01"}`, 400, `"signed_on"`},
		{"unknown kind is named", "POST", consents, desk, `{"kind":"marketing","signed_on":"2025-01-02"}`, 400, `"kind"`},
		{"unknown field is named", "POST", consents, desk, `{"kind":"treatment","signed_on":"2025-01-02","witness":"x"}`, 400, `"witness"`},
		{"treatment consent", "POST", consents, ana, `{"kind":"treatment","signed_on":"2025-01-02"}`, 201, `"active":true`},
		{"another clinician gets 404", "POST", consents, bo, `{"kind":"treatment","signed_on":"2025-01-02"}`, 404, ""},
		{"another clinician may not list", "GET", consents, bo, "", 404, ""},
		{"reviewer may not list", "GET", consents, reviewer, "", 403, ""},
		{"reviewer may not record", "POST", consents, reviewer, `{"kind":"treatment","signed_on":"2025-01-02"}`, 403, ""},
		{"front desk lists", "GET", consents, desk, "", 200, `"recipient":"Harbor County Drug Court"`},
		{"the expired consent is listed", "GET", consents, ana, "", 200, `"id":"` + expired + `","client_id":"` + client + `","kind":"release_of_information"`},
		{"another clinician may not revoke", "POST", "/consents/" + part2 + "/revoke", bo, `{"reason":"x"}`, 404, ""},
		{"reviewer may not revoke", "POST", "/consents/" + part2 + "/revoke", reviewer, `{"reason":"x"}`, 403, ""},
		{"revoke needs a reason", "POST", "/consents/" + part2 + "/revoke", ana, `{}`, 400, `"reason"`},
		{"revoke", "POST", "/consents/" + part2 + "/revoke", ana, `{"reason":"client withdrew it in writing"}`, 200, `"active":false`},
		{"revoke again is 409", "POST", "/consents/" + part2 + "/revoke", admin, `{"reason":"again"}`, 409, ""},
		{"unknown consent", "POST", "/consents/01a20853-2b38-786d-b0b4-2c5349401af6/revoke", admin, `{"reason":"x"}`, 404, ""},
		{"unknown client", "GET", "/clients/01a20853-2b38-786d-b0b4-2c5349401af6/consents", admin, "", 404, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			status, body := apptest.API(t, tt.method, api+tt.path, tt.token, tt.body)
			if status != tt.status || !strings.Contains(body, tt.want) {
				t.Errorf("%s %s = %d %s, want %d with %s", tt.method, tt.path, status, body, tt.status, tt.want)
			}
		})
	}

	// The list reads back active flags: the revoked and the expired are inactive, the
	// treatment consent active.
	status, body := apptest.API(t, "GET", api+consents, admin, "")
	var got struct {
		Consents []carepath.Consent `json:"consents"`
	}
	if status != 200 || json.Unmarshal([]byte(body), &got) != nil || len(got.Consents) != 3 {
		t.Fatalf("list: %d %s", status, body)
	}
	for _, c := range got.Consents {
		want := c.Kind == carepath.ConsentTreatment
		if c.Active != want || (c.ID == part2) != (c.RevokedAt != nil) {
			t.Errorf("consent %s %s: active %v, revoked %v", c.ID, c.Kind, c.Active, c.RevokedAt)
		}
	}
	if carepath.ActiveDisclosureConsent(toPointers(got.Consents), "Harbor County Drug Court", carepath.PurposePatientRequest, "2025-06-01") != nil {
		t.Error("a revoked Part 2 consent still allows disclosure")
	}

	// The audit log holds the consent calls with the client id, and no names, recipients,
	// purposes or reasons.
	status, body = apptest.API(t, "GET", api+"/audit?client_id="+client, admin, "")
	if status != 200 {
		t.Fatalf("audit: %d %s", status, body)
	}
	for _, want := range []string{`"consent.create"`, `"consent.list"`, `"consent.revoke"`, `kind=part2_disclosure`} {
		if !strings.Contains(body, want) {
			t.Errorf("audit rows lack %s", want)
		}
	}
	for _, secret := range []string{"Robin", "Harbor", "Okafor", "supervision", "toxicology", "continuity", "in writing"} {
		if strings.Contains(body, secret) {
			t.Errorf("audit rows hold %q", secret)
		}
	}
}

func toPointers(list []carepath.Consent) []*carepath.Consent {
	out := make([]*carepath.Consent, len(list))
	for i := range list {
		out[i] = &list[i]
	}
	return out
}
