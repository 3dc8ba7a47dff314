package store_test

import (
	"slices"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// testPlan returns a plan with one problem, goal, objective (due in two months) and
// intervention, with statement as the problem's statement.
func testPlan(statement string) carepath.TreatmentPlanInput {
	due := time.Now().UTC().AddDate(0, 2, 0).Format(carepath.DateLayout)
	return carepath.TreatmentPlanInput{Problems: []carepath.Problem{{
		Statement: statement, InOwnWords: "I drink to sleep",
		Goals: []carepath.Goal{{Statement: "Sustained remission", InOwnWords: "Sleep without a drink",
			Objectives: []carepath.Objective{{Statement: "Seven alcohol-free nights a week by self-report", TargetDate: due,
				Interventions: []carepath.Intervention{
					{Kind: carepath.InterventionCBT, Description: "CBT for insomnia", Frequency: "weekly"},
					{Kind: carepath.InterventionMAT, Description: "naltrexone", Frequency: "daily"},
				}}}}},
	}}}
}

func TestPlanLifecycle(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		clients, svc := store.NewClientService(env.Store), store.NewTreatmentPlanService(env.Store)
		c := mustCreate(t, clients, newTestClient("Ana", "López", clinicianA))
		asA := actorAs(carepath.RoleClinician, clinicianA)
		today := time.Now().UTC()

		// A first plan needs problems; bad input names JSON paths.
		if _, err := svc.CreatePlan(asA, c.ID, carepath.TreatmentPlanInput{}); !slices.Equal(fieldPaths(err), []string{"problems"}) {
			t.Errorf("empty first plan: %v", err)
		}
		bad := testPlan("Insomnia")
		bad.Problems[0].Goals[0].Objectives[0].TargetDate = today.AddDate(0, 0, -1).Format(carepath.DateLayout)
		bad.Problems[0].Goals[0].Objectives[0].Interventions[1].Kind = "hypnosis"
		_, err := svc.CreatePlan(asA, c.ID, bad)
		if want := []string{"problems[0].goals[0].objectives[0].target_date",
			"problems[0].goals[0].objectives[0].interventions[1].kind"}; !slices.Equal(fieldPaths(err), want) {
			t.Errorf("bad plan: %v", err)
		}

		p, err := svc.CreatePlan(asA, c.ID, testPlan("Alcohol use disorder, moderate"))
		if err != nil {
			t.Fatalf("CreatePlan: %v", err)
		}
		if p.Version != 1 || p.Revision != 1 || p.Status != carepath.TreatmentPlanDraft || p.CreatedBy != clinicianA ||
			p.ReviewDate != carepath.DefaultReviewDate(p.CreatedAt) || p.SignedAt != nil {
			t.Errorf("created %+v", p)
		}
		// One draft at a time.
		if _, err := svc.CreatePlan(asA, c.ID, testPlan("Second draft")); carepath.ErrorCode(err) != carepath.ECONFLICT {
			t.Errorf("second draft: %v", err)
		}

		// Update the draft; a stale revision changes nothing.
		upd := testPlan("Alcohol use disorder, severe")
		review := today.AddDate(0, 0, 14).Format(carepath.DateLayout)
		p, err = svc.UpdateDraft(asA, p.ID, carepath.TreatmentPlanDraftUpdate{Revision: 1, Problems: upd.Problems, ReviewDate: review})
		if err != nil || p.Revision != 2 || p.ReviewDate != review || p.Problems[0].Statement != "Alcohol use disorder, severe" {
			t.Fatalf("UpdateDraft: %+v %v", p, err)
		}
		if _, err := svc.UpdateDraft(asA, p.ID, carepath.TreatmentPlanDraftUpdate{Revision: 1, Problems: upd.Problems}); carepath.ErrorCode(err) != carepath.ECONFLICT {
			t.Errorf("stale update: %v", err)
		}
		if _, err := svc.UpdateDraft(asA, p.ID, carepath.TreatmentPlanDraftUpdate{Problems: upd.Problems}); !slices.Equal(fieldPaths(err), []string{"revision"}) {
			t.Errorf("update without revision: %v", err)
		}
		// A draft cannot be acknowledged; a stale signature is refused; a case manager may not sign.
		if _, err := svc.AcknowledgePlan(asA, p.ID, carepath.AcknowledgedVerbal); carepath.ErrorCode(err) != carepath.ECONFLICT {
			t.Errorf("acknowledged a draft: %v", err)
		}
		if _, err := svc.SignPlan(asA, p.ID, 1); carepath.ErrorCode(err) != carepath.ECONFLICT {
			t.Errorf("stale signature: %v", err)
		}
		if _, err := svc.SignPlan(actorAs(carepath.RoleCaseManager, caseManagerA), p.ID, 2); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("case manager signed: %v", err)
		}
		signed, err := svc.SignPlan(asA, p.ID, 2)
		if err != nil || signed.Status != carepath.TreatmentPlanSigned || signed.SignedBy != clinicianA || signed.SignedAt == nil || signed.Revision != 3 {
			t.Fatalf("SignPlan: %+v %v", signed, err)
		}
		// A signed plan is never edited, whatever revision is given.
		for _, rev := range []int{2, 3} {
			_, err := svc.UpdateDraft(asA, p.ID, carepath.TreatmentPlanDraftUpdate{Revision: rev, Problems: upd.Problems})
			if carepath.ErrorCode(err) != carepath.ECONFLICT || carepath.ErrorMessage(err) == "" {
				t.Errorf("edited a signed plan at revision %d: %v", rev, err)
			}
		}
		if _, err := svc.SignPlan(asA, p.ID, 3); carepath.ErrorCode(err) != carepath.ECONFLICT {
			t.Errorf("signed twice: %v", err)
		}
		if _, err := svc.AcknowledgePlan(asA, p.ID, "nod"); !slices.Equal(fieldPaths(err), []string{"how"}) {
			t.Errorf("bad acknowledgement: %v", err)
		}
		ack, err := svc.AcknowledgePlan(asA, p.ID, carepath.AcknowledgedInPerson)
		if err != nil || ack.AcknowledgedAt == nil || ack.AcknowledgedHow != carepath.AcknowledgedInPerson || ack.Status != carepath.TreatmentPlanSigned {
			t.Fatalf("AcknowledgePlan: %+v %v", ack, err)
		}
		if _, err := svc.AcknowledgePlan(asA, p.ID, carepath.AcknowledgedVerbal); carepath.ErrorCode(err) != carepath.ECONFLICT {
			t.Errorf("acknowledged twice: %v", err)
		}

		// Version 2 copies version 1's problems when given none.
		v2, err := svc.CreatePlan(asA, c.ID, carepath.TreatmentPlanInput{})
		if err != nil || v2.Version != 2 || v2.Status != carepath.TreatmentPlanDraft || len(v2.Problems) != 1 ||
			v2.Problems[0].Statement != "Alcohol use disorder, severe" || len(v2.Problems[0].Goals[0].Objectives[0].Interventions) != 2 {
			t.Fatalf("version 2: %+v %v", v2, err)
		}
		// Signing checks the content again: a copied target date before the version's start
		// (here moved a year on) is named.
		if _, err := env.Write.Exec(`UPDATE plans SET created_at = $1 WHERE id = $2`, v2.CreatedAt.AddDate(1, 0, 0), v2.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.SignPlan(asA, v2.ID, 1); !slices.Contains(fieldPaths(err), "problems[0].goals[0].objectives[0].target_date") {
			t.Errorf("signed a plan with a passed target date: %v", err)
		}
		if _, err := env.Write.Exec(`UPDATE plans SET created_at = $1 WHERE id = $2`, v2.CreatedAt, v2.ID); err != nil {
			t.Fatal(err)
		}
		list, err := svc.FindPlans(asA, c.ID)
		if err != nil || len(list) != 2 || list[0].ID != v2.ID || list[1].ID != p.ID || list[1].AcknowledgedHow != carepath.AcknowledgedInPerson {
			t.Errorf("FindPlans = %+v, %v", list, err)
		}
		got, err := svc.FindPlanByID(asA, p.ID)
		if err != nil || got.Status != carepath.TreatmentPlanSigned || !got.SignedAt.Equal(*signed.SignedAt) ||
			got.Problems[0].Goals[0].InOwnWords != "Sleep without a drink" || got.Problems[0].Goals[0].Objectives[0].Interventions[1].Kind != carepath.InterventionMAT {
			t.Errorf("FindPlanByID = %+v, %v", got, err)
		}
		if _, err := svc.FindPlanByID(asA, "01a20853-2b38-786d-b0b4-2c5349401af6"); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("unknown plan: %v", err)
		}
		if _, err := svc.FindPlanByID(asA, "not-an-id"); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("malformed plan id: %v", err)
		}

		// Audit rows carry the client id and hold no statements.
		for _, action := range []string{"plan.create", "plan.update", "plan.sign", "plan.acknowledge", "plan.list", "plan.read"} {
			if n := rowCount(t, env, "audit_log", "client_id = $1 AND action = $2", c.ID, action); n == 0 {
				t.Errorf("no %s audit row with the client id", action)
			}
		}
		for _, secret := range []string{"Alcohol", "drink", "Sleep", "naltrexone", "López"} {
			if n := rowCount(t, env, "audit_log", "detail LIKE $1", "%"+secret+"%"); n != 0 {
				t.Errorf("audit rows hold %q", secret)
			}
		}
	})
}

