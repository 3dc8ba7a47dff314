package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/carepath/carepath"
)

// demoGivenNames and demoFamilyNames make the fictional demo clients beyond the named dozen.
var (
	demoGivenNames  = []string{"Avery", "Cameron", "Dakota", "Elliot", "Finley", "Harley", "Jesse", "Kai", "Logan", "Marlow", "Noel", "Oakley", "Peyton", "River"}
	demoFamilyNames = []string{"Abara", "Bianchi", "Castillo", "Dubois", "Eriksen", "Fujita", "Gallagher", "Hoang", "Ivanova", "Jansen", "Kaur", "Lopez", "Mensah", "Novak"}
)

// Demo profiles: the answers a clinician might record for each kind of demo client.
const (
	demoProfileIOP        = `{"answers":{"phq9":[2,2,2,2,2,2,2,2,0],"gad7":[2,2,2,1,1,1,1]},"context":{"support":"strong","must_keep_working":true}}`
	demoProfileOutpatient = `{"answers":{"phq9":[1,1,1,1,1,1,0,0,0]},"context":{"support":"strong"}}`
	demoProfileAlcohol    = `{"answers":{"audit":[4,3,3,2,2,1,2,1,2,2]},"context":{"relapsed_after_treatment":true,"support":"some","withdrawal":"mild"}}`
)

