package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/delivery"
	"github.com/google/uuid"
)

// apply makes the week what plan says, inside the caller's transaction, and returns the
// clients whose rosters, sessions or therapist changed.
func (svc *SchedulePlanService) apply(ctx context.Context, tx *sql.Tx, pw *plannedWeek, plan *carepath.SchedulePlan) ([]string, error) {
	changed := []string{}
	mark := func(c string) {
		if !slices.Contains(changed, c) {
			changed = append(changed, c)
		}
	}
	inProgram := map[string]bool{}
	for _, c := range pw.inst.Clients {
		inProgram[c.ID] = true
	}
	monday := pw.monday.String()

	// Rosters, from the week's Monday on.
	for _, g := range plan.Groups {
		se, ok := pw.groups[g.GroupID]
		if !ok {
			return nil, staleSchedulePlan()
		}
		var planned []string
		for _, c := range plan.Clients {
			if slices.Contains(c.GroupsAfter, g.GroupID) {
				planned = append(planned, c.ClientID)
			}
		}
		current := se.roster.MembersOn(pw.monday)
		for _, m := range se.roster {
			if !m.On(pw.monday) || !inProgram[m.ClientID] || slices.Contains(planned, m.ClientID) {
				continue
			}
			q, args := `UPDATE group_members SET until_date = $1 WHERE group_id = $2 AND client_id = $3 AND from_date = $4`,
				[]any{monday, se.id, m.ClientID, m.From.String()}
			if m.From == pw.monday {
				q, args = `DELETE FROM group_members WHERE group_id = $1 AND client_id = $2 AND from_date = $3`, args[1:]
			}
			if _, err := tx.ExecContext(ctx, q, args...); err != nil {
				return nil, fmt.Errorf("end member: %w", svc.s.translate(err))
			}
			mark(m.ClientID)
		}
		for _, c := range planned {
			if slices.Contains(current, c) {
				continue
			}
			r := slices.Clone(se.roster)
			if err := r.Add(c, pw.monday); err != nil {
				return nil, conflictAsStale(err, "roster of "+pw.groupName[se.id])
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM group_members WHERE group_id = $1 AND client_id = $2
				AND from_date = $3 AND until_date = $3`, se.id, c, monday); err != nil {
				return nil, fmt.Errorf("clear member: %w", svc.s.translate(err))
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO group_members (group_id, client_id, from_date, until_date)
				VALUES ($1, $2, $3, NULL)`, se.id, c, monday); err != nil {
				return nil, fmt.Errorf("insert member: %w", svc.s.translate(err))
			}
			mark(c)
		}
	}

	// Individual sessions: keep the week's sessions the plan keeps, cancel (for that date only)
	// those it replaces or whose clinician is away, and then book the new ones as one-offs.
	// Every cancellation comes first, so that a new session may take the hour of one the plan
	// moves elsewhere.
	loc := pw.program.Location()
	type booking struct {
		s                    carepath.SchedulePlanSession
		modality, room, link string
	}
	var bookings []booking
	for _, c := range plan.Clients {
		var planned []carepath.SchedulePlanSession
		for _, s := range plan.Sessions {
			if s.ClientID == c.ClientID {
				planned = append(planned, s)
			}
		}
		var modality, room, link string = "in_person", "", ""
		for _, o := range pw.existing[c.ClientID] {
			clin := ""
			if len(o.se.clinicians) > 0 {
				clin = o.se.clinicians[0]
			}
			modality, room, link = o.se.modality, o.se.room, o.se.link
			keep := slices.ContainsFunc(planned, func(s carepath.SchedulePlanSession) bool {
				return s.ClinicianID == clin && s.Slot == slotOf(o.s.Start, loc)
			})
			if keep || (len(planned) == 0 && !slices.Contains(pw.gone, clin)) {
				continue
			}
			if err := svc.cancelForPlan(ctx, tx, o); err != nil {
				return nil, err
			}
			mark(c.ClientID)
		}
		for _, s := range planned {
			if s.Existing {
				continue
			}
			b := booking{s: s, modality: modality, room: room, link: link}
			if r := pw.clinicianRoom[s.ClinicianID]; r != "" && modality != "telehealth" {
				b.room = r
			}
			bookings = append(bookings, b)
			mark(c.ClientID)
		}
		if c.NewTherapist && c.ClinicianAfter != "" {
			if _, err := tx.ExecContext(ctx, `UPDATE clients SET primary_clinician_id = $1, version = version + 1,
				updated_at = $2 WHERE id = $3`, c.ClinicianAfter, svc.s.timestamp(), c.ClientID); err != nil {
				return nil, fmt.Errorf("update therapist: %w", svc.s.translate(err))
			}
			mark(c.ClientID)
		}
	}
	for _, b := range bookings {
		if err := svc.book(ctx, tx, pw, b.s, b.modality, b.room, b.link); err != nil {
			return nil, err
		}
	}
	return changed, nil
}