func TestPlanCareTeam(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		clients, svc := store.NewClientService(env.Store), store.NewTreatmentPlanService(env.Store)
		c := newTestClient("Bo", "Reyes", clinicianA)
		c.CaseManagerID = caseManagerA
		mustCreate(t, clients, c)
		asB := actorAs(carepath.RoleClinician, clinicianB)
		cm := actorAs(carepath.RoleCaseManager, caseManagerA)
		otherCM := actorAs(carepath.RoleCaseManager, "staff-case-manager-b")
		reviewer := actorAs(carepath.RoleReviewer, "staff-reviewer")

		if _, err := svc.CreatePlan(asB, c.ID, testPlan("x")); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("clinician B created: %v", err)
		}
		if _, err := svc.CreatePlan(asFrontDesk, c.ID, testPlan("x")); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("front desk created: %v", err)
		}
		p, err := svc.CreatePlan(cm, c.ID, testPlan("Housing instability"))
		if err != nil {
			t.Fatalf("case manager created: %v", err)
		}
		denied := 2
		for name, call := range map[string]func() error{
			"clinician B reads": func() error { _, err := svc.FindPlanByID(asB, p.ID); return err },
			"clinician B lists": func() error { _, err := svc.FindPlans(asB, c.ID); return err },
			"clinician B updates": func() error {
				_, err := svc.UpdateDraft(asB, p.ID, carepath.TreatmentPlanDraftUpdate{Revision: 1, Problems: testPlan("y").Problems})
				return err
			},
			"clinician B signs":      func() error { _, err := svc.SignPlan(asB, p.ID, 1); return err },
			"other case manager":     func() error { _, err := svc.FindPlanByID(otherCM, p.ID); return err },
			"other case manager ack": func() error { _, err := svc.AcknowledgePlan(otherCM, p.ID, carepath.AcknowledgedVerbal); return err },
		} {
			if err := call(); carepath.ErrorCode(err) != carepath.ENOTFOUND {
				t.Errorf("%s: %v, want ENOTFOUND", name, err)
			}
			denied++
		}
		for name, call := range map[string]func() error{
			"front desk reads": func() error { _, err := svc.FindPlanByID(asFrontDesk, p.ID); return err },
			"front desk lists": func() error { _, err := svc.FindPlans(asFrontDesk, c.ID); return err },
			"system signs":     func() error { _, err := svc.SignPlan(actorAs(carepath.RoleSystem, ""), p.ID, 1); return err },
		} {
			if err := call(); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
				t.Errorf("%s: %v, want EFORBIDDEN", name, err)
			}
			denied++
		}
		// A reviewer not assigned to the client is refused as if the client were not there.
		for name, call := range map[string]func() error{
			"reviewer reads": func() error { _, err := svc.FindPlanByID(reviewer, p.ID); return err },
			"reviewer lists": func() error { _, err := svc.FindPlans(reviewer, c.ID); return err },
		} {
			if err := call(); carepath.ErrorCode(err) != carepath.ENOTFOUND {
				t.Errorf("%s: %v, want ENOTFOUND", name, err)
			}
			denied++
		}
		// Each denial is audited as denied, with the client id ("clinician B created" and "front
		// desk created" included).
		if n := rowCount(t, env, "audit_log", "client_id = $1 AND allowed = $2 AND action LIKE 'plan.%'", c.ID, false); n != denied {
			t.Errorf("%d denied plan rows, want %d", n, denied)
		}
		// The care team's clinician and an admin see it; the clinician signs it.
		if list, err := svc.FindPlans(actorAs(carepath.RoleClinician, clinicianA), c.ID); err != nil || len(list) != 1 || list[0].Revision != 1 {
			t.Errorf("clinician A: %+v %v", list, err)
		}
		if _, err := svc.SignPlan(asAdmin, p.ID, 1); err != nil {
			t.Errorf("admin signs: %v", err)
		}
	})
}

