package demo

import (
	"fmt"
	"time"

	"github.com/carepath/carepath"
)

// The past year of the demo clinic: people who came and went before the clients of today, so
// that the outcomes report has stays enough to show its figures. Their names come from lists
// of their own, so no two demo clients share a name.
var (
	pastGivenNames  = []string{"Alexis", "Bailey", "Carmen", "Devon", "Eden", "Frankie", "Greer", "Indigo"}
	pastFamilyNames = []string{"Adeyemi", "Brennan", "Costa", "Delgado", "Engstrom", "Farouk", "Grant", "Holm", "Iwata", "Jovanovic"}
)

// pastStay is one finished stay of the demo's past year.
type pastStay struct {
	level     carepath.Level
	weeksAgo  int // admitted this many weeks before today
	weeks     int // how long it lasted
	reason    carepath.DischargeReason
	phq, gad  [2]int // first and last totals
	clinician int    // index into the clinicians
}

// pastStays are sixty discharged stays over the last year, all ended before the quality
// report's default thirteen weeks (and before today's clients came): thirty in the IOP and
// thirty in weekly therapy, ten at each level in each of the outcomes report's baseline PHQ-9
// bands, so that its figures within bands and standardized can be shown. Four in five
// completed, most of them improved; the others left early, little changed.
func pastStays() []pastStay {
	var out []pastStay
	for i := range 60 {
		s := pastStay{level: carepath.LevelIOP, weeksAgo: 52 - i%30, weeks: 6 + i%5, reason: carepath.DischargeCompleted, clinician: i % 2}
		if i >= 30 {
			s.level, s.weeks = carepath.LevelOutpatient, 10+i%7
		}
		band := i % 3 // mild, moderate, severe
		base := [3][2]int{{6 + i%4, 6 + i%3}, {11 + i%4, 9 + i%3}, {16 + i%8, 13 + i%5}}[band]
		s.phq[0], s.gad[0] = base[0], base[1]
		if i%5 == 4 { // left early, little changed
			s.reason, s.weeks = carepath.DischargeLeftAgainstAdvice, 2+i%3
			if s.level == carepath.LevelOutpatient {
				s.reason = carepath.DischargeOther
			}
			s.phq[1], s.gad[1] = max(0, s.phq[0]-1-i%3), max(0, s.gad[0]-i%2)
		} else {
			s.phq[1], s.gad[1] = s.phq[0]/2-i%3+2, s.gad[0]/2-i%2+1
		}
		out = append(out, s)
	}
	return out
}

// demoHistory admits, measures (at admission and on the last day) and discharges the past
// year's clients, each by their clinician. It goes through the services like the rest of the
// demo, but enters two measures a stay rather than one a week, to keep start-up quick.
func demoHistory(w *demoWorld) error {
	sys := w.as("demo-seed", carepath.RoleSystem)
	clinicians := w.staff.clinicians
	for i, s := range pastStays() {
		given := pastGivenNames[i%len(pastGivenNames)]
		family := pastFamilyNames[(i/len(pastGivenNames)+i)%len(pastFamilyNames)] // never the same pair twice in 80
		clinician := clinicians[s.clinician%len(clinicians)]
		as := w.as(clinician, carepath.RoleClinician)
		c := &carepath.Client{GivenName: given, FamilyName: family, BirthDate: fmt.Sprintf("19%02d-%02d-%02d", 62+i%37, 1+i%12, 2+i%26),
			PrimaryClinicianID: clinician}
		if err := w.svc.Clients.CreateClient(sys, c); err != nil {
			return fmt.Errorf("demo history client: %w", err)
		}
		program := w.iop.ID
		if s.level == carepath.LevelOutpatient {
			program = w.therapy.ID
		}
		// Dates and times in the programs' zone: the admission measure at 10:00 on the first
		// day, the last at 09:00 on the last day.
		loc := w.iop.Location()
		today := w.now.In(loc)
		day := func(offset, hour int) time.Time {
			return time.Date(today.Year(), today.Month(), today.Day()+offset, hour, 0, 0, 0, loc)
		}
		admitted := day(-7*s.weeksAgo, 10)
		ended := day(-7*s.weeksAgo+7*s.weeks, 9)
		ep, err := w.svc.Episodes.AdmitClient(as, carepath.EpisodeAdmit{ClientID: c.ID, ProgramID: program, Level: s.level,
			On: admitted.Format(carepath.DateLayout)})
		if err != nil {
			return fmt.Errorf("demo history admission: %w", err)
		}
		for k, at := range []time.Time{admitted, ended} {
			phq, gad := s.phq[k], s.gad[k]
			for _, m := range []carepath.MeasureInput{
				{Instrument: "phq9", Answers: demoAnswers(phq, 8, 0), TakenAt: at},
				{Instrument: "gad7", Answers: demoAnswers(gad, 7, -1), TakenAt: at},
			} {
				if _, _, err := w.svc.Measures.CreateMeasure(as, c.ID, m); err != nil {
					return fmt.Errorf("demo history measure: %w", err)
				}
			}
		}
		if _, err := w.svc.Episodes.DischargeEpisode(as, ep.ID, carepath.EpisodeDischarge{Version: ep.Version,
			On: ended.Format(carepath.DateLayout), Reason: s.reason}); err != nil {
			return fmt.Errorf("demo history discharge: %w", err)
		}
	}
	return nil
}
