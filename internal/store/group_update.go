package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/delivery"
)

// UpdateGroup changes a group's name, capacity, facilitators, modality and place, or its last
// date, and returns it. The group's days and hours never change here, so past sessions (and
// their attendance and notes) keep their dates. A new facilitator or room is checked for
// double bookings from today on; an end date may not fall before a session that has
// attendance. EINVALID names the fields; ECONFLICT names facilitator_ids or room; ENOTFOUND;
// EFORBIDDEN.
func (svc *GroupService) UpdateGroup(ctx context.Context, id string, u carepath.GroupUpdate) (*carepath.Group, error) {
	var out *carepath.Group
	o := op{record: access.Group, action: access.Update, recordID: wellFormedID(id), detail: "details"}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if wellFormedID(id) == "" {
			return nil, carepath.Errorf(carepath.ENOTFOUND, "There is no such group.")
		}
		g, err := svc.read(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		next := *g
		if u.Name != nil {
			next.Name = *u.Name
		}
		if u.Capacity != nil {
			next.Capacity = *u.Capacity
		}
		if u.FacilitatorIDs != nil {
			next.FacilitatorIDs = *u.FacilitatorIDs
		}
		if u.Modality != nil {
			next.Modality = strings.TrimSpace(*u.Modality)
		}
		if u.Room != nil {
			next.Room = *u.Room
		}
		if u.MeetingLink != nil {
			next.MeetingLink = *u.MeetingLink
		}
		if u.EndDate != nil {
			next.EndDate = strings.TrimSpace(*u.EndDate)
		}
		var errs carepath.FieldErrors
		if next.Modality != "in_person" && next.Modality != "telehealth" {
			errs.Add("modality", "format", "A group meets in_person or by telehealth.")
		}
		w := recurrence(&errs, next.Days, next.StartTime, next.Minutes, next.StartDate, next.EndDate)
		dg := delivery.Group{Name: next.Name, Type: delivery.GroupType(next.Type), FacilitatorIDs: next.FacilitatorIDs,
			Capacity: next.Capacity, Series: delivery.Series{ID: id, Recurrence: w}, Telehealth: next.Modality == "telehealth",
			Room: strings.TrimSpace(next.Room), MeetingLink: strings.TrimSpace(next.MeetingLink)}
		if err := dg.Validate(); err != nil {
			for _, f := range carepath.ErrorFields(err) {
				if !strings.HasPrefix(f.Field, "recurrence.") && !hasField(errs, f.Field) {
					errs = append(errs, f)
				}
			}
		}
		if len(next.FacilitatorIDs) > maxFacilitators {
			errs.Add("facilitator_ids", "too_many", "Please name at most %d facilitators.", maxFacilitators)
		}
		if err := checkStaff(ctx, svc.s, tx, &errs, "facilitator_ids", next.FacilitatorIDs, true); err != nil {
			return nil, err
		}
		if next.EndDate != "" && !hasField(errs, "end_date") {
			var last sql.NullString
			if err := tx.QueryRowContext(ctx, `SELECT max(local_date) FROM attendance_sheets WHERE series_id = $1`, id).Scan(&last); err != nil {
				return nil, fmt.Errorf("select attendance: %w", svc.s.translate(err))
			}
			if last.Valid && last.String > next.EndDate {
				errs.Add("end_date", "range", "Attendance was taken on %s; the group can end on that day at the earliest.", last.String)
			}
		}
		if err := errs.Err(); err != nil {
			return nil, err
		}
		if dg.Telehealth {
			next.Room, next.MeetingLink = "", dg.MeetingLink
		} else {
			next.Room, next.MeetingLink = dg.Room, ""
		}
		next.Name, next.FacilitatorIDs = dg.Name, dg.FacilitatorIDs
		if err := svc.checkFromToday(ctx, tx, g, &next, dg); err != nil {
			return nil, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE groups SET name = $1, capacity = $2, facilitator_ids = $3, modality = $4,
			room = $5, meeting_link = $6, end_date = $7 WHERE id = $8`, next.Name, next.Capacity,
			strings.Join(next.FacilitatorIDs, ","), next.Modality, next.Room, next.MeetingLink, next.EndDate, id); err != nil {
			return nil, fmt.Errorf("update group: %w", svc.s.translate(err))
		}
		out = &next
		if _, err := svc.showRoster(ctx, tx, out); err != nil {
			return nil, err
		}
		return []ref{{ID: id}}, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// checkFromToday refuses a change of facilitators or room that double-books someone in the
// group's sessions from today (in the program's zone) to its end or a year ahead.
func (svc *GroupService) checkFromToday(ctx context.Context, tx *sql.Tx, old, next *carepath.Group, dg delivery.Group) error {
	same := strings.Join(old.FacilitatorIDs, ",") == strings.Join(next.FacilitatorIDs, ",") && old.Room == next.Room &&
		old.Modality == next.Modality
	if same {
		return nil
	}
	p, err := readProgram(ctx, svc.s, tx, next.ProgramID)
	if err != nil {
		return err
	}
	loc := p.Location()
	w := dg.Series.Recurrence
	se := &series{id: next.ID, programID: p.ID, kind: delivery.KindGroup, groupType: dg.Type, program: p, loc: loc,
		ds: delivery.Series{ID: next.ID, Recurrence: w}, clinicians: next.FacilitatorIDs, modality: next.Modality, room: next.Room}
	from := delivery.DateOf(svc.s.now().In(loc)).Midnight(loc)
	to := from.Add(conflictHorizon)
	if !w.Until.IsZero() {
		to = w.Until.AddDays(1).Midnight(loc)
	}
	if !to.After(from) {
		return nil
	}
	return (&TherapySessionService{s: svc.s}).checkConflicts(ctx, tx, se.occurrences(from, to.Add(-time.Nanosecond)))
}
