package outcome

import (
	"cmp"
	"slices"
	"strconv"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/instrument"
)

// Measure is one scored questionnaire or check-in that a client answered. Points hold the
// points of each item in the published order; for the check-in they hold its three answers
// (see CheckIn). Total is the instrument's total; for the check-in it is the craving rating.
type Measure struct {
	ID         string
	ClientID   string
	Instrument instrument.ID
	TakenAt    time.Time
	Total      int
	Points     []int
}

// item9 is the index of the PHQ-9's safety item in Points.
const item9 = 8

// Item9 returns the points of item 9 of a PHQ-9 measure (thoughts of being better off dead or
// of self-harm), and 0 for any other measure or one without item points.
func (m *Measure) Item9() int {
	if m.Instrument != instrument.PHQ9 || len(m.Points) <= item9 {
		return 0
	}
	return m.Points[item9]
}

// sortMeasures returns the measures ordered by when they were taken, then by ID, without
// changing ms. It returns ms itself when it is already in that order.
func sortMeasures(ms []Measure) []Measure {
	less := func(a, b Measure) int { return cmp.Or(a.TakenAt.Compare(b.TakenAt), cmp.Compare(a.ID, b.ID)) }
	if slices.IsSortedFunc(ms, less) {
		return ms
	}
	out := slices.Clone(ms)
	slices.SortStableFunc(out, less)
	return out
}

// series returns, in the order taken, the measures of ms on instrument id.
func series(ms []Measure, id instrument.ID) []Measure {
	var out []Measure
	for _, m := range sortMeasures(ms) {
		if m.Instrument == id {
			out = append(out, m)
		}
	}
	return out
}

// itoa formats i in decimal.
func itoa(i int) string { return strconv.Itoa(i) }

// NewMeasure scores answers on instrument id (one of the instrument package's, or CheckInID)
// and returns the measure taken at takenAt. It checks that takenAt is neither after now nor
// before the day of firstAdmitted, the client's first admission in the location loc (UTC when
// nil). Every problem is reported at once in an EINVALID *carepath.Error: instrument (unknown),
// answers.<id> and answers.<id>[i] (see instrument.Score and ParseCheckIn) and taken_at.
func NewMeasure(id instrument.ID, answers []int, sex carepath.Sex, takenAt, now, firstAdmitted time.Time, loc *time.Location) (Measure, error) {
	var errs carepath.FieldErrors
	m := Measure{Instrument: id, TakenAt: takenAt}
	var err error
	if in, ok := instrument.Get(id); ok {
		var s instrument.Score
		if s, err = in.Score(answers, sex); err == nil {
			m.Total, m.Points = s.Total, s.Points
		}
	} else if id == CheckInID {
		var c CheckIn
		if c, err = ParseCheckIn(answers); err == nil {
			m.Total, m.Points = c.Craving, c.Measure().Points
		}
	} else {
		errs.Add("instrument", "unknown", "Please choose one of phq9, gad7, audit, auditc, dast10, cssrs, ciwa_ar, cows or checkin.")
	}
	errs = append(errs, carepath.ErrorFields(err)...)
	if loc == nil {
		loc = time.UTC
	}
	switch {
	case takenAt.IsZero():
		errs.Add("taken_at", "required", "Please give when the answers were given.")
	case takenAt.After(now):
		errs.Add("taken_at", "future", "The answers cannot be dated in the future.")
	case !firstAdmitted.IsZero() && dayOf(takenAt.In(loc)) < dayOf(firstAdmitted.In(loc)):
		errs.Add("taken_at", "before_admission", "The answers cannot be dated before the client's first admission.")
	}
	if err := errs.Err(); err != nil {
		return Measure{}, err
	}
	return m, nil
}
