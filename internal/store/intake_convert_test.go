package store_test

import (
	"encoding/json"
	"slices"
	"sync"
	"testing"

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
		if n := rowCount(t, env, "audit_log", "action = 'intake.convert' AND client_id = $1 AND detail = 'ok'", c.ID); n != 3 {
			t.Errorf("%d convert audit rows, want 3 (intake, client, assessment)", n)
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
