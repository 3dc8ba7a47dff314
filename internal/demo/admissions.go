package demo

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/carepath/carepath"
)

// demoNewAdmissions are two people admitted to the IOP's day track two days ago: assessed and
// measured, with a signed plan and their hours recorded, but on no group and with no therapy
// session yet, so "Plan next week" has someone to place.
var demoNewAdmissions = [][3]string{{"Jules", "Okonkwo", "1991-04-18"}, {"Morgan", "Tanaka", "1987-09-30"}}

// demoAdmitNew admits demoNewAdmissions, one to each clinician.
func demoAdmitNew(w *demoWorld) error {
	sys := w.as("demo-seed", carepath.RoleSystem)
	// The admission day and its measures' time are in the program's zone: at 10:00 two days ago
	// there, whatever the hour in UTC.
	today := w.now.In(w.iop.Location())
	admitted := time.Date(today.Year(), today.Month(), today.Day()-2, 10, 0, 0, 0, today.Location())
	on := admitted.Format(carepath.DateLayout)
	for i, n := range demoNewAdmissions {
		clinician := w.staff.clinicians[i%len(w.staff.clinicians)]
		as := w.as(clinician, carepath.RoleClinician)
		c := &carepath.Client{GivenName: n[0], FamilyName: n[1], BirthDate: n[2], PrimaryClinicianID: clinician}
		if err := w.svc.Clients.CreateClient(sys, c); err != nil {
			return fmt.Errorf("demo admission: %w", err)
		}
		if _, err := w.svc.Assessments.CreateAssessment(as, c.ID, carepath.AssessmentInput{Profile: json.RawMessage(demoProfileIOP)}); err != nil {
			return fmt.Errorf("demo admission: %w", err)
		}
		if _, err := w.svc.Episodes.AdmitClient(as, carepath.EpisodeAdmit{ClientID: c.ID, ProgramID: w.iop.ID,
			Level: carepath.LevelIOP, On: on}); err != nil {
			return fmt.Errorf("demo admission: %w", err)
		}
		if err := demoPlan(as, w.svc.TreatmentPlans, c.ID, w.now.AddDate(0, 0, 60).Format(carepath.DateLayout)); err != nil {
			return err
		}
		// Their admission measures, answered at the intake appointment.
		at := admitted
		for _, m := range []carepath.MeasureInput{{Instrument: "phq9", Answers: demoAnswers(16+i, 8, 0), TakenAt: at},
			{Instrument: "gad7", Answers: demoAnswers(12+i, 7, -1), TakenAt: at}} {
			if _, _, err := w.svc.Measures.CreateMeasure(as, c.ID, m); err != nil {
				return fmt.Errorf("demo admission measure: %w", err)
			}
		}
		var slots []string
		for _, d := range []string{"mon", "wed", "fri"} {
			for h := 9; h < 12; h++ {
				slots = append(slots, carepath.SlotID(d, h))
			}
		}
		for _, d := range []string{"tue", "thu"} {
			for h := 9; h < 17; h++ {
				slots = append(slots, carepath.SlotID(d, h))
			}
		}
		if _, err := w.svc.Availability.SetClientAvailability(sys, c.ID, slots); err != nil {
			return fmt.Errorf("demo admission availability: %w", err)
		}
	}
	return nil
}
