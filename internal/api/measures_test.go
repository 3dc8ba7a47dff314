package api_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
)

// problemFields returns the field paths a problem names.
func problemFields(t *testing.T, body string) []string {
	t.Helper()
	var p struct {
		Errors []struct {
			Field string `json:"field"`
		} `json:"errors"`
	}
	_ = json.Unmarshal([]byte(body), &p)
	var out []string
	for _, e := range p.Errors {
		out = append(out, e.Field)
	}
	return out
}

func TestMeasuresAPI(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	admin, _ := apptest.Token(t, st, "admin@example.org", carepath.RoleAdmin)
	ana, anaStaff := apptest.Token(t, st, "ana@example.org", carepath.RoleClinician)
	ben, _ := apptest.Token(t, st, "ben@example.org", carepath.RoleClinician)
	desk, _ := apptest.Token(t, st, "desk@example.org", carepath.RoleFrontDesk)
	client := apptest.MeasureClient(t, ts.URL, admin, anaStaff.ID)
	measures := ts.URL + "/api/v1/clients/" + client + "/measures"
	now := time.Now().UTC()
	at := func(daysAgo int) string { return now.AddDate(0, 0, -daysAgo).Format(time.RFC3339) }

	bad := []struct {
		name, token, body string
		status            int
		fields            []string
	}{
		{"wrong count", ana, `{"instrument":"phq9","answers":[1,1,1],"taken_at":"` + at(1) + `"}`, 400, []string{"answers"}},
		{"out of range", ana, `{"instrument":"phq9","answers":[1,1,1,1,1,1,1,7,1],"taken_at":"` + at(1) + `"}`, 400, []string{"answers[7]"}},
		{"future", ana, `{"instrument":"gad7","answers":[0,0,0,0,0,0,0],"taken_at":"` + now.Add(2*time.Hour).Format(time.RFC3339) + `"}`, 400, []string{"taken_at"}},
		{"before first episode", ana, `{"instrument":"gad7","answers":[0,0,0,0,0,0,0],"taken_at":"` + at(40) + `"}`, 400, []string{"taken_at"}},
		{"not a time", ana, `{"instrument":"gad7","answers":[0,0,0,0,0,0,0],"taken_at":"yesterday"}`, 400, []string{"taken_at"}},
		{"unknown instrument", ana, `{"instrument":"bdi","answers":[0],"taken_at":"` + at(1) + `"}`, 400, []string{"instrument"}},
		{"front desk", desk, `{"instrument":"gad7","answers":[0,0,0,0,0,0,0],"taken_at":"` + at(1) + `"}`, 403, nil},
		{"not on the care team", ben, `{"instrument":"gad7","answers":[0,0,0,0,0,0,0],"taken_at":"` + at(1) + `"}`, 404, nil},
		{"no token", "", `{"instrument":"gad7","answers":[0,0,0,0,0,0,0],"taken_at":"` + at(1) + `"}`, 401, nil},
	}
	for _, b := range bad {
		code, body := apptest.API(t, "POST", measures, b.token, b.body)
		if code != b.status || fmt.Sprint(problemFields(t, body)) != fmt.Sprint(b.fields) {
			t.Errorf("%s: %d %s, want %d naming %v", b.name, code, body, b.status, b.fields)
		}
	}
	if n := apptest.CountRows(t, ts.DB, "measures", "1 = 1"); n != 0 {
		t.Fatalf("%d measures stored after errors", n)
	}

	// Baseline 14, then 6: change -8, reliable improvement and recovery.
	code, body := apptest.API(t, "POST", measures, ana, `{"instrument":"phq9","answers":[2,2,2,2,2,2,1,1,0],"taken_at":"`+at(28)+`"}`)
	var m struct {
		Score    int    `json:"score"`
		Severity string `json:"severity"`
		Change   struct {
			Delta               int  `json:"delta"`
			ReliableImprovement bool `json:"reliable_improvement"`
			Recovery            bool `json:"recovery"`
		} `json:"change"`
		Alerts []struct {
			ID, Kind, Protocol string
		} `json:"alerts"`
	}
	if code != 201 || json.Unmarshal([]byte(body), &m) != nil || m.Score != 14 || m.Severity != "moderate" {
		t.Fatalf("baseline: %d %s", code, body)
	}
	code, body = apptest.API(t, "POST", measures, ana, `{"instrument":"phq9","answers":[1,1,1,1,1,1,0,0,0],"taken_at":"`+at(14)+`"}`)
	if code != 201 || json.Unmarshal([]byte(body), &m) != nil || m.Change.Delta != -8 || !m.Change.ReliableImprovement || !m.Change.Recovery {
		t.Fatalf("second: %d %s", code, body)
	}
	// A positive item 9: a safety alert at once, with the crisis protocol.
	code, body = apptest.API(t, "POST", measures, ana, `{"instrument":"phq9","answers":[1,1,1,1,1,1,0,0,1],"taken_at":"`+at(0)+`"}`)
	m.Alerts = nil
	if code != 201 || json.Unmarshal([]byte(body), &m) != nil || len(m.Alerts) != 1 || m.Alerts[0].Kind != "safety_item9" || !strings.Contains(m.Alerts[0].Protocol, "988") {
		t.Fatalf("item 9: %d %s", code, body)
	}
	safety := m.Alerts[0].ID

	code, body = apptest.API(t, "GET", measures, ana, "")
	var series struct {
		Measures   []json.RawMessage `json:"measures"`
		CrisisFlag *struct{}         `json:"crisis_flag"`
		Schedule   struct {
			EveryDays int `json:"every_days"`
		} `json:"schedule"`
	}
	if code != 200 || json.Unmarshal([]byte(body), &series) != nil || len(series.Measures) != 3 || series.CrisisFlag == nil || series.Schedule.EveryDays != 7 {
		t.Fatalf("series: %d %s", code, body)
	}
	if code, _ := apptest.API(t, "GET", measures, ben, ""); code != 404 {
		t.Errorf("Ben lists Ana's client's measures: %d", code)
	}

	// Alerts: Ana sees the safety alert first; Ben none; the front desk may not list them.
	code, body = apptest.API(t, "GET", ts.URL+"/api/v1/measure-alerts", ana, "")
	if code != 200 || !strings.Contains(body, `"safety_item9"`) || strings.Index(body, safety) < 0 {
		t.Fatalf("alerts: %d %s", code, body)
	}
	if code, body := apptest.API(t, "GET", ts.URL+"/api/v1/measure-alerts", ben, ""); code != 200 || strings.Contains(body, safety) {
		t.Errorf("Ben's alerts: %d %s", code, body)
	}
	if code, _ := apptest.API(t, "GET", ts.URL+"/api/v1/measure-alerts", desk, ""); code != 403 {
		t.Errorf("front desk alerts: %d", code)
	}
	ack := ts.URL + "/api/v1/measure-alerts/" + safety + "/acknowledge"
	if code, body := apptest.API(t, "POST", ack, ana, `{"note":" "}`); code != 400 || fmt.Sprint(problemFields(t, body)) != "[note]" {
		t.Errorf("empty note: %d %s", code, body)
	}
	if code, _ := apptest.API(t, "POST", ack, ben, `{"note":"seen"}`); code != 404 {
		t.Errorf("Ben acknowledges: %d", code)
	}
	if code, body := apptest.API(t, "POST", ack, ana, `{"note":"Called her; safety plan reviewed."}`); code != 200 || !strings.Contains(body, `"acknowledged_by"`) {
		t.Errorf("acknowledge: %d %s", code, body)
	}
	if code, _ := apptest.API(t, "POST", ack, ana, `{"note":"again"}`); code != 409 {
		t.Errorf("acknowledge twice: %d", code)
	}
	if code, body := apptest.API(t, "GET", ts.URL+"/api/v1/measure-alerts", ana, ""); code != 200 || strings.Contains(body, safety) {
		t.Errorf("acknowledged alert still listed: %s", body)
	}

	// Answer links: bad input names the field; a good one is sent (never returned).
	links := ts.URL + "/api/v1/clients/" + client + "/measure-links"
	if code, body := apptest.API(t, "POST", links, ana, `{"instruments":[],"send_to":"pigeon"}`); code != 400 || fmt.Sprint(problemFields(t, body)) != "[instruments send_to]" {
		t.Errorf("bad link: %d %s", code, body)
	}
	if code, body := apptest.API(t, "POST", links, ana, `{"instruments":["phq9"],"send_to":"sms"}`); code != 400 || fmt.Sprint(problemFields(t, body)) != "[send_to]" {
		t.Errorf("no phone: %d %s", code, body)
	}
	if n := apptest.CountRows(t, ts.DB, "measure_links", "1 = 1"); n != 0 {
		t.Errorf("%d links stored after errors", n)
	}
	// Nothing is emailed without the client's consent to contact by email.
	consent := func(yes bool) {
		t.Helper()
		_, body := apptest.API(t, "GET", ts.URL+"/api/v1/clients/"+client, ana, "")
		var c struct{ Version int }
		_ = json.Unmarshal([]byte(body), &c)
		code, body := apptest.API(t, "PATCH", ts.URL+"/api/v1/clients/"+client, ana, fmt.Sprintf(`{"version":%d,"email_consent":%v}`, c.Version, yes))
		if code != 200 || !strings.Contains(body, fmt.Sprintf(`"email_consent":%v`, yes)) || strings.Contains(body, `"email_consent_at"`) != yes {
			t.Fatalf("consent %v: %d %s", yes, code, body)
		}
	}
	consent(false)
	if code, body := apptest.API(t, "POST", links, ana, `{"instruments":["phq9","gad7"],"send_to":"email"}`); code != 400 || !strings.Contains(body, "no_consent") {
		t.Errorf("link without consent: %d %s", code, body)
	}
	consent(true)
	code, body = apptest.API(t, "POST", links, ana, `{"instruments":["phq9","gad7"],"send_to":"email"}`)
	if code != 201 || strings.Contains(body, "token") || strings.Contains(body, "/m/") {
		t.Errorf("link: %d %s", code, body)
	}
	if code, _ := apptest.API(t, "POST", links, desk, `{"instruments":["phq9"],"send_to":"email"}`); code != 403 {
		t.Errorf("front desk link: %d", code)
	}
}

