package delivery

import (
	"fmt"
	"slices"
	"time"

	"github.com/carepath/carepath"
)

// Series is a recurring session (a group, or a client's recurring individual session) with
// its one-off exceptions: occurrences cancelled and occurrences moved. An exception touches
// only its own occurrence; the others keep following the recurrence.
type Series struct {
	ID         string
	Recurrence Weekly
	Cancelled  []Date // local dates whose occurrence does not take place
	Moves      []Move
}

// Move reschedules the occurrence of one local date to a new start and length.
type Move struct {
	Date    Date      // the local date the recurrence scheduled it for
	Start   time.Time // the new start
	Minutes int       // the new length; 0 keeps the recurrence's length
}

// Validate checks s: an id, a valid recurrence, and exceptions that name dates on which the
// recurrence occurs. Field errors name recurrence.*, cancelled[i] and moves[i].*.
func (s Series) Validate() error {
	var errs carepath.FieldErrors
	if s.ID == "" {
		errs.Add("id", "required", "The series needs an id.")
	}
	s.Recurrence.check(&errs, "recurrence.")
	for i, d := range s.Cancelled {
		if !s.Recurrence.OccursOn(d) {
			errs.Add(fmt.Sprintf("cancelled[%d]", i), "range", "There is no session on %s to cancel.", d)
		}
	}
	for i, m := range s.Moves {
		p := fmt.Sprintf("moves[%d].", i)
		switch {
		case !s.Recurrence.OccursOn(m.Date):
			errs.Add(p+"date", "range", "There is no session on %s to move.", m.Date)
		case slices.Contains(s.Cancelled, m.Date):
			errs.Add(p+"date", "conflict", "The session on %s is cancelled; it cannot also be moved.", m.Date)
		}
		if m.Start.IsZero() {
			errs.Add(p+"start", "required", "Please give the new start.")
		}
		if m.Minutes < 0 || m.Minutes > MaxSessionMinutes {
			errs.Add(p+"minutes", "range", "A session lasts between 1 and %d minutes.", MaxSessionMinutes)
		}
		for j := range i {
			if s.Moves[j].Date == m.Date {
				errs.Add(p+"date", "duplicate", "The session on %s is moved twice.", m.Date)
				break
			}
		}
	}
	return errs.Err()
}

// Occurrences returns the series' sessions that start in [from, to) in loc, in order of start:
// the recurrence's occurrences less the cancelled ones, with moved ones at their new start
// (a moved occurrence is listed when its new start falls in the window, wherever its
// original date was). Ids stay those of the original dates.
func (s Series) Occurrences(loc *time.Location, from, to time.Time) []Occurrence {
	all := s.Recurrence.Occurrences(s.ID, loc, from, to)
	out := all[:0]
	for _, o := range all {
		if slices.Contains(s.Cancelled, o.Date) || s.moveOf(o.Date) >= 0 {
			continue
		}
		out = append(out, o)
	}
	for _, m := range s.Moves {
		if !s.Recurrence.OccursOn(m.Date) || slices.Contains(s.Cancelled, m.Date) {
			continue
		}
		if m.Start.Before(from) || !m.Start.Before(to) {
			continue
		}
		minutes := m.Minutes
		if minutes == 0 {
			minutes = s.Recurrence.Minutes
		}
		out = append(out, Occurrence{ID: OccurrenceID(s.ID, m.Date), SeriesID: s.ID, Date: m.Date,
			Start: m.Start.In(loc), Minutes: minutes, Moved: true})
	}
	slices.SortStableFunc(out, func(a, b Occurrence) int { return a.Start.Compare(b.Start) })
	return out
}

// moveOf returns the index of the move of date d, or -1.
func (s Series) moveOf(d Date) int {
	return slices.IndexFunc(s.Moves, func(m Move) bool { return m.Date == d })
}
