package store_test

import (
	"encoding/json"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// newScorableIntake stores an intake request whose answers the engine can score.
func newScorableIntake(t *testing.T, env *storetest.Env, name string) *carepath.Intake {
	t.Helper()
	in := sample(name, carepath.LevelOutpatient, false)
	in.Profile = json.RawMessage(moderateProfile)
	if err := store.NewIntakeService(env.Store).CreateIntake(as(carepath.RolePublic), in); err != nil {
		t.Fatalf("CreateIntake: %v", err)
	}
	return in
}

func TestConvertIntake(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		svc := store.NewAssessmentService(env.Store)
		in := newScorableIntake(t, env, "robin")
		if err := store.NewClientService(env.Store).EnsureCareTeamStaff(&carepath.Client{PrimaryClinicianID: clinicianA}); err != nil {
			t.Fatal(err)
		}
		input := carepath.ClientInput{GivenName: "Robin", FamilyName: "Lake", BirthDate: "1990-04-02", PrimaryClinicianID: clinicianA}

		c, err := svc.ConvertIntake(asFrontDesk, in.ID, input)
		if err != nil {
			t.Fatalf("ConvertIntake: %v", err)
		}
		if c.ID == "" || c.Version != 1 || c.GivenName != "Robin" || c.Email != "robin@example.org" || c.Phone != in.Phone {
			t.Errorf("client %+v", c)
		}
		got, err := store.NewClientService(env.Store).FindClientByID(asClinicianA, c.ID)
		if err != nil || got.FamilyName != "Lake" {
			t.Fatalf("FindClientByID: %v", err)
		}
		list, err := svc.FindAssessments(asClinicianA, c.ID)
		if err != nil {
			t.Fatalf("FindAssessments: %v", err)
		}
		if len(list) != 1 || list[0].Source != carepath.SourceIntake || list[0].ClinicianID != "staff-front-desk" ||
			list[0].Recommended != carepath.LevelOutpatient || list[0].FinalLevel != carepath.LevelOutpatient ||
			string(list[0].Profile) != moderateProfile {
			t.Errorf("first assessment %+v", list)
		}
		if n := rowCount(t, env, "intake_requests", "id = $1 AND status = 'converted' AND client_id = $2", in.ID, c.ID); n != 1 {
			t.Errorf("intake not marked converted with the client id")
		}
		queue, err := store.NewIntakeService(env.Store).FindIntakes(asAdmin, carepath.IntakeFilter{})
		if err != nil || len(queue) == 0 || queue[0].ClientID != c.ID || queue[0].Status != carepath.IntakeConverted {
			t.Errorf("the queue does not show the conversion: %v %+v", err, queue)
		}
		measures := rowCount(t, env, "measures", "client_id = $1 AND source = 'intake' AND entered_by = $2", c.ID, in.ID)
		if n := rowCount(t, env, "audit_log", "action = 'intake.convert' AND client_id = $1 AND detail = 'ok'", c.ID); n != 3+measures {
			t.Errorf("%d convert audit rows, want %d (intake, client, assessment, each baseline measure)", n, 3+measures)
		}

		// Converting twice conflicts and creates nothing.
		if _, err := svc.ConvertIntake(asAdmin, in.ID, input); carepath.ErrorCode(err) != carepath.ECONFLICT {
			t.Errorf("second conversion: %v, want %s", err, carepath.ECONFLICT)
		}
		if n := rowCount(t, env, "clients", "1 = 1"); n != 1 {
			t.Errorf("%d clients after a second conversion, want 1", n)
		}
		if _, err := svc.ConvertIntake(asAdmin, "01a20853-2b38-786d-b0b4-2c5349401af6", input); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("unknown intake: %v", err)
		}
	})
}

func TestConvertIntakeAtomic(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		svc := store.NewAssessmentService(env.Store)
		// Answers the engine cannot score: nothing is created, the intake stays new.
		bad := sample("unscored", carepath.LevelOutpatient, false)
		if err := store.NewIntakeService(env.Store).CreateIntake(as(carepath.RolePublic), bad); err != nil {
			t.Fatal(err)
		}
		input := carepath.ClientInput{GivenName: "Sam", FamilyName: "Reed", BirthDate: "1985-01-01"}
		_, err := svc.ConvertIntake(asAdmin, bad.ID, input)
		if carepath.ErrorCode(err) != carepath.EINVALID || len(fieldPaths(err)) == 0 || fieldPaths(err)[0][:7] != "profile" {
			t.Errorf("unscorable intake: %v %v", err, fieldPaths(err))
		}
		if n := rowCount(t, env, "clients", "1 = 1") + rowCount(t, env, "assessments", "1 = 1"); n != 0 {
			t.Errorf("%d rows left behind by a failed conversion", n)
		}
		if n := rowCount(t, env, "intake_requests", "id = $1 AND status = 'new' AND client_id IS NULL", bad.ID); n != 1 {
			t.Errorf("failed conversion changed the intake")
		}

		// Bad client fields are named.
		in := newScorableIntake(t, env, "sam")
		_, err = svc.ConvertIntake(asAdmin, in.ID, carepath.ClientInput{GivenName: "Sam", BirthDate: "1985-02-30"})
		if want := []string{"family_name", "birth_date"}; carepath.ErrorCode(err) != carepath.EINVALID || !slices.Equal(fieldPaths(err), want) {
			t.Errorf("bad input: %v, want fields %v", fieldPaths(err), want)
		}

		// Who may convert.
		for _, role := range []carepath.Role{carepath.RoleReviewer, carepath.RolePublic, carepath.RoleClient} {
			if _, err := svc.ConvertIntake(actorAs(role, "x"), in.ID, input); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
				t.Errorf("%s converts: %v", role, err)
			}
		}
		if n := rowCount(t, env, "clients", "1 = 1"); n != 0 {
			t.Errorf("%d clients after refused conversions", n)
		}

		// Two conversions at once: one wins, the other conflicts.
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, ctx := range []struct{ role carepath.Role }{{carepath.RoleClinician}, {carepath.RoleCaseManager}} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = svc.ConvertIntake(actorAs(ctx.role, "staff-x"), in.ID, input)
			}()
		}
		wg.Wait()
		codes := []string{carepath.ErrorCode(errs[0]), carepath.ErrorCode(errs[1])}
		slices.Sort(codes)
		if !slices.Equal(codes, []string{"", carepath.ECONFLICT}) {
			t.Errorf("concurrent conversions: %v", errs)
		}
		if n := rowCount(t, env, "clients", "1 = 1"); n != 1 {
			t.Errorf("%d clients after concurrent conversions, want 1", n)
		}
		if n := rowCount(t, env, "assessments", "source = 'intake'"); n != 1 {
			t.Errorf("%d intake assessments, want 1", n)
		}
	})
}

