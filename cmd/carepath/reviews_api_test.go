package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
)

// seedStepDown makes the chart seed's client (in the Evening IOP) a step-down case as of now:
// PHQ-9 15 five weeks ago, then 3 and 2 (in remission twice), a Monday-Wednesday-Friday group
// over the last 4 weeks with every past session attended, and no relapse. It returns the seed.
func seedStepDown(t *testing.T, st *store.Store) chartSeed {
	t.Helper()
	s := seedChart(t, st)
	cli := carepath.NewContext(context.Background(), cliActor())
	loc := s.program.Location()
	now := time.Now().In(loc)
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc)
	for _, m := range []struct {
		daysAgo int
		answers []int
	}{
		{35, []int{2, 2, 2, 2, 2, 2, 2, 1, 0}}, // 15
		{14, []int{1, 1, 1, 0, 0, 0, 0, 0, 0}}, // 3
		{2, []int{1, 1, 0, 0, 0, 0, 0, 0, 0}},  // 2
	} {
		if _, _, err := store.NewMeasureService(st).CreateMeasure(cli, s.client.ID, carepath.MeasureInput{Instrument: "phq9",
			Answers: m.answers, TakenAt: today.AddDate(0, 0, -m.daysAgo).Add(12 * time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	first := today.AddDate(0, 0, -27)
	g, err := store.NewGroupService(st).CreateGroup(cli, carepath.GroupCreate{ProgramID: s.program.ID, Name: "Process A",
		Type: "process", FacilitatorIDs: []string{s.clinician.ID}, Days: []string{"mon", "wed", "fri"},
		StartTime: "09:00", Minutes: 180, StartDate: first.Format(carepath.DateLayout), Room: "Room 1"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.NewGroupService(st).AddGroupMember(cli, g.ID, s.client.ID, first.Format(carepath.DateLayout)); err != nil {
		t.Fatal(err)
	}
	for d := first; d.Before(today); d = d.AddDate(0, 0, 1) {
		if wd := d.Weekday(); wd != time.Monday && wd != time.Wednesday && wd != time.Friday {
			continue
		}
		if _, err := store.NewAttendanceService(st).RecordAttendance(cli, g.ID+":"+d.Format(carepath.DateLayout),
			carepath.AttendanceUpdate{Records: []carepath.AttendanceRecord{{ClientID: s.client.ID, Status: "present", Minutes: 180}}}); err != nil {
			t.Fatalf("attendance %s: %v", d.Format(carepath.DateLayout), err)
		}
	}
	return s
}

// TestReviewsAPI: a clinician runs a review of an IOP client in remission twice with good
// attendance (201, step down to outpatient with reasons and data), lists it, cannot decline
// it without a reason (400 naming reason), accepts it (the episode is at outpatient with the
// transfer named), and cannot decide it again (409). The front desk gets 403, another
// clinician 404, a client without an open episode 409, an unknown review 404.
func TestReviewsAPI(t *testing.T) {
	ts, st := testServer(t)
	s := seedStepDown(t, st)
	cli := carepath.NewContext(context.Background(), cliActor())
	ana, err := store.NewStaffService(st).CreateToken(cli, "ana@example.org")
	if err != nil {
		t.Fatal(err)
	}
	desk, _ := staffToken(t, st, "desk2@example.org", carepath.RoleFrontDesk)
	other, _ := staffToken(t, st, "ben@example.org", carepath.RoleClinician)
	base := ts.URL + "/api/v1"

	code, body := apiCall(t, "POST", base+"/clients/"+s.client.ID+"/reviews", desk, "")
	if code != 403 {
		t.Errorf("front desk run: %d %s", code, body)
	}
	if code, body = apiCall(t, "POST", base+"/clients/"+s.client.ID+"/reviews", other, ""); code != 404 {
		t.Errorf("other clinician run: %d %s", code, body)
	}
	if code, body = apiCall(t, "POST", base+"/clients/"+s.client.ID+"/reviews", "", ""); code != 401 {
		t.Errorf("no token: %d %s", code, body)
	}
	lone := &carepath.Client{GivenName: "Sam", FamilyName: "Reed", BirthDate: "1985-02-03", PrimaryClinicianID: s.clinician.ID}
	if err := store.NewClientService(st).CreateClient(cli, lone); err != nil {
		t.Fatal(err)
	}
	if code, body = apiCall(t, "POST", base+"/clients/"+lone.ID+"/reviews", ana, ""); code != 409 {
		t.Errorf("no open episode: %d %s", code, body)
	}

	code, body = apiCall(t, "POST", base+"/clients/"+s.client.ID+"/reviews", ana, "")
	id := createdID(t, code, body)
	var rv carepath.Review
	if err := json.Unmarshal([]byte(body), &rv); err != nil {
		t.Fatal(err)
	}
	if rv.Action != "step_down" || rv.ToLevel != carepath.LevelOutpatient || rv.RuleID != "iop-step-down" || len(rv.Reasons) != 5 ||
		rv.Decision != carepath.ReviewPending || rv.Data.Attendance.Scheduled == 0 || rv.Data.Attendance.Percent() < 80 ||
		len(rv.Data.Measures) != 1 || rv.Data.Measures[0].Latest != 2 {
		t.Fatalf("review = %s", body)
	}
	if strings.Contains(body, "Robin") || strings.Contains(body, "Lake") {
		t.Error("the review names the client")
	}
	code, body = apiCall(t, "GET", base+"/clients/"+s.client.ID+"/reviews", ana, "")
	if code != 200 || strings.Count(body, `"rule_id"`) != 1 {
		t.Errorf("list: %d %s", code, body)
	}
	if code, body = apiCall(t, "GET", base+"/reviews/"+id, other, ""); code != 404 {
		t.Errorf("other clinician reads: %d %s", code, body)
	}

	code, body = apiCall(t, "POST", base+"/reviews/"+id+"/decline", ana, `{"reason": "  "}`)
	if code != 400 || !strings.Contains(body, `"field":"reason"`) {
		t.Errorf("decline without a reason: %d %s", code, body)
	}
	if code, body = apiCall(t, "POST", base+"/reviews/"+id+"/decline", ana, `{"why": "x"}`); code != 400 || !strings.Contains(body, `"field":"why"`) {
		t.Errorf("unknown field: %d %s", code, body)
	}
	if code, body = apiCall(t, "POST", base+"/reviews/"+id+"/accept", desk, ""); code != 403 {
		t.Errorf("front desk accepts: %d %s", code, body)
	}
	if code, body = apiCall(t, "POST", base+"/reviews/"+id+"/accept", other, ""); code != 404 {
		t.Errorf("other clinician accepts: %d %s", code, body)
	}
	if code, body = apiCall(t, "POST", base+"/reviews/0190c3d4-0000-7000-8000-000000000000/accept", ana, ""); code != 404 {
		t.Errorf("unknown review: %d %s", code, body)
	}

	code, body = apiCall(t, "POST", base+"/reviews/"+id+"/accept", ana, "")
	var done carepath.Review
	if code != 200 || json.Unmarshal([]byte(body), &done) != nil || done.Decision != carepath.ReviewAccepted || done.TransferID == "" {
		t.Fatalf("accept: %d %s", code, body)
	}
	eps := clientEpisodes(t, st, s.client.ID)
	var found bool
	for _, e := range eps {
		if e.ID == s.episode.ID {
			last := e.Transfers[len(e.Transfers)-1]
			found = e.Level == carepath.LevelOutpatient && last.ID == done.TransferID && last.Direction == carepath.StepDown &&
				strings.Contains(last.Reason, "remission")
		}
	}
	if !found {
		t.Errorf("episode after accepting: %+v", eps)
	}
	if code, body = apiCall(t, "POST", base+"/reviews/"+id+"/accept", ana, ""); code != 409 {
		t.Errorf("accepted twice: %d %s", code, body)
	}
	if code, body = apiCall(t, "POST", base+"/reviews/"+id+"/decline", ana, `{"reason": "Too soon"}`); code != 409 {
		t.Errorf("declined after accepting: %d %s", code, body)
	}

	// The next review, at outpatient, suggests no change; it is declined with a reason.
	code, body = apiCall(t, "POST", base+"/clients/"+s.client.ID+"/reviews", ana, "")
	next := createdID(t, code, body)
	if !strings.Contains(body, `"action":"continue"`) {
		t.Errorf("next review: %s", body)
	}
	code, body = apiCall(t, "POST", base+"/reviews/"+next+"/decline", ana, `{"reason": "Seeing the family first"}`)
	if code != 200 || !strings.Contains(body, `"decision":"declined"`) || !strings.Contains(body, "Seeing the family first") {
		t.Errorf("decline: %d %s", code, body)
	}
}
