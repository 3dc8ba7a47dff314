package delivery

import (
	"fmt"
	"slices"
	"time"

	"github.com/carepath/carepath"
)

// Conflict is one double booking: the resource (a clinician, a client or a room) that the
// proposed session shares with an existing session whose time overlaps.
type Conflict struct {
	ProposedID string // the session being booked
	Field      string // clinician_ids, client_ids or room
	ResourceID string // the clinician's or client's opaque id, or the room's name
	SessionID  string // the other session
	Start      time.Time
	Minutes    int
}

// Conflicts returns every double booking between the proposed session and the existing ones,
// ordered by the other session's start, then clinicians, clients and room. Sessions overlap when each starts before
// the other ends, so back-to-back sessions do not conflict; an existing session with the same
// id as the proposed one (the session being edited) is skipped.
func Conflicts(proposed Session, existing []Session) []Conflict {
	var out []Conflict
	for _, e := range existing {
		if e.ID == proposed.ID || !e.Start.Before(proposed.End()) || !proposed.Start.Before(e.End()) {
			continue
		}
		add := func(field, id string) {
			out = append(out, Conflict{ProposedID: proposed.ID, Field: field, ResourceID: id, SessionID: e.ID, Start: e.Start, Minutes: e.Minutes})
		}
		for _, id := range proposed.ClinicianIDs {
			if slices.Contains(e.ClinicianIDs, id) {
				add("clinician_ids", id)
			}
		}
		for _, id := range proposed.ClientIDs {
			if slices.Contains(e.ClientIDs, id) {
				add("client_ids", id)
			}
		}
		if proposed.Room != "" && proposed.Room == e.Room {
			add("room", proposed.Room)
		}
	}
	slices.SortStableFunc(out, func(a, b Conflict) int { return a.Start.Compare(b.Start) })
	return out
}

// ConflictError is the cause behind a double booking's ECONFLICT: every conflict found, so
// that a page can name each other session and person in words the error message may not
// hold (a client's name). It holds only opaque ids, times and room names.
type ConflictError struct {
	Conflicts []Conflict
}

// Error counts the double bookings.
func (e *ConflictError) Error() string { return fmt.Sprintf("%d double booking(s)", len(e.Conflicts)) }

// CheckConflicts returns nil when the proposed session double-books no one, and otherwise an
// ECONFLICT error with one field error per conflict naming the field (clinician_ids,
// client_ids or room), the other session's id and its start and length in loc. Messages hold
// only opaque ids and room names, never a client's name.
func CheckConflicts(proposed Session, existing []Session, loc *time.Location) error {
	cs := Conflicts(proposed, existing)
	if len(cs) == 0 {
		return nil
	}
	e := &carepath.Error{Code: carepath.ECONFLICT, Message: "This would double-book", Err: &ConflictError{Conflicts: cs}}
	for _, c := range cs {
		when := fmt.Sprintf("%s (%d min)", c.Start.In(loc).Format(time.RFC3339), c.Minutes)
		var msg string
		switch c.Field {
		case "clinician_ids":
			msg = fmt.Sprintf("clinician %s is already booked for session %s at %s.", c.ResourceID, c.SessionID, when)
		case "client_ids":
			msg = fmt.Sprintf("client %s is already booked for session %s at %s.", c.ResourceID, c.SessionID, when)
		default:
			msg = fmt.Sprintf("room %q is already booked for session %s at %s.", c.ResourceID, c.SessionID, when)
		}
		e.Fields = append(e.Fields, carepath.FieldError{Field: c.Field, Code: "double_booked", Message: msg})
	}
	return e
}

// MaxConflictsReported is how many double bookings CheckSeriesConflicts lists at most.
const MaxConflictsReported = 10

// CheckSeriesConflicts checks every proposed session (for example each occurrence of a new
// recurring session, expanded with Series.Occurrences) against the existing ones, as
// CheckConflicts does, and lists at most MaxConflictsReported double bookings in the
// ECONFLICT error, in the order the proposed sessions are given.
func CheckSeriesConflicts(proposed []Session, existing []Session, loc *time.Location) error {
	var e *carepath.Error
	for _, p := range proposed {
		err := CheckConflicts(p, existing, loc)
		if err == nil {
			continue
		}
		if e == nil {
			e = err.(*carepath.Error)
			continue
		}
		e.Fields = append(e.Fields, carepath.ErrorFields(err)...)
		all := e.Err.(*ConflictError)
		all.Conflicts = append(all.Conflicts, err.(*carepath.Error).Err.(*ConflictError).Conflicts...)
		if len(e.Fields) >= MaxConflictsReported {
			e.Fields = e.Fields[:MaxConflictsReported]
			all.Conflicts = all.Conflicts[:min(len(all.Conflicts), MaxConflictsReported)]
			break
		}
	}
	if e == nil {
		return nil
	}
	return e
}
