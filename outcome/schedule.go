package outcome

import (
	"slices"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/instrument"
)

// Schedule says when a client is asked to answer which questionnaires during one episode of
// care: at admission, every EveryDays days after it while the episode is open, and at
// discharge. Dates are calendar days in Location (UTC when nil); the time of day of Admitted
// and Discharged is ignored.
type Schedule struct {
	Level      carepath.Level
	Admitted   time.Time
	Discharged time.Time // the zero time while the episode is open
	EveryDays  int
	// Repeated are asked at admission, at every routine date and at discharge.
	Repeated []instrument.ID
	// Bookends are asked at admission and at discharge only, in addition to Repeated: the
	// AUDIT and DAST-10 ask about the past year and are not meant to be repeated weekly. At
	// discharge a bookend that looks back further than dischargeWindowDays is not asked, since
	// it would still count the months before admission: the check-in, whose window is the
	// last 30 days, takes its place.
	Bookends []instrument.ID
	// GraceDays is how many days before or after a due date a measure still counts for it.
	GraceDays int
	Location  *time.Location
}

// DueKind says why a date is due.
type DueKind string

// The kinds of due date.
const (
	DueAdmission DueKind = "admission"
	DueRoutine   DueKind = "routine"
	DueDischarge DueKind = "discharge"
)

// Due is one date on which measures are due, with the instruments to ask.
type Due struct {
	On          time.Time // midnight UTC of the calendar day
	Kind        DueKind
	Instruments []instrument.ID
}

// DefaultEveryDays returns the default days between routine measures at level: 7 in an IOP, a
// PHP, residential or inpatient care (a PHP may measure more often by lowering it), 14 in
// outpatient therapy, and 0 (no routine measures) with no treatment.
func DefaultEveryDays(level carepath.Level) int {
	switch level {
	case carepath.LevelOutpatient:
		return 14
	case carepath.LevelIOP, carepath.LevelPHP, carepath.LevelResidential, carepath.LevelInpatient:
		return 7
	}
	return 0
}

// DefaultSchedule returns the default schedule of an episode at level admitted on admitted:
// PHQ-9 and GAD-7 at every date; for a client treated for substance use, the check-in too,
// and the AUDIT and DAST-10 at admission. For everyone else the AUDIT-C screens for alcohol
// use at admission. At discharge the check-in, which looks back 30 days, takes the place of
// these screens, which look back a year. The grace is 3 days either side.
func DefaultSchedule(level carepath.Level, admitted time.Time, substanceUse bool, loc *time.Location) Schedule {
	s := Schedule{
		Level:     level,
		Admitted:  admitted,
		EveryDays: DefaultEveryDays(level),
		Repeated:  []instrument.ID{instrument.PHQ9, instrument.GAD7},
		Bookends:  []instrument.ID{instrument.AUDITC},
		GraceDays: 3,
		Location:  loc,
	}
	if substanceUse {
		s.Repeated = append(s.Repeated, CheckInID)
		s.Bookends = []instrument.ID{instrument.AUDIT, instrument.DAST10}
	}
	return s
}

// Validate checks the schedule. Field errors name admitted, discharged (before admission),
// every_days (0 to 90, 0 meaning admission and discharge only), grace_days (0 or more, and
// less than half of every_days so that windows never overlap), repeated (at least one
// instrument) and repeated[i] or bookends[i] (an instrument carepath does not know).
func (s *Schedule) Validate() error {
	var errs carepath.FieldErrors
	if s.Admitted.IsZero() {
		errs.Add("admitted", "required", "Please give the admission date.")
	}
	if !s.Discharged.IsZero() && s.day(s.Discharged) < s.day(s.Admitted) {
		errs.Add("discharged", "order", "Discharge cannot come before admission.")
	}
	if s.EveryDays < 0 || s.EveryDays > 90 {
		errs.Add("every_days", "range", "Measure every 1 to 90 days, or 0 for admission and discharge only.")
	}
	if s.GraceDays < 0 || (s.EveryDays > 0 && 2*s.GraceDays >= s.EveryDays) {
		errs.Add("grace_days", "range", "The grace must be under half the days between measures.")
	}
	if len(s.Repeated) == 0 {
		errs.Add("repeated", "required", "Please choose at least one questionnaire to repeat.")
	}
	for _, list := range []struct {
		name string
		ids  []instrument.ID
	}{{"repeated", s.Repeated}, {"bookends", s.Bookends}} {
		for i, id := range list.ids {
			if _, ok := instrument.Get(id); !ok && id != CheckInID {
				errs.Add(list.name+"["+itoa(i)+"]", "unknown", "carepath knows no questionnaire %q.", id)
			}
		}
	}
	return errs.Err()
}

