package api_test

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/delivery"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// deliveryWorld is a program with a group, two clinicians and three clients, over the API.
type deliveryWorld struct {
	t                 *testing.T
	base              string
	admin, desk, ann  string // tokens
	ben, reviewer     string
	annID, benID      string
	program, group    string
	alice, bob, carol string
	monday            delivery.Date // the Monday of the group's only week
	srv               *apptest.Server
}

func (w *deliveryWorld) call(method, path, token, body string) (int, string) {
	w.t.Helper()
	return apptest.API(w.t, method, w.base+path, token, body)
}

// created makes a call that must answer 201 with an id, and returns the id.
func (w *deliveryWorld) created(method, path, token, body string) string {
	w.t.Helper()
	status, answer := w.call(method, path, token, body)
	return apptest.CreatedID(w.t, status, answer)
}

func (w *deliveryWorld) day(n int) string { return w.monday.AddDays(n).String() }

// newDeliveryWorld builds the program two weeks ahead of today, so that the clients' primary
// clinicians (dated from today) hold on every session.
func newDeliveryWorld(t *testing.T) *deliveryWorld {
	ts := apptest.Start(t)
	st := ts.Store
	w := &deliveryWorld{t: t, base: ts.URL, srv: ts}
	w.admin, _ = apptest.Token(t, st, "admin@example.org", carepath.RoleAdmin)
	w.desk, _ = apptest.Token(t, st, "desk@example.org", carepath.RoleFrontDesk)
	var ann, ben *carepath.Staff
	w.ann, ann = apptest.Token(t, st, "ann@example.org", carepath.RoleClinician)
	w.ben, ben = apptest.Token(t, st, "ben@example.org", carepath.RoleClinician)
	w.reviewer, _ = apptest.Token(t, st, "rev@example.org", carepath.RoleReviewer)
	w.annID, w.benID = ann.ID, ben.ID
	loc, _ := time.LoadLocation("America/Chicago")
	w.monday = delivery.WeekOf(time.Now().AddDate(0, 0, 14), loc).Monday()
	w.program = w.created("POST", "/api/v1/programs", w.admin,
		`{"name":"Evening IOP","level":"iop","time_zone":"America/Chicago","min_hours_per_week":9}`)
	client := func(name, clinician string) string {
		return w.created("POST", "/api/v1/clients", w.desk,
			`{"given_name":"`+name+`","family_name":"Test","birth_date":"1990-04-02","primary_clinician_id":"`+clinician+`"}`)
	}
	w.alice, w.bob, w.carol = client("Alice", w.annID), client("Bob", w.annID), client("Carol", w.benID)
	w.group = w.created("POST", "/api/v1/groups", w.desk, fmt.Sprintf(`{"program_id":%q,"name":"Process A",
		"type":"process","capacity":2,"facilitator_ids":[%q],"days":["mon","wed","fri"],"start_time":"09:00",
		"minutes":180,"start_date":%q,"end_date":%q,"room":"Room 1"}`, w.program, w.annID, w.day(0), w.day(6)))
	for _, c := range []string{w.alice, w.bob} {
		if status, body := w.call("POST", "/api/v1/groups/"+w.group+"/members", w.desk,
			fmt.Sprintf(`{"client_id":%q,"from":%q}`, c, w.day(0))); status != 200 {
			t.Fatalf("add member: %d %s", status, body)
		}
	}
	// The third member is over the capacity of 2: only an admin's override, with a reason, adds them.
	if status, body := w.call("POST", "/api/v1/groups/"+w.group+"/members", w.desk,
		fmt.Sprintf(`{"client_id":%q,"from":%q}`, w.carol, w.day(0))); status != 409 || !strings.Contains(body, `"field":"capacity"`) {
		t.Fatalf("over capacity: %d %s", status, body)
	}
	if status, body := w.call("POST", "/api/v1/groups/"+w.group+"/members", w.admin,
		fmt.Sprintf(`{"client_id":%q,"from":%q,"capacity_override_reason":"Joining from the day group for two weeks"}`, w.carol, w.day(0))); status != 200 {
		t.Fatalf("add member over capacity: %d %s", status, body)
	}
	return w
}

func (w *deliveryWorld) session(client, clinician string, day int, start string, minutes int) string {
	w.t.Helper()
	return w.created("POST", "/api/v1/sessions", w.desk, fmt.Sprintf(`{"program_id":%q,"kind":"individual",
		"client_id":%q,"clinician_id":%q,"date":%q,"start_time":%q,"minutes":%d,"room":"Room 2"}`,
		w.program, client, clinician, w.day(day), start, minutes))
}

