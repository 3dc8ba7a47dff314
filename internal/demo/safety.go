package demo

import (
	"fmt"

	"github.com/carepath/carepath"
)

// seedDemoSafety puts someone on call for each program (the IOP's on-call also answers
// crisis intake requests), sets both programs' office hours, and writes one safety plan with
// a client, so the safety pages have something to show.
func seedDemoSafety(w *demoWorld) error {
	sys := w.as("demo-seed", carepath.RoleSystem)
	c1, c2 := w.staff.clinicians[0], w.staff.clinicians[1]
	for _, r := range []struct {
		program         *carepath.Program
		primary, backup string
		intake          bool
	}{{w.iop, c1, c2, true}, {w.therapy, c2, c1, false}} {
		if _, err := w.svc.OnCall.SetOnCall(sys, r.program.ID, carepath.OnCallUpdate{PrimaryID: r.primary, BackupID: r.backup, IntakeAlerts: r.intake}); err != nil {
			return fmt.Errorf("demo on-call: %w", err)
		}
		var days []carepath.OfficeSpan
		for _, d := range []string{"mon", "tue", "wed", "thu", "fri"} {
			days = append(days, carepath.OfficeSpan{Day: d, Opens: "08:30", Closes: "17:30"})
		}
		if _, err := w.svc.OnCall.SetOfficeHours(sys, r.program.ID, days); err != nil {
			return fmt.Errorf("demo office hours: %w", err)
		}
	}
	first := w.clients[0]
	as := w.as(first.clinician, carepath.RoleClinician)
	if _, err := w.svc.SafetyPlans.SaveSafetyPlan(as, first.id, carepath.SafetyPlanInput{
		WarningSigns:      []string{"Lying awake past 2 a.m. going over everything", "Cancelling on friends", "Thinking \"they'd be better off without me\""},
		CopingStrategies:  []string{"Walk the dog round the reservoir", "Shower and put on music loud", "The grounding exercise from group (5-4-3-2-1)"},
		DistractionPeople: []carepath.SafetyContactLine{{Name: "Neighbour Pat", Phone: "555-0142"}},
		DistractionPlaces: []string{"The library café", "Saturday pickup basketball"},
		HelpContacts:      []carepath.SafetyContactLine{{Name: "Sister (Dana)", Phone: "555-0177"}, {Name: "Friend from work, Sam", Phone: "555-0190"}},
		Professionals:     []carepath.SafetyContactLine{{Name: "Harbor IOP front desk (weekdays)", Phone: "555-0100"}},
		SafeEnvironment:   []string{"Dana keeps the spare medication; one week's supply at home", "No alcohol in the apartment"},
		ReasonForLiving:   "My nephew, and finishing the course",
		WrittenWithClient: true,
	}); err != nil {
		return fmt.Errorf("demo safety plan: %w", err)
	}
	return nil
}
