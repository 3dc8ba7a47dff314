package api_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// TestReviewsAPI: a clinician runs a review of an IOP client in remission twice with good
// attendance (201, step down to outpatient with reasons and data), lists it, cannot decline
// it without a reason (400 naming reason), accepts it (the episode is at outpatient with the
// transfer named), and cannot decide it again (409). The front desk gets 403, another
// clinician 404, a client without an open episode 409, an unknown review 404.
func TestReviewsAPI(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	s := apptest.SeedStepDown(t, st)
	cli := apptest.System()
	ana, err := store.NewStaffService(st).CreateToken(cli, "ana@example.org")
	if err != nil {
		t.Fatal(err)
	}
	desk, _ := apptest.Token(t, st, "desk2@example.org", carepath.RoleFrontDesk)
	other, _ := apptest.Token(t, st, "ben@example.org", carepath.RoleClinician)
	base := ts.URL + "/api/v1"

	code, body := apptest.API(t, "POST", base+"/clients/"+s.Client.ID+"/reviews", desk, "")
	if code != 403 {
		t.Errorf("front desk run: %d %s", code, body)
	}
	if code, body = apptest.API(t, "POST", base+"/clients/"+s.Client.ID+"/reviews", other, ""); code != 404 {
		t.Errorf("other clinician run: %d %s", code, body)
	}
	if code, body = apptest.API(t, "POST", base+"/clients/"+s.Client.ID+"/reviews", "", ""); code != 401 {
		t.Errorf("no token: %d %s", code, body)
	}
	lone := &carepath.Client{GivenName: "Sam", FamilyName: "Reed", BirthDate: "1985-02-03", PrimaryClinicianID: s.Clinician.ID}
	if err := store.NewClientService(st).CreateClient(cli, lone); err != nil {
		t.Fatal(err)
	}
	if code, body = apptest.API(t, "POST", base+"/clients/"+lone.ID+"/reviews", ana, ""); code != 409 {
		t.Errorf("no open episode: %d %s", code, body)
	}

	code, body = apptest.API(t, "POST", base+"/clients/"+s.Client.ID+"/reviews", ana, "")
	id := apptest.CreatedID(t, code, body)
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
	code, body = apptest.API(t, "GET", base+"/clients/"+s.Client.ID+"/reviews", ana, "")
	if code != 200 || strings.Count(body, `"rule_id"`) != 1 {
		t.Errorf("list: %d %s", code, body)
	}
	if code, body = apptest.API(t, "GET", base+"/reviews/"+id, other, ""); code != 404 {
		t.Errorf("other clinician reads: %d %s", code, body)
	}

	code, body = apptest.API(t, "POST", base+"/reviews/"+id+"/decline", ana, `{"reason": "  "}`)
	if code != 400 || !strings.Contains(body, `"field":"reason"`) {
		t.Errorf("decline without a reason: %d %s", code, body)
	}
	if code, body = apptest.API(t, "POST", base+"/reviews/"+id+"/decline", ana, `{"why": "x"}`); code != 400 || !strings.Contains(body, `"field":"why"`) {
		t.Errorf("unknown field: %d %s", code, body)
	}
	if code, body = apptest.API(t, "POST", base+"/reviews/"+id+"/accept", desk, ""); code != 403 {
		t.Errorf("front desk accepts: %d %s", code, body)
	}
	if code, body = apptest.API(t, "POST", base+"/reviews/"+id+"/accept", other, ""); code != 404 {
		t.Errorf("other clinician accepts: %d %s", code, body)
	}
	if code, body = apptest.API(t, "POST", base+"/reviews/0190c3d4-0000-7000-8000-000000000000/accept", ana, ""); code != 404 {
		t.Errorf("unknown review: %d %s", code, body)
	}

	code, body = apptest.API(t, "POST", base+"/reviews/"+id+"/accept", ana, "")
	var done carepath.Review
	if code != 200 || json.Unmarshal([]byte(body), &done) != nil || done.Decision != carepath.ReviewAccepted || done.TransferID == "" {
		t.Fatalf("accept: %d %s", code, body)
	}
	eps := apptest.ClientEpisodes(t, st, s.Client.ID)
	var found bool
	for _, e := range eps {
		if e.ID == s.Episode.ID {
			last := e.Transfers[len(e.Transfers)-1]
			found = e.Level == carepath.LevelOutpatient && last.ID == done.TransferID && last.Direction == carepath.StepDown &&
				strings.Contains(last.Reason, "remission")
		}
	}
	if !found {
		t.Errorf("episode after accepting: %+v", eps)
	}
	if code, body = apptest.API(t, "POST", base+"/reviews/"+id+"/accept", ana, ""); code != 409 {
		t.Errorf("accepted twice: %d %s", code, body)
	}
	if code, body = apptest.API(t, "POST", base+"/reviews/"+id+"/decline", ana, `{"reason": "Too soon"}`); code != 409 {
		t.Errorf("declined after accepting: %d %s", code, body)
	}

	// The next review, at outpatient, suggests no change; it is declined with a reason.
	code, body = apptest.API(t, "POST", base+"/clients/"+s.Client.ID+"/reviews", ana, "")
	next := apptest.CreatedID(t, code, body)
	if !strings.Contains(body, `"action":"continue"`) {
		t.Errorf("next review: %s", body)
	}
	code, body = apptest.API(t, "POST", base+"/reviews/"+next+"/decline", ana, `{"reason": "Seeing the family first"}`)
	if code != 200 || !strings.Contains(body, `"decision":"declined"`) || !strings.Contains(body, "Seeing the family first") {
		t.Errorf("decline: %d %s", code, body)
	}
}