// TestConvertCrisisIntakeKeepsItsWeight converts crisis intake requests: the decision aid's
// answers become baseline measures dated when the person answered (only questionnaires
// answered in full), the chart is flagged, and one same-day alert opens on the dashboard —
// the baseline PHQ-9's own item 9 alert, or a crisis_intake alert when the crisis came from
// another answer. Nobody is paged again: the on-call was paged when the request came in.
func TestConvertCrisisIntakeKeepsItsWeight(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		answered := time.Date(2026, 3, 18, 21, 40, 0, 0, time.UTC)
		env.Store.SetNow(func() time.Time { return answered })
		svc := store.NewAssessmentService(env.Store)
		intake := func(name, profile string) *carepath.Intake {
			in := &carepath.Intake{Name: name, Email: name + "@example.org", Consent: true, Profile: []byte(profile), Level: carepath.LevelIOP}
			if err := store.NewIntakeService(env.Store).CreateIntake(actorAs(carepath.RolePublic, ""), in); err != nil {
				t.Fatal(err)
			}
			return in
		}
		item9 := intake("ana", `{"answers":{"phq9":[2,2,2,2,2,2,2,2,3],"audit":[1,1,1,0,0,0,0,0,0,0],"dast10":[true,false,true,false,false,false,false,false,false,false]}}`)
		selfHarm := intake("ben", `{"answers":{"gad7":[2,2,2,2,2,2,2]},"context":{"self_harm":true}}`)
		env.Store.SetNow(func() time.Time { return answered.Add(48 * time.Hour) })
		in := carepath.ClientInput{GivenName: "Ana", FamilyName: "Reyes", BirthDate: "1991-05-06", PrimaryClinicianID: clinicianA}
		if err := store.NewClientService(env.Store).EnsureCareTeamStaff(&carepath.Client{PrimaryClinicianID: clinicianA}); err != nil {
			t.Fatal(err)
		}
		a, err := svc.ConvertIntake(asFrontDesk, item9.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		series, err := store.NewMeasureService(env.Store).FindMeasures(asClinicianA, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range series.Measures {
			got = append(got, m.Instrument)
			if !m.TakenAt.Equal(answered) || m.Source != carepath.MeasureByIntake {
				t.Errorf("%s taken %s from %s, want %s from the intake", m.Instrument, m.TakenAt, m.Source, answered)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, []string{"audit", "dast10", "phq9"}) {
			t.Errorf("baseline measures %v, want audit, dast10 and phq9 (no GAD-7 was answered)", got)
		}
		if series.CrisisFlag == nil || series.CrisisFlag.Source != "phq9" {
			t.Errorf("crisis flag %+v, want one raised by the PHQ-9", series.CrisisFlag)
		}
		alerts, _ := store.NewMeasureService(env.Store).FindMeasureAlerts(asClinicianA, false)
		if len(alerts) != 1 || alerts[0].Kind != "safety_item9" {
			t.Errorf("alerts %+v, want the one PHQ-9 item 9 alert", alerts)
		}
		in.GivenName = "Ben"
		b, err := svc.ConvertIntake(asFrontDesk, selfHarm.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		series, _ = store.NewMeasureService(env.Store).FindMeasures(asClinicianA, b.ID)
		if series.CrisisFlag == nil || series.CrisisFlag.Source != "intake" || len(series.Measures) != 1 {
			t.Errorf("Ben: flag %+v, %d measures; want a crisis flag from the intake and the GAD-7", series.CrisisFlag, len(series.Measures))
		}
		alerts, _ = store.NewMeasureService(env.Store).FindMeasureAlerts(asClinicianA, false)
		kinds := map[string]int{}
		for _, al := range alerts {
			kinds[al.Kind]++
		}
		if kinds["crisis_intake"] != 1 {
			t.Errorf("alerts %v, want one crisis_intake alert for Ben", kinds)
		}
		if n := rowCount(t, env, "notifications", "client_id IS NOT NULL"); n != 0 {
			t.Errorf("%d messages queued by the conversions, want none", n)
		}
	})
}