// cancelForPlan cancels one occurrence of a session the plan replaces, for its date only;
// ECONFLICT when attendance was already taken.
func (svc *SchedulePlanService) cancelForPlan(ctx context.Context, tx *sql.Tx, o occurrence) error {
	if err := noAttendance(ctx, svc.s, tx, o.s.ID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM occurrence_exceptions WHERE series_id = $1 AND local_date = $2`,
		o.se.id, o.date.String()); err != nil {
		return fmt.Errorf("clear exception: %w", svc.s.translate(err))
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO occurrence_exceptions (series_id, local_date, kind, start_at, minutes,
		created_at) VALUES ($1, $2, 'cancelled', NULL, 0, $3)`, o.se.id, o.date.String(), svc.s.timestamp()); err != nil {
		return fmt.Errorf("cancel session: %w", svc.s.translate(err))
	}
	return nil
}

// book books one planned individual session as a one-off of 60 minutes, after checking it
// double-books nobody.
func (svc *SchedulePlanService) book(ctx context.Context, tx *sql.Tx, pw *plannedWeek, s carepath.SchedulePlanSession, modality, room, link string) error {
	date, err := delivery.ParseDate("date", s.Date)
	if err != nil {
		return err
	}
	clock, err := delivery.ParseClock("start_time", s.StartTime)
	if err != nil {
		return err
	}
	id, err := uuid.NewV7()
	if err != nil {
		return fmt.Errorf("new id: %w", err)
	}
	w := delivery.Weekly{Days: []time.Weekday{date.Weekday()}, Start: clock, Minutes: 60, From: date, Until: date}
	p := pw.program
	se := &series{id: id.String(), programID: p.ID, kind: delivery.KindIndividual, program: p, loc: p.Location(),
		ds: delivery.Series{ID: id.String(), Recurrence: w}, clinicians: []string{s.ClinicianID},
		clientID: s.ClientID, modality: modality, room: room, link: link}
	if err := (&TherapySessionService{s: svc.s}).checkConflicts(ctx, tx, se.occurrences(date.Midnight(se.loc), date.AddDays(1).Midnight(se.loc))); err != nil {
		return conflictAsStale(err, fmt.Sprintf("individual session of client %s with clinician %s on %s at %s (%s)",
			s.ClientID, s.ClinicianID, s.Date, s.StartTime, p.TimeZone))
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO care_sessions (id, program_id, kind, client_id, clinician_id,
		recurring, days, start_time, minutes, start_date, end_date, modality, room, meeting_link, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
		se.id, p.ID, carepath.SessionIndividual, s.ClientID, s.ClinicianID, false, daysText(w), clock.String(), 60,
		date.String(), date.String(), modality, room, link, svc.s.timestamp()); err != nil {
		return fmt.Errorf("insert session: %w", svc.s.translate(err))
	}
	return nil
}