// seedDemoClinic gives the demo a working clinic: an IOP with day and evening tracks, an
// outpatient therapy service, and forty-two clients at different points — admitted to the IOP
// (two of them two days ago, not yet placed), in weekly therapy, stepped down after an IOP, or
// waiting — with assessments (one overridden with a coded variance), episodes and signed
// treatment plans. Each clinician acts on their own
// clients, as in real use. Admissions are six to ten weeks old, so the delivery seed
// (seedDemoDelivery) has weeks of groups, attendance and measures to show.
func seedDemoClinic(ctx context.Context, svc carepath.Services, staff demoStaffIDs) (clients int, err error) {
	clinicians := staff.clinicians
	sys := carepath.NewContext(ctx, carepath.Actor{ID: "demo-seed", Role: carepath.RoleSystem, Remote: "cli"})
	programs := svc.Programs
	iop, err := programs.CreateProgram(sys, carepath.ProgramCreate{Name: "Harbor IOP (day and evening tracks)", Level: carepath.LevelIOP, TimeZone: "America/Los_Angeles"})
	if err != nil {
		return 0, fmt.Errorf("demo program: %w", err)
	}
	therapy, err := programs.CreateProgram(sys, carepath.ProgramCreate{Name: "Harbor Outpatient Therapy", Level: carepath.LevelOutpatient, TimeZone: "America/Los_Angeles"})
	if err != nil {
		return 0, fmt.Errorf("demo program: %w", err)
	}
	svcClients, episodes := svc.Clients, svc.Episodes
	assessments, plans := svc.Assessments, svc.TreatmentPlans
	now := time.Now().UTC()
	day := func(offset int) string { return now.AddDate(0, 0, offset).Format(time.DateOnly) }
	w := &demoWorld{svc: svc, ctx: ctx, staff: staff, iop: iop, therapy: therapy, now: now,
		start: demoMonday(now, iop.Location()), rng: rand.New(rand.NewPCG(2026, 4)), steppedDown: day(-3)}

	names := make([][3]string, 0, 40)
	names = append(names, demoClients...)
	for i := 0; len(names) < 40; i++ {
		// Each round through the given names moves one family name on, so no two clients share
		// a name.
		family := (i*5 + i/len(demoGivenNames)) % len(demoFamilyNames)
		names = append(names, [3]string{demoGivenNames[i%len(demoGivenNames)], demoFamilyNames[family],
			fmt.Sprintf("19%02d-%02d-%02d", 60+i%40, 1+i%12, 1+i%28)})
	}
	for i, n := range names {
		clinician := clinicians[i%len(clinicians)]
		as := carepath.NewContext(ctx, carepath.Actor{ID: clinician, Role: carepath.RoleClinician, Remote: "cli"})
		c := &carepath.Client{GivenName: n[0], FamilyName: n[1], BirthDate: n[2], PrimaryClinicianID: clinician}
		if err := svcClients.CreateClient(sys, c); err != nil {
			return 0, fmt.Errorf("demo client: %w", err)
		}
		kind := i % 10
		if kind == 9 {
			w.clients = append(w.clients, demoClient{id: c.ID, clinician: clinician, kind: kind})
			continue // waiting for a first appointment
		}
		profile, program, level := demoProfileIOP, iop.ID, carepath.LevelIOP
		switch {
		case kind == 5:
			profile = demoProfileAlcohol
		case kind == 6 || kind == 7:
			profile, program, level = demoProfileOutpatient, therapy.ID, carepath.LevelOutpatient
		}
		in := carepath.AssessmentInput{Profile: json.RawMessage(profile)}
		if kind == 7 { // the engine says IOP; the person chose weekly therapy
			in.Profile, in.FinalLevel = json.RawMessage(demoProfileIOP), &level
			in.Variance = &carepath.Variance{Code: carepath.VarianceClientPreference, Note: "Prefers one-on-one sessions; will revisit at the 30-day review."}
		}
		if _, err := assessments.CreateAssessment(as, c.ID, in); err != nil {
			return 0, fmt.Errorf("demo assessment: %w", err)
		}
		admitted := -44 - 4*(i%8)
		ep, err := episodes.AdmitClient(as, carepath.EpisodeAdmit{ClientID: c.ID, ProgramID: program, Level: level, On: day(admitted)})
		if err != nil {
			return 0, fmt.Errorf("demo admission: %w", err)
		}
		w.clients = append(w.clients, demoClient{id: c.ID, clinician: clinician, kind: kind,
			admitted: time.Date(now.Year(), now.Month(), now.Day()+admitted, 0, 0, 0, 0, time.UTC)})
		if kind == 8 { // completed the IOP and improved: stepped down to weekly therapy
			if _, err := episodes.TransferEpisode(as, ep.ID, carepath.EpisodeTransfer{Version: ep.Version, ToLevel: carepath.LevelOutpatient,
				On: day(-3), Reason: "Completed the IOP; PHQ-9 in the mild range twice"}); err != nil {
				return 0, fmt.Errorf("demo step-down: %w", err)
			}
		}
		if level == carepath.LevelIOP {
			if err := demoPlan(as, plans, c.ID, day(45)); err != nil {
				return 0, err
			}
		}
	}
	if err := seedDemoDelivery(w); err != nil {
		return 0, err
	}
	if err := seedDemoSafety(w); err != nil {
		return 0, err
	}
	return len(names) + len(demoNewAdmissions), nil
}

// demoPlan writes and signs a short treatment plan, in clinical words and the person's own.
func demoPlan(ctx context.Context, plans carepath.TreatmentPlanService, clientID, target string) error {
	p, err := plans.CreatePlan(ctx, clientID, carepath.TreatmentPlanInput{Problems: []carepath.Problem{{
		Statement: "Depressed mood with loss of interest, moderately severe (PHQ-9 16)", InOwnWords: "I can't get myself to do anything anymore",
		Goals: []carepath.Goal{{Statement: "Reduce depressive symptoms to the mild range", InOwnWords: "Feel like myself again",
			Objectives: []carepath.Objective{{Statement: "PHQ-9 below 10 on two measures in a row", TargetDate: target,
				Interventions: []carepath.Intervention{
					{Kind: carepath.InterventionCBT, Description: "Behavioural activation and thought records", Frequency: "3 groups a week"},
					{Kind: carepath.InterventionRelapsePrevention, Description: "Warning signs and a coping plan", Frequency: "weekly"}}}}}}}}})
	if err != nil {
		return fmt.Errorf("demo plan: %w", err)
	}
	if _, err := plans.SignPlan(ctx, p.ID, p.Revision); err != nil {
		return fmt.Errorf("demo plan: %w", err)
	}
	return nil
}
