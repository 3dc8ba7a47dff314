package demo

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/carepath/carepath"
)

// demoNotes writes and signs group notes for the last two ended sessions of each process
// group (each attendee's part short), and individual notes for the last ended individual
// session of six IOP clients. Every note says it is fictional.
func demoNotes(w *demoWorld, groups []demoGroup) error {
	notes, sessions, attendance := w.svc.Notes, w.svc.TherapySessions, w.svc.Attendance
	for _, g := range groups[:3] {
		fac := g.group.FacilitatorIDs[0]
		as := w.as(fac, carepath.RoleClinician)
		list, err := sessions.FindOccurrences(as, carepath.OccurrenceFilter{From: w.now.AddDate(0, 0, -14).Format(time.RFC3339),
			To: w.now.Format(time.RFC3339), GroupID: g.group.ID})
		if err != nil {
			return fmt.Errorf("demo notes: %w", err)
		}
		var ended []*carepath.Occurrence
		for _, o := range list {
			if w.ended(o) {
				ended = append(ended, o)
			}
		}
		for _, o := range ended[max(0, len(ended)-2):] {
			sheet, err := attendance.FindAttendance(as, o.ID)
			if err != nil {
				return fmt.Errorf("demo notes: %w", err)
			}
			in := carepath.NoteInput{Kind: carepath.NoteGroup, Format: carepath.FormatDAP, SessionID: o.ID, Sections: map[string]string{
				"data":       "(Fictional demo note.) Process group: check-in, members shared their week's warning signs and one coping step each.",
				"assessment": "Good engagement overall; members supported one another and kept to the group's agreements.",
				"plan":       "Continue weekly goals; next session reviews the coping plans written today."}}
			for _, r := range sheet.Records {
				if r.Status == "absent_excused" || r.Status == "absent_unexcused" {
					continue
				}
				in.Attendees = append(in.Attendees, carepath.NoteAttendee{ClientID: r.ClientID,
					Individual: "(Fictional.) Took part actively; named one trigger and a coping step for the week."})
			}
			if len(in.Attendees) == 0 {
				continue
			}
			if err := demoSign(w, notes, fac, in); err != nil {
				return err
			}
		}
	}
	n := 0
	for _, c := range w.clients {
		if c.kind > 5 || n == 6 {
			continue
		}
		as := w.as(c.clinician, carepath.RoleClinician)
		list, err := sessions.FindOccurrences(as, carepath.OccurrenceFilter{From: w.now.AddDate(0, 0, -14).Format(time.RFC3339),
			To: w.now.Format(time.RFC3339), ClientID: c.id, ClinicianID: c.clinician})
		if err != nil {
			return fmt.Errorf("demo notes: %w", err)
		}
		var last *carepath.Occurrence
		for _, o := range list {
			if o.Kind == carepath.SessionIndividual && w.ended(o) {
				if sheet, err := attendance.FindAttendance(as, o.ID); err == nil && len(sheet.Records) == 1 && sheet.Records[0].Minutes > 0 {
					last = o
				}
			}
		}
		if last == nil {
			continue
		}
		n++
		in := carepath.NoteInput{Kind: carepath.NoteIndividual, Format: carepath.FormatDAP, ClientID: c.id, SessionID: last.ID,
			Sections: map[string]string{
				"data":       "(Fictional demo note.) Reviewed the week's activity log; two planned activities done out of four.",
				"assessment": "Mood a little brighter than at admission; still low energy in the mornings.",
				"plan":       "Schedule two morning activities; PHQ-9 next week; continue the day-track groups."}}
		if err := demoSign(w, notes, c.clinician, in); err != nil {
			return err
		}
	}
	return nil
}

// demoSign writes a note as author and signs it.
func demoSign(w *demoWorld, notes carepath.NoteService, author string, in carepath.NoteInput) error {
	as := w.as(author, carepath.RoleClinician)
	note, err := notes.CreateNote(as, in)
	if err != nil {
		return fmt.Errorf("demo note: %w", err)
	}
	if _, err := notes.SignNote(as, note.ID, note.Revision); err != nil {
		return fmt.Errorf("demo note: %w", err)
	}
	return nil
}

// demoMeasures enters a PHQ-9 and a GAD-7 every week from admission (six to ten weeks) for
// every admitted client, entered by their primary clinician. Most improve; some hold steady;
// one deteriorates reliably; and one answered PHQ-9 item 9 positively two days ago, so the
// crisis flag and its alert show. All answers are fictional.
func demoMeasures(w *demoWorld) error {
	svc := w.svc.Measures
	for i, c := range w.clients {
		if c.kind == 9 {
			continue
		}
		as := w.as(c.clinician, carepath.RoleClinician)
		phqStart, gadStart := 15+i%4, 12+i%3
		if c.kind == 6 || c.kind == 7 {
			phqStart, gadStart = 9+i%3, 8+i%3
		}
		var taken []time.Time
		for t := c.admitted.Add(36 * time.Hour); t.Before(w.now.Add(-24 * time.Hour)); t = t.AddDate(0, 0, 7) {
			taken = append(taken, t)
		}
		if len(taken) > 10 {
			taken = taken[len(taken)-10:]
		}
		crisis := i == 2
		if crisis {
			taken[len(taken)-1] = w.now.Add(-48 * time.Hour)
		}
		if c.kind == 8 { // the last, after stepping down to weekly therapy: its baseline there
			if last := taken[len(taken)-1]; last.After(w.now.Add(-72 * time.Hour)) {
				taken = taken[:len(taken)-1]
			}
			taken = append(taken, w.now.Add(-50*time.Hour))
		}
		for k, at := range taken {
			progress := float64(k) / float64(max(1, len(taken)-1))
			phq, gad := float64(phqStart), float64(gadStart)
			switch {
			case i == 3: // reliable deterioration
				phq, gad = 10+9*progress, 8+7*progress
			case i%7 == 4: // little change
				phq, gad = phq-1.5*progress, gad-1*progress
			default: // improving
				phq, gad = phq-9*progress, gad-6*progress
			}
			phq += float64(w.rng.IntN(3) - 1)
			gad += float64(w.rng.IntN(3) - 1)
			item9 := 0
			if crisis && k == len(taken)-1 {
				item9 = 1
				phq = max(phq, 14)
			}
			for _, m := range []carepath.MeasureInput{
				{Instrument: "phq9", Answers: demoAnswers(int(math.Round(phq)), 8, item9), TakenAt: at},
				{Instrument: "gad7", Answers: demoAnswers(int(math.Round(gad)), 7, -1), TakenAt: at},
			} {
				if _, _, err := svc.CreateMeasure(as, c.id, m); err != nil {
					return fmt.Errorf("demo measure: %w", err)
				}
			}
		}
	}
	return nil
}

// demoAnswers spreads score over the first n items (0–3 each), evenly; item9, when not
// negative, is added as a ninth answer.
func demoAnswers(score, n, item9 int) []int {
	if item9 > 0 {
		score -= item9
	}
	score = min(max(score, 0), 3*n)
	out := make([]int, n)
	for k := range out {
		out[k] = score / n
		if k < score%n {
			out[k]++
		}
	}
	if item9 >= 0 {
		out = append(out, item9)
	}
	return slices.Clip(out)
}