func (w *deliveryWorld) attend(token, id string, version int, records string) (int, string) {
	w.t.Helper()
	return w.call("PUT", "/api/v1/sessions/"+id+"/attendance", token, fmt.Sprintf(`{"records":[%s],"version":%d}`, records, version))
}

func rec(client, status string, minutes int) string {
	return fmt.Sprintf(`{"client_id":%q,"status":%q,"minutes":%d}`, client, status, minutes)
}

func TestDeliveryAPI(t *testing.T) {
	t.Parallel()
	w := newDeliveryWorld(t)
	mon := w.group + ":" + w.day(0)
	cases := []struct {
		name, method, path, token, body string
		status                          int
		want                            string
	}{
		{"group without a token", "GET", "/api/v1/groups/" + w.group, "", "", 401, ""},
		{"group for the front desk", "GET", "/api/v1/groups/" + w.group, w.desk, "", 200, `"capacity":2`},
		{"group for a reviewer", "GET", "/api/v1/groups/" + w.group, w.reviewer, "", 403, ""},
		{"unknown group", "GET", "/api/v1/groups/0190d2c5-8d5a-7c4e-9e2b-1f0a6b2c3d4e", w.desk, "", 404, ""},
		{"group that never occurs", "POST", "/api/v1/groups", w.desk, fmt.Sprintf(`{"program_id":%q,"name":"X","type":"skills",
			"facilitator_ids":[%q],"days":["sat"],"start_time":"09:00","minutes":60,"start_date":"2026-11-02","end_date":"2026-11-06","room":"R"}`,
			w.program, w.annID), 400, `"end_date"`},
		{"group with unknown program and facilitator", "POST", "/api/v1/groups", w.desk, `{"program_id":"0190d2c5-8d5a-7c4e-9e2b-1f0a6b2c3d4e",
			"name":"X","type":"skills","facilitator_ids":["0190d2c5-8d5a-7c4e-9e2b-1f0a6b2c3d4e"],"days":["mon"],"start_time":"9am",
			"minutes":60,"start_date":"2026-11-02","room":"R"}`, 400, `"start_time"`},
		{"group with bad ids", "POST", "/api/v1/groups", w.desk, fmt.Sprintf(`{"program_id":"0190d2c5-8d5a-7c4e-9e2b-1f0a6b2c3d4e",
			"name":"X","type":"skills","facilitator_ids":[%q],"days":["mon"],"start_time":"09:00",
			"minutes":60,"start_date":"2026-11-02","room":"R"}`, w.alice), 400, `"facilitator_ids[0]"`},
		{"member twice", "POST", "/api/v1/groups/" + w.group + "/members", w.desk, fmt.Sprintf(`{"client_id":%q,"from":%q}`, w.alice, w.day(2)), 409, ""},
		{"member with a bad date", "POST", "/api/v1/groups/" + w.group + "/members", w.desk, fmt.Sprintf(`{"client_id":%q,"from":"tomorrow"}`, w.alice), 400, `"from"`},
		{"unknown member", "POST", "/api/v1/groups/" + w.group + "/members", w.desk, `{"client_id":"0190d2c5-8d5a-7c4e-9e2b-1f0a6b2c3d4e","from":"2026-11-02"}`, 400, `"client_id"`},
		{"clinician double-booked", "POST", "/api/v1/sessions", w.desk, fmt.Sprintf(`{"program_id":%q,"kind":"individual","client_id":%q,
			"clinician_id":%q,"date":%q,"start_time":"11:30","minutes":50,"room":"Room 9"}`, w.program, w.carol, w.annID, w.day(0)), 409, `"clinician_id"`},
		{"client double-booked", "POST", "/api/v1/sessions", w.desk, fmt.Sprintf(`{"program_id":%q,"kind":"family","client_id":%q,
			"clinician_id":%q,"days":["wed"],"start_date":%q,"start_time":"10:00","minutes":50,"modality":"telehealth",
			"meeting_link":"https://meet.example.org/a"}`, w.program, w.alice, w.benID, w.day(0)), 409, `"client_id"`},
		{"room double-booked", "POST", "/api/v1/sessions", w.desk, fmt.Sprintf(`{"program_id":%q,"kind":"medication","client_id":%q,
			"clinician_id":%q,"date":%q,"start_time":"08:00","minutes":90,"room":"Room 1"}`, w.program, w.carol, w.benID, w.day(4)), 409, `"room"`},
		{"session with bad kind and time", "POST", "/api/v1/sessions", w.desk, fmt.Sprintf(`{"program_id":%q,"kind":"massage","client_id":%q,
			"clinician_id":%q,"date":%q,"start_time":"24:00","minutes":0,"room":"R"}`, w.program, w.carol, w.benID, w.day(4)), 400, `"kind"`},
		{"list without a period", "GET", "/api/v1/sessions", w.desk, "", 400, `"from"`},
		{"list too long", "GET", "/api/v1/sessions?from=2026-01-01&to=2028-01-01", w.desk, "", 400, `"to"`},
		{"list for a reviewer", "GET", "/api/v1/sessions?from=2026-01-01&to=2026-02-01", w.reviewer, "", 403, ""},
		{"unknown occurrence", "GET", "/api/v1/sessions/" + w.group + ":" + w.day(1), w.desk, "", 404, ""},
		{"not on the roster", "PUT", "/api/v1/sessions/" + mon + "/attendance", w.ann, `{"records":[` + rec("0190d2c5-8d5a-7c4e-9e2b-1f0a6b2c3d4e", "present", 10) + `]}`, 400, `"records[0].client_id"`},
		{"minutes outside", "PUT", "/api/v1/sessions/" + mon + "/attendance", w.ann, `{"records":[` + rec(w.alice, "present", 10) + "," + rec(w.bob, "late", 181) + `]}`, 400, `"records[1].minutes"`},
		{"bad status", "PUT", "/api/v1/sessions/" + mon + "/attendance", w.ann, `{"records":[` + rec(w.alice, "asleep", 10) + `]}`, 400, `"records[0].status"`},
		{"attendance by the front desk", "PUT", "/api/v1/sessions/" + mon + "/attendance", w.desk, `{"records":[]}`, 403, ""},
		{"dose with a bad week", "GET", "/api/v1/clients/" + w.alice + "/dose?week=2026-W60", w.ann, "", 400, `"week"`},
		{"dose of someone else's client", "GET", "/api/v1/clients/" + w.alice + "/dose?week=2026-W48", w.ben, "", 404, ""},
		{"dose of a member of the group one runs", "GET", "/api/v1/clients/" + w.carol + "/dose?week=2026-W48", w.ann, "", 200, `"client_id"`},
		{"quality for a clinician", "GET", "/api/v1/programs/" + w.program + "/quality?from=2026-W45&to=2026-W48", w.ann, "", 403, ""},
		{"quality with bad weeks", "GET", "/api/v1/programs/" + w.program + "/quality?from=2026-W48&to=2026-W45", w.admin, "", 400, `"to"`},
		{"alerts for a reviewer", "GET", "/api/v1/alerts", w.reviewer, "", 403, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, body := w.call(c.method, c.path, c.token, c.body)
			if status != c.status || !strings.Contains(body, c.want) {
				t.Errorf("%s %s = %d %s; want %d with %s", c.method, c.path, status, body, c.status, c.want)
			}
			if status >= 400 && (strings.Contains(body, "Alice") || strings.Contains(body, "Carol")) {
				t.Errorf("a client's name in an error: %s", body)
			}
		})
	}
	if n := apptest.CountRows(t, w.srv.DB, "attendance", "1 = 1"); n != 0 {
		t.Errorf("refused attendance wrote %d rows", n)
	}
	if n := apptest.CountRows(t, w.srv.DB, "care_sessions", "1 = 1"); n != 0 {
		t.Errorf("refused sessions wrote %d rows", n)
	}

	// The week lists the group's three sessions with its roster, in Chicago time.
	status, body := w.call("GET", "/api/v1/sessions?from="+w.day(0)+"&to="+w.day(7)+"&group_id="+w.group, w.desk, "")
	var list struct {
		Sessions []carepath.Occurrence `json:"sessions"`
	}
	if status != 200 || json.Unmarshal([]byte(body), &list) != nil || len(list.Sessions) != 3 {
		t.Fatalf("list = %d %s", status, body)
	}
	if s := list.Sessions[0]; s.ID != mon || !strings.HasPrefix(s.Start, w.day(0)+"T09:00:00-0") || s.Minutes != 180 ||
		len(s.ClientIDs) != 3 || s.Kind != "group" || s.GroupID != w.group {
		t.Errorf("first session = %+v", s)
	}
	// Cancel Wednesday, move Friday; Monday stays.
	if status, body := w.call("POST", "/api/v1/sessions/"+w.group+":"+w.day(2)+"/cancel", w.desk, ""); status != 204 {
		t.Errorf("cancel = %d %s", status, body)
	}
	status, body = w.call("POST", "/api/v1/sessions/"+w.group+":"+w.day(4)+"/move", w.desk, `{"start":"`+w.day(5)+`T10:00"}`)
	if status != 200 || !strings.Contains(body, `"start":"`+w.day(5)+`T10:00:00-0`) || !strings.Contains(body, `"moved":true`) {
		t.Errorf("move = %d %s", status, body)
	}
	_, body = w.call("GET", "/api/v1/sessions?from="+w.day(0)+"&to="+w.day(7)+"&group_id="+w.group, w.desk, "")
	if strings.Count(body, `"id":`) != 2 || strings.Contains(body, w.day(2)+"T") {
		t.Errorf("after cancel and move: %s", body)
	}
	// Ben's clinician view: only Carol's sessions; Carol is on the group, so it shows with her alone.
	_, body = w.call("GET", "/api/v1/sessions?from="+w.day(0)+"&to="+w.day(7), w.ben, "")
	if !strings.Contains(body, w.carol) || strings.Contains(body, w.alice) {
		t.Errorf("ben sees %s", body)
	}

	// Attendance: version 0 → 1; a stale save is 409 and writes nothing.
	status, body = w.attend(w.ann, mon, 0, rec(w.alice, "present", 180)+","+rec(w.bob, "absent_unexcused", 0))
	if status != 200 || !strings.Contains(body, `"version":1`) {
		t.Fatalf("attendance = %d %s", status, body)
	}
	if status, body := w.attend(w.ann, mon, 0, rec(w.alice, "late", 100)); status != 409 {
		t.Errorf("stale attendance = %d %s", status, body)
	}
	status, body = w.call("GET", "/api/v1/sessions/"+mon+"/attendance", w.ann, "")
	if status != 200 || !strings.Contains(body, `"status":"present","minutes":180`) || !strings.Contains(body, `"version":1`) {
		t.Errorf("sheet = %d %s", status, body)
	}
	status, body = w.call("GET", "/api/v1/clients/"+w.alice+"/dose?week="+delivery.WeekOfDate(w.monday).String(), w.ann, "")
	var dose carepath.Dose
	if status != 200 || json.Unmarshal([]byte(body), &dose) != nil || dose.RequiredMinutes != 540 || dose.DeliveredMinutes != 180 ||
		dose.Met || dose.SessionsByKind["group"] != 1 {
		t.Errorf("dose = %d %s", status, body)
	}
	if status, body := w.call("POST", "/api/v1/sessions/"+mon+"/cancel", w.desk, ""); status != 409 {
		t.Errorf("cancel after attendance = %d %s", status, body)
	}
	if status, body := w.call("GET", "/api/v1/alerts", w.ann, ""); status != 200 || !strings.Contains(body, `"alerts":[`) {
		t.Errorf("alerts = %d %s", status, body)
	}
	// Bob leaves from Friday: the moved Friday session no longer lists him.
	if status, body := w.call("POST", "/api/v1/groups/"+w.group+"/members/"+w.bob+"/end", w.desk, `{"on":"`+w.day(4)+`"}`); status != 200 ||
		!strings.Contains(body, `"until":"`+w.day(4)+`"`) {
		t.Errorf("end member = %d %s", status, body)
	}
	_, body = w.call("GET", "/api/v1/sessions/"+w.group+":"+w.day(4), w.desk, "")
	if strings.Contains(body, w.bob) {
		t.Errorf("Bob still on Friday: %s", body)
	}
}

