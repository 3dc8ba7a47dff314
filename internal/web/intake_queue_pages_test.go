package web_test

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// addTestIntake stores an intake request as the public decision aid does.
func addTestIntake(t *testing.T, st *store.Store, in *carepath.Intake) *carepath.Intake {
	t.Helper()
	pub := carepath.NewContext(context.Background(), carepath.Actor{ID: "public", Role: carepath.RolePublic, Remote: "192.0.2.1"})
	in.Consent = true
	if err := store.NewIntakeService(st).CreateIntake(pub, in); err != nil {
		t.Fatal(err)
	}
	return in
}

// TestIntakeQueuePages lists the intake queue (newest first, crisis flagged), converts a
// request through the form (a missing birth date first: 400 naming it, values kept), finds the
// client with the answers as the first assessment, and shows that converting twice answers
// 409; reviewers get 403 and an unknown request 404.
func TestIntakeQueuePages(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	ana := apptest.AddStaff(t, st, "ana@example.org", carepath.RoleClinician)
	apptest.AddStaff(t, st, "desk@example.org", carepath.RoleFrontDesk)
	apptest.AddStaff(t, st, "rev@example.org", carepath.RoleReviewer)
	desk := apptest.SignIn(t, ts.URL, "desk@example.org")
	as := apptest.SignIn(t, ts.URL, "ana@example.org")
	rev := apptest.SignIn(t, ts.URL, "rev@example.org")

	calm := addTestIntake(t, st, &carepath.Intake{Name: "Robin Lake", Email: "robin@example.org", BestTimes: "mornings",
		Profile: json.RawMessage(`{"answers": {"phq9": [2,2,2,2,2,1,1,1,0]}}`), Level: carepath.LevelOutpatient})
	crisis := addTestIntake(t, st, &carepath.Intake{Name: "Quiet", Phone: "555-010-1111",
		Profile: json.RawMessage(`{"answers": {"phq9": [3,3,3,3,3,3,3,3,2]}}`), Level: carepath.LevelPHP, Crisis: true})

	t.Run("queue lists requests newest first with the crisis flag", func(t *testing.T) {
		code, _, body := desk("GET", "/staff/intakes", nil)
		if code != 200 {
			t.Fatalf("queue: %d", code)
		}
		for _, want := range []string{"Robin Lake", "Quiet", "1 open request flagged CRISIS", "mornings",
			`href="/staff/intakes/` + calm.ID + `/convert"`, `href="/staff/intakes/` + crisis.ID + `/convert"`} {
			if !strings.Contains(body, want) {
				t.Errorf("queue lacks %q", want)
			}
		}
		// The front desk sees no screening results; a clinician sees the suggested level.
		if strings.Contains(body, "Partial Hospitalization") {
			t.Error("the front desk's queue shows a suggested level")
		}
		if _, _, clin := as("GET", "/staff/intakes", nil); !strings.Contains(clin, "Partial Hospitalization") {
			t.Error("the clinician's queue lacks the suggested level")
		}
		if i, j := strings.Index(body, `data-id="`+crisis.ID+`"`), strings.Index(body, `data-id="`+calm.ID+`"`); i < 0 || j < 0 || i > j {
			t.Errorf("the newer request is not first")
		}
		if _, _, home := desk("GET", "/staff", nil); !strings.Contains(home, `href="/staff/intakes"`) {
			t.Errorf("staff home does not link to the queue")
		}
		if code, _, _ := desk("GET", "/staff/intakes?status=converted", nil); code != 200 {
			t.Errorf("filtered queue: %d", code)
		}
	})

	convert := "/staff/intakes/" + calm.ID + "/convert"
	t.Run("conversion form is pre-filled from the request", func(t *testing.T) {
		code, _, body := as("GET", convert, nil)
		for _, want := range []string{`id="client-given-name" name="given_name" value="Robin"`, `value="Lake"`, `value="robin@example.org"`,
			`<option value="` + ana.ID + `" selected>`, "Individual therapy (outpatient)"} {
			if !strings.Contains(body, want) {
				t.Errorf("conversion form lacks %q", want)
			}
		}
		if code != 200 {
			t.Errorf("conversion form: %d", code)
		}
		_, _, body = desk("GET", "/staff/intakes/"+crisis.ID+"/convert", nil)
		if !strings.Contains(body, "CRISIS — same-day review") {
			t.Errorf("the crisis flag is not on the conversion form")
		}
	})

	form := url.Values{"given_name": {"Robin"}, "family_name": {"Lake"}, "birth_date": {""}, "pronouns": {"she/her"},
		"email": {"robin@example.org"}, "primary_clinician_id": {ana.ID}}
	t.Run("missing birth date answers 400 naming it", func(t *testing.T) {
		code, _, body := as("POST", convert, form)
		if code != 400 || !strings.Contains(body, `href="#client-birth-date"`) || !strings.Contains(body, `value="she/her"`) ||
			!strings.Contains(body, "Robin Lake") {
			t.Errorf("got %d: %s", code, clip(body, 300))
		}
	})

	t.Run("reviewer gets 403, unknown request 404", func(t *testing.T) {
		if code, _, _ := rev("GET", "/staff/intakes", nil); code != 403 {
			t.Errorf("reviewer queue: %d", code)
		}
		form := url.Values{"given_name": {"Robin"}, "family_name": {"Lake"}, "birth_date": {"1990-04-02"}}
		if code, _, _ := rev("POST", convert, form); code != 403 {
			t.Errorf("reviewer converts: %d", code)
		}
		if code, _, _ := desk("GET", "/staff/intakes/no-such-request/convert", nil); code != 404 {
			t.Errorf("unknown request form: %d", code)
		}
		if code, _, _ := desk("POST", "/staff/intakes/0190a1b2-0000-7000-8000-000000000000/convert", form); code != 404 {
			t.Errorf("unknown request convert: %d", code)
		}
	})

	form.Set("birth_date", "1990-04-02")
	code, loc, _ := as("POST", convert, form)
	if code != 303 || !strings.HasPrefix(loc, "/staff/clients/") {
		t.Fatalf("convert: %d %q", code, loc)
	}
	id := strings.TrimPrefix(loc, "/staff/clients/")
	cli := apptest.System()
	c, err := store.NewClientService(st).FindClientByID(cli, id)
	if err != nil || c.GivenName != "Robin" || c.BirthDate != "1990-04-02" || c.PrimaryClinicianID != ana.ID || c.Pronouns != "she/her" {
		t.Fatalf("converted client: %v %+v", err, c)
	}
	list, err := store.NewAssessmentService(st).FindAssessments(cli, id)
	if err != nil || len(list) != 1 || list[0].Source != carepath.SourceIntake {
		t.Errorf("first assessment: %v %+v", err, list)
	}
	if code, _, _ := as("GET", loc, nil); code != 200 {
		t.Errorf("the converting clinician's chart: %d", code)
	}

	t.Run("converting twice answers 409", func(t *testing.T) {
		code, _, body := desk("POST", convert, form)
		if code != 409 || !strings.Contains(body, "converted into a client already") || !strings.Contains(body, `href="/staff/clients/`+id+`"`) {
			t.Errorf("second conversion: %d %s", code, clip(body, 300))
		}
		if code, _, _ := desk("GET", convert, nil); code != 409 {
			t.Errorf("form of a converted request: %d", code)
		}
		_, n, err := store.NewClientService(st).FindClients(cli, carepath.ClientFilter{})
		if err != nil || n != 1 {
			t.Errorf("clients after converting twice: %v %d", err, n)
		}
		_, _, body = desk("GET", "/staff/intakes", nil)
		if !strings.Contains(body, `href="/staff/clients/`+id+`"`) || strings.Contains(body, `href="`+convert+`"`) {
			t.Errorf("the queue does not show the request as converted")
		}
	})
}
