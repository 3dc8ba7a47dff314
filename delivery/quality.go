package delivery

import (
	"slices"

	"github.com/carepath/carepath"
)

// Assignment makes ClinicianID a client's primary clinician from the civil date From until
// the client's next assignment.
type Assignment struct {
	ClientID    string
	ClinicianID string
	From        Date
}

// Employment is one staff member's employment: employed on every date from Start up to but
// not including Until (a zero Until means still employed). The last day worked is the day
// before Until.
type Employment struct {
	StaffID string
	Start   Date
	Until   Date
}

// QualityInput is everything the quality figures are computed from, for the ISO weeks From
// through To (inclusive) in the program's time zone.
type QualityInput struct {
	Program    Program
	From, To   ISOWeek
	Sessions   []Session // every session of the program, any period; those in the period count
	Attendance []Attendance
	Caps       map[GroupType]int // group size caps by type; nil means DefaultCaps
	Primary    []Assignment      // primary-clinician history of the program's clients
	Staff      []Employment      // the clinical staff whose turnover is measured
}

// Quality is the quality-of-care report for a period. Every figure carries Method, a short
// plain account of how it was computed.
type Quality struct {
	From, To   ISOWeek
	OneOnOne   OneOnOneFigure
	GroupSize  GroupSizeFigure
	Continuity ContinuityFigure
	Turnover   TurnoverFigure
	Hours      HoursFigure
}

// OneOnOneFigure is the individual-therapy minutes each client received per week.
type OneOnOneFigure struct {
	ClientWeeks   int
	MedianMinutes int
	P10Minutes    int // 10th percentile: a tenth of client-weeks got this much or less
	Method        string
}

// GroupSizeFigure is how many clients attended each group session.
type GroupSizeFigure struct {
	Sessions     int // group sessions with attendance recorded
	Median       int
	Max          int
	OverCap      int     // sessions attended by more clients than their type's cap
	ShareOverCap float64 // OverCap / Sessions, 0..1
	Method       string
}

// ContinuityFigure is how much of each client's individual therapy their primary clinician
// held, and how often clients changed primary clinician.
type ContinuityFigure struct {
	Clients        int     // clients with an attended individual session in the period
	MeanShare      float64 // mean over those clients of their per-client share, 0..1
	PerClient      []ClientContinuity
	ChangedPrimary int // clients whose primary clinician changed during the period
	Method         string
}

// ClientContinuity is one client's share of individual sessions held by their primary
// clinician.
type ClientContinuity struct {
	ClientID    string
	Sessions    int
	WithPrimary int
	Share       float64
}

// TurnoverFigure is clinical staff turnover over the period, annualized.
type TurnoverFigure struct {
	Separations      int
	AverageHeadcount float64
	Days             int
	AnnualizedRate   float64 // separations per average headcount, scaled to 365 days (when Annualizable)
	// Annualizable is set when the period is at least MinDaysToAnnualize days long and someone
	// was employed in it: only then is AnnualizedRate given.
	Annualizable bool
	// ClientsWhoseClinicianLeft lists (sorted) the clients whose primary clinician on their
	// last day worked was a staff member who left in the period.
	ClientsWhoseClinicianLeft []string
	Method                    string
}

// HoursFigure is the hours delivered against the hours the program's minimum required.
type HoursFigure struct {
	ClientWeeks       int
	WeeksBelowMinimum int
	DeliveredMinutes  int
	RequiredMinutes   int
	Ratio             float64 // DeliveredMinutes / RequiredMinutes (0 when nothing was required)
	Method            string
}

// Validate checks the period: From and To are real ISO weeks and To is not before From, and
// the program has a time zone. Field errors name from, to and program.loc.
func (in QualityInput) Validate() error {
	var errs carepath.FieldErrors
	for _, f := range []struct {
		name string
		w    ISOWeek
	}{{"from", in.From}, {"to", in.To}} {
		if f.w.Year < 1 || f.w.Year > 9999 || f.w.Week < 1 || f.w.Week > WeeksInYear(f.w.Year) {
			errs.Add(f.name, "format", "Please give a week as YYYY-Www, e.g. 2026-W48.")
		}
	}
	if len(errs) == 0 && in.To.Before(in.From) {
		errs.Add("to", "range", "The last week cannot come before the first.")
	}
	if in.Program.Loc == nil {
		errs.Add("program.loc", "required", "The program's time zone is missing.")
	}
	return errs.Err()
}