// TestPlanConcurrent races updates of one draft at one revision, and starts of a new version:
// exactly one of each wins, and the others get ECONFLICT.
func TestPlanConcurrent(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		clients, svc := store.NewClientService(env.Store), store.NewTreatmentPlanService(env.Store)
		c := mustCreate(t, clients, newTestClient("Cy", "Moss", clinicianA))
		const n = 6
		race := func(call func() error) (won int) {
			errs := make(chan error, n)
			for range n {
				go func() { errs <- call() }()
			}
			for range n {
				switch err := <-errs; carepath.ErrorCode(err) {
				case "":
					won++
				case carepath.ECONFLICT:
				default:
					t.Errorf("racing call: %v", err)
				}
			}
			return won
		}
		if won := race(func() error { _, err := svc.CreatePlan(asAdmin, c.ID, testPlan("Depression")); return err }); won != 1 {
			t.Fatalf("%d drafts started", won)
		}
		list, err := svc.FindPlans(asAdmin, c.ID)
		if err != nil || len(list) != 1 {
			t.Fatalf("after the start race: %+v %v", list, err)
		}
		won := race(func() error {
			_, err := svc.UpdateDraft(asAdmin, list[0].ID, carepath.TreatmentPlanDraftUpdate{Revision: 1, Problems: testPlan("Major depression").Problems})
			return err
		})
		if won != 1 {
			t.Errorf("%d updates won", won)
		}
		if p, err := svc.FindPlanByID(asAdmin, list[0].ID); err != nil || p.Revision != 2 {
			t.Errorf("after the update race: %+v %v", p, err)
		}
	})
}