// TestDeliveryQualityAPI checks the quality figures against a hand-computed week: one process
// group (cap 2) on Monday, Wednesday and Friday for three clients, and three individual
// sessions.
func TestDeliveryQualityAPI(t *testing.T) {
	t.Parallel()
	w := newDeliveryWorld(t)
	aliceTue := w.session(w.alice, w.annID, 1, "10:00", 60)
	aliceThu := w.session(w.alice, w.benID, 3, "10:00", 60)
	bobTue := w.session(w.bob, w.annID, 1, "12:00", 60)
	for _, a := range []struct {
		id, records string
	}{
		{w.group + ":" + w.day(0), rec(w.alice, "present", 180) + "," + rec(w.bob, "present", 180) + "," + rec(w.carol, "present", 180)},
		{w.group + ":" + w.day(2), rec(w.alice, "present", 180) + "," + rec(w.bob, "absent_unexcused", 0) + "," + rec(w.carol, "left_early", 120)},
		{w.group + ":" + w.day(4), rec(w.alice, "present", 180) + "," + rec(w.bob, "absent_excused", 0) + "," + rec(w.carol, "present", 180)},
		{aliceTue + ":" + w.day(1), rec(w.alice, "present", 60)},
		{aliceThu + ":" + w.day(3), rec(w.alice, "late", 50)},
		{bobTue + ":" + w.day(1), rec(w.bob, "late", 45)},
	} {
		if status, body := w.attend(w.admin, a.id, 0, a.records); status != 200 {
			t.Fatalf("attendance %s = %d %s", a.id, status, body)
		}
	}
	// Ben leaves today: his last day worked was yesterday.
	if _, err := store.NewStaffService(w.srv.Store).UpdateStaff(apptest.System(), w.benID,
		carepath.StaffUpdate{Disabled: ptrTo(true)}); err != nil {
		t.Fatal(err)
	}
	loc, _ := time.LoadLocation("America/Chicago")
	today := delivery.DateOf(time.Now().UTC())
	from := delivery.WeekOfDate(today.AddDays(-1))
	to := delivery.WeekOfDate(w.monday)
	_ = loc
	status, body := w.call("GET", "/api/v1/programs/"+w.program+"/quality?from="+from.String()+"&to="+to.String(), w.admin, "")
	if status != 200 {
		t.Fatalf("quality = %d %s", status, body)
	}
	var q map[string]map[string]any
	var top map[string]any
	_ = json.Unmarshal([]byte(body), &top)
	q = map[string]map[string]any{}
	for _, k := range []string{"one_on_one_minutes_per_client_week", "group_size", "therapist_continuity", "staff_turnover",
		"hours_delivered_vs_required"} {
		m, ok := top[k].(map[string]any)
		if !ok || m["method"] == "" || m["method"] == nil {
			t.Fatalf("%s missing or without method: %s", k, body)
		}
		q[k] = m
	}
	days := from.Monday().DaysUntil(to.Sunday()) + 1
	annDays := today.DaysUntil(to.Sunday()) + 1
	avg := float64(annDays) / float64(days)
	checks := []struct {
		figure, field string
		want          float64
	}{
		// Alice 60+50, Bob 45, Carol 0 one-on-one minutes in her one client-week: [0, 45, 110].
		{"one_on_one_minutes_per_client_week", "client_weeks", 3},
		{"one_on_one_minutes_per_client_week", "median", 45},
		{"one_on_one_minutes_per_client_week", "p10", 0},
		// Group sizes 3, 2, 2 against a cap of 2.
		{"group_size", "sessions", 3},
		{"group_size", "median", 2},
		{"group_size", "max", 3},
		{"group_size", "over_cap", 1},
		{"group_size", "share_over_cap", 1.0 / 3},
		// Alice: 1 of 2 with Ann (her primary); Bob: 1 of 1.
		{"therapist_continuity", "clients", 2},
		{"therapist_continuity", "mean_share", 0.75},
		{"therapist_continuity", "changed_primary", 0},
		// Ben left; Ann was employed from today to the end of the period.
		{"staff_turnover", "separations", 1},
		{"staff_turnover", "days", float64(days)},
		{"staff_turnover", "average_headcount", avg},
		// A period of a week or two is too short to annualize: the rate is not given.
		{"staff_turnover", "annualized_rate", 0},
		{"staff_turnover", "min_days_to_annualize", 90},
		// Alice 540+110=650, Bob 180+45=225, Carol 480, against 3 × 540.
		{"hours_delivered_vs_required", "client_weeks", 3},
		{"hours_delivered_vs_required", "delivered_minutes", 1355},
		{"hours_delivered_vs_required", "required_minutes", 1620},
		{"hours_delivered_vs_required", "weeks_below_minimum", 2},
		{"hours_delivered_vs_required", "ratio", 1355.0 / 1620},
	}
	for _, c := range checks {
		got, _ := q[c.figure][c.field].(float64)
		if math.Abs(got-c.want) > 1e-9 {
			t.Errorf("%s.%s = %v, want %v", c.figure, c.field, q[c.figure][c.field], c.want)
		}
	}
	// The dose week agrees with the report: Alice met the minimum, Carol did not.
	for _, c := range []struct {
		client    string
		delivered int
		met       bool
	}{{w.alice, 650, true}, {w.carol, 480, false}} {
		status, body := w.call("GET", "/api/v1/clients/"+c.client+"/dose?week="+to.String(), w.admin, "")
		var d carepath.Dose
		if status != http.StatusOK || json.Unmarshal([]byte(body), &d) != nil || d.DeliveredMinutes != c.delivered || d.Met != c.met {
			t.Errorf("dose = %d %s", status, body)
		}
	}
}

func ptrTo[T any](v T) *T { return &v }