// day is the calendar day of t in the schedule's location, counted from 1970-01-01.
func (s *Schedule) day(t time.Time) int {
	loc := s.Location
	if loc == nil {
		loc = time.UTC
	}
	return dayOf(t.In(loc))
}

// dayOf is the calendar day of t in t's own location, counted from 1970-01-01.
func dayOf(t time.Time) int {
	y, m, d := t.Date()
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// dayTime is midnight UTC of day d.
func dayTime(d int) time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// dueDays returns the due days of the whole episode, up to last when it is still open.
func (s *Schedule) dueDays(last int) []Due {
	a := s.day(s.Admitted)
	end := last
	open := s.Discharged.IsZero()
	if !open {
		end = s.day(s.Discharged)
	}
	bookend := append(slices.Clip(s.Repeated), s.Bookends...)
	out := []Due{{On: dayTime(a), Kind: DueAdmission, Instruments: bookend}}
	discharge := s.dischargeInstruments()
	if s.EveryDays > 0 {
		for d := a + s.EveryDays; d <= end; d += s.EveryDays {
			// A routine date that falls within the grace of discharge gives way to it.
			if !open && d > end-s.GraceDays {
				break
			}
			out = append(out, Due{On: dayTime(d), Kind: DueRoutine, Instruments: s.Repeated})
		}
	}
	if !open && end > a {
		out = append(out, Due{On: dayTime(end), Kind: DueDischarge, Instruments: discharge})
	}
	return out
}

// dischargeWindowDays is the furthest back a discharge measure may look, in days: the check-in's
// window. A measure that looks back a year at discharge still counts the months before care.
const dischargeWindowDays = 30

// dischargeInstruments returns what is asked at discharge: Repeated, the bookends whose recall
// fits the discharge window, and the check-in in place of any that does not.
func (s *Schedule) dischargeInstruments() []instrument.ID {
	out := slices.Clone(s.Repeated)
	replaced := false
	for _, id := range s.Bookends {
		if in, ok := instrument.Get(id); ok && in.RecallDays > dischargeWindowDays {
			replaced = true
			continue
		}
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	if replaced && !slices.Contains(out, CheckInID) {
		out = append(out, CheckInID)
	}
	return out
}

// DueDates returns the due dates from the calendar day of from through that of to (both
// included, read in the schedule's location), in order. A routine date that falls within the grace before discharge is left out: the
// discharge measures take its place. A discharge on the day of admission is one date, the
// admission.
func (s *Schedule) DueDates(from, to time.Time) []Due {
	f, t := s.day(from), s.day(to)
	var out []Due
	for _, d := range s.dueDays(t) {
		if n := dayOf(d.On); n >= f && n <= t {
			out = append(out, d)
		}
	}
	return out
}

// Missed returns how many due dates in a row, counting back from the latest one whose grace
// has ended by now, had none of their instruments answered within their window (the due date
// plus or minus GraceDays). A due date whose window is still open is neither missed nor kept:
// the client may still answer. Measures of instruments not due on a date do not keep it.
func (s *Schedule) Missed(measures []Measure, now time.Time) int {
	n, _ := s.missedRun(measures, now)
	return n
}

// missedRun returns the count Missed returns and the earliest due date of the run.
func (s *Schedule) missedRun(measures []Measure, now time.Time) (int, time.Time) {
	today := s.day(now)
	dues := s.dueDays(today)
	taken := make(map[instrument.ID][]int, len(s.Repeated)+len(s.Bookends))
	for i := range measures {
		m := &measures[i]
		taken[m.Instrument] = append(taken[m.Instrument], s.day(m.TakenAt))
	}
	missed := 0
	var first time.Time
	for i := len(dues) - 1; i >= 0; i-- {
		d := dues[i]
		on := dayOf(d.On)
		if on+s.GraceDays >= today {
			continue // the window is still open
		}
		if kept(taken, d.Instruments, on-s.GraceDays, on+s.GraceDays) {
			break
		}
		missed++
		first = d.On
	}
	return missed, first
}

// kept reports whether any of ids was taken on a day from lo through hi.
func kept(taken map[instrument.ID][]int, ids []instrument.ID, lo, hi int) bool {
	for _, id := range ids {
		for _, d := range taken[id] {
			if d >= lo && d <= hi {
				return true
			}
		}
	}
	return false
}
