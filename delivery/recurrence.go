package delivery

import (
	"slices"
	"time"

	"github.com/carepath/carepath"
)

// MaxSessionMinutes is the longest a single session may last: 12 hours.
const MaxSessionMinutes = 12 * 60

// Weekly is a weekly recurrence: on each of Days, at the wall-clock time Start in the
// program's time zone, for Minutes, from the civil date From through Until (inclusive; a zero
// Until means no end).
type Weekly struct {
	Days    []time.Weekday
	Start   Clock
	Minutes int
	From    Date
	Until   Date
}

// Validate checks w and returns an EINVALID error whose fields name days, start, minutes, from
// and until. A recurrence that can never occur is invalid: no days, an end before the start,
// or an end that comes before the first of its weekdays.
func (w Weekly) Validate() error {
	var errs carepath.FieldErrors
	w.check(&errs, "")
	return errs.Err()
}

// check adds w's problems to errs, each field prefixed by prefix.
func (w Weekly) check(errs *carepath.FieldErrors, prefix string) {
	if len(w.Days) == 0 {
		errs.Add(prefix+"days", "required", "Please choose at least one day of the week.")
	}
	for _, d := range w.Days {
		if d < time.Sunday || d > time.Saturday {
			errs.Add(prefix+"days", "format", "Days are Sunday to Saturday.")
			break
		}
	}
	if !w.Start.Valid() {
		errs.Add(prefix+"start", "format", "Please give a start time between 00:00 and 23:59.")
	}
	if w.Minutes <= 0 || w.Minutes > MaxSessionMinutes {
		errs.Add(prefix+"minutes", "range", "A session lasts between 1 and %d minutes.", MaxSessionMinutes)
	}
	if w.From.IsZero() {
		errs.Add(prefix+"from", "required", "Please give the date of the first session.")
		return
	}
	if w.Until.IsZero() || len(w.Days) == 0 {
		return
	}
	if w.Until.Before(w.From) {
		errs.Add(prefix+"until", "range", "The end date cannot be before the start date.")
	} else if _, ok := w.next(w.From); !ok {
		errs.Add(prefix+"until", "range", "No session falls between the start and end dates on the chosen days.")
	}
}

// OccursOn reports whether the recurrence has a session on the civil date d.
func (w Weekly) OccursOn(d Date) bool {
	if d.Before(w.From) || (!w.Until.IsZero() && d.After(w.Until)) {
		return false
	}
	return slices.Contains(w.Days, d.Weekday())
}

// next returns the first date on or after d on which w occurs, if any.
func (w Weekly) next(d Date) (Date, bool) {
	if d.Before(w.From) {
		d = w.From
	}
	for i := 0; i < 7; i++ {
		if w.OccursOn(d) {
			return d, true
		}
		if !w.Until.IsZero() && d.After(w.Until) {
			break
		}
		d = d.AddDays(1)
	}
	return Date{}, false
}

// Occurrence is one concrete session of a series.
type Occurrence struct {
	// ID is stable: the series id and the local date it was scheduled for, e.g.
	// "g1:2026-03-08". Moving the occurrence keeps its id.
	ID       string
	SeriesID string
	// Date is the local date the recurrence scheduled it for (before any move).
	Date    Date
	Start   time.Time // in the program's location
	Minutes int
	Moved   bool
}

// End returns the instant o ends.
func (o Occurrence) End() time.Time { return o.Start.Add(time.Duration(o.Minutes) * time.Minute) }

// StartText formats o's start as RFC 3339 with the local offset.
func (o Occurrence) StartText() string { return o.Start.Format(time.RFC3339) }

// Occurrences returns the recurrence's sessions that start in [from, to), in order, each at
// w.Start on its local date in loc (see Date.At for the daylight-saving rules). Their ids
// are built from seriesID.
func (w Weekly) Occurrences(seriesID string, loc *time.Location, from, to time.Time) []Occurrence {
	if len(w.Days) == 0 || w.Minutes <= 0 || w.From.IsZero() || !from.Before(to) {
		return nil
	}
	// Local dates can be a day either side of the UTC dates of from and to.
	first := DateOf(from.In(loc)).AddDays(-1)
	last := DateOf(to.In(loc))
	if first.Before(w.From) {
		first = w.From
	}
	if !w.Until.IsZero() && w.Until.Before(last) {
		last = w.Until
	}
	var out []Occurrence
	for d := first; !d.After(last); d = d.AddDays(1) {
		if !slices.Contains(w.Days, d.Weekday()) {
			continue
		}
		start := d.At(w.Start, loc)
		if start.Before(from) || !start.Before(to) {
			continue
		}
		out = append(out, Occurrence{ID: OccurrenceID(seriesID, d), SeriesID: seriesID, Date: d, Start: start, Minutes: w.Minutes})
	}
	return out
}

// OccurrenceID is the stable id of the occurrence of series seriesID scheduled for date d.
func OccurrenceID(seriesID string, d Date) string { return seriesID + ":" + d.String() }