// ComputeQuality computes the quality report for in, or returns Validate's EINVALID error. It
// is pure and deterministic.
func ComputeQuality(in QualityInput) (Quality, error) {
	if err := in.Validate(); err != nil {
		return Quality{}, err
	}
	q := Quality{From: in.From, To: in.To}
	pd := newPeriod(in.Program, in.From, in.To, in.Sessions, in.Attendance)
	doses := pd.doses()
	q.OneOnOne = oneOnOne(doses)
	q.Hours = hours(doses)
	caps := in.Caps
	if caps == nil {
		caps = DefaultCaps
	}
	q.GroupSize = groupSize(pd, caps)
	primary := newPrimaryIndex(in.Primary)
	q.Continuity = continuity(in, pd, primary)
	q.Turnover = turnover(in.Staff, primary, in.From.Monday(), in.To.Sunday())
	return q, nil
}

func oneOnOne(doses []Dose) OneOnOneFigure {
	mins := make([]int, len(doses))
	for i, d := range doses {
		mins[i] = d.Minutes.Individual
	}
	slices.Sort(mins)
	return OneOnOneFigure{ClientWeeks: len(mins), MedianMinutes: percentileSorted(mins, 50), P10Minutes: percentileSorted(mins, 10),
		Method: "For every client-week in the period (an ISO week, in the program's time zone, in which the client " +
			"was scheduled for or recorded at any session), we add the minutes the client attended individual " +
			"sessions; weeks with none count as 0. Median and 10th percentile by nearest rank: sort the values and " +
			"take the one at rank ⌈p × n⌉; an even count's median is the lower middle value."}
}

func hours(doses []Dose) HoursFigure {
	h := HoursFigure{ClientWeeks: len(doses),
		Method: "Over the same client-weeks, minutes attended at every kind of session, against the program's weekly " +
			"minimum for each client-week; a week is below the minimum when its minutes attended are fewer."}
	for _, d := range doses {
		h.DeliveredMinutes += d.DeliveredMinutes
		h.RequiredMinutes += d.RequiredMinutes
		if !d.Met {
			h.WeeksBelowMinimum++
		}
	}
	if h.RequiredMinutes > 0 {
		h.Ratio = float64(h.DeliveredMinutes) / float64(h.RequiredMinutes)
	}
	return h
}

func groupSize(pd *period, caps map[GroupType]int) GroupSizeFigure {
	sizes := make([]int, len(pd.sessions))
	for i := range sizes {
		sizes[i] = -1 // no attendance recorded
	}
	for i, a := range pd.att {
		j := pd.at[i]
		if j < 0 || pd.sessions[j].Kind != KindGroup {
			continue
		}
		sizes[j] = max(sizes[j], 0)
		if a.Status.Attended() {
			sizes[j]++
		}
	}
	g := GroupSizeFigure{
		Method: "For every group session in the period with attendance recorded, the number of clients present, " +
			"late or leaving early. Median by nearest rank (lower middle value for an even count); a session is " +
			"over cap when that number exceeds its group type's cap (types without a cap are never over); the " +
			"share is over-cap sessions divided by all measured group sessions."}
	var all []int
	for j, n := range sizes {
		if n < 0 {
			continue
		}
		all = append(all, n)
		if c := caps[pd.sessions[j].GroupType]; c > 0 && n > c {
			g.OverCap++
		}
	}
	slices.Sort(all)
	g.Sessions = len(all)
	g.Median = percentileSorted(all, 50)
	if len(all) > 0 {
		g.Max = all[len(all)-1]
		g.ShareOverCap = float64(g.OverCap) / float64(len(all))
	}
	return g
}