// TestMeasureScheduleAPI overrides a client's measurement schedule and goes back to the
// level's default through the API; the front desk may do neither.
func TestMeasureScheduleAPI(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	admin, _ := apptest.Token(t, st, "admin@example.org", carepath.RoleAdmin)
	ana, anaStaff := apptest.Token(t, st, "ana@example.org", carepath.RoleClinician)
	desk, _ := apptest.Token(t, st, "desk@example.org", carepath.RoleFrontDesk)
	client := apptest.MeasureClient(t, ts.URL, admin, anaStaff.ID)
	schedule := ts.URL + "/api/v1/clients/" + client + "/measure-schedule"
	var s struct {
		EveryDays int  `json:"every_days"`
		Override  bool `json:"override"`
	}
	code, body := apptest.API(t, "PUT", schedule, ana, `{"every_days":3,"repeated":["phq9"]}`)
	if code != 200 || json.Unmarshal([]byte(body), &s) != nil || s.EveryDays != 3 || !s.Override {
		t.Fatalf("PUT: %d %s", code, body)
	}
	if code, _ := apptest.API(t, "DELETE", schedule, desk, ""); code != 403 {
		t.Errorf("front desk DELETE: %d, want 403", code)
	}
	code, body = apptest.API(t, "DELETE", schedule, ana, "")
	s.EveryDays, s.Override = 0, true
	if code != 200 || json.Unmarshal([]byte(body), &s) != nil || s.Override || s.EveryDays == 3 {
		t.Errorf("DELETE: %d %s, want the level's default", code, body)
	}
}
