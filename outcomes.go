package carepath

import (
	"context"
	"time"
)

// OutcomeFilter selects the stays an outcomes report compares: those at a level of care that
// overlap the period [From, To), dates as YYYY-MM-DD in each program's time zone, in one
// program (ProgramID) or in all of them ("").
type OutcomeFilter struct {
	From      string `json:"from"`
	To        string `json:"to"`
	ProgramID string `json:"program_id,omitempty"`
}

// Validate checks the filter's dates: EINVALID names from and to (format, to after from, at
// most ten years apart).
func (f OutcomeFilter) Validate() error {
	var errs FieldErrors
	from, ferr := time.Parse(time.DateOnly, f.From)
	to, terr := time.Parse(time.DateOnly, f.To)
	switch {
	case f.From == "":
		errs.Add("from", "required", "Please give the first day of the period, e.g. 2026-01-01.")
	case ferr != nil:
		errs.Add("from", "format", "Please give the first day as YYYY-MM-DD, e.g. 2026-01-01.")
	}
	switch {
	case f.To == "":
		errs.Add("to", "required", "Please give the day after the period ends, e.g. 2027-01-01.")
	case terr != nil:
		errs.Add("to", "format", "Please give the end as YYYY-MM-DD, e.g. 2027-01-01.")
	}
	if ferr == nil && terr == nil {
		switch {
		case !to.After(from):
			errs.Add("to", "range", "The end of the period must come after its first day.")
		case to.Sub(from) > 3653*24*time.Hour:
			errs.Add("to", "range", "Please ask for at most ten years at a time.")
		}
	}
	return errs.Err()
}

// The statuses of an OutcomeFigure.
const (
	FigureOK              = "ok"
	FigureSuppressed      = "suppressed"       // too few episodes stand behind it to show it
	FigureNone            = "none"             // no episode to compute it from
	FigureNotStandardized = "not_standardized" // see its note
)

// OutcomeFigure is one number of an outcomes report. Value is a percentage for shares, points
// for a mean change and weeks for a median; N is how many stays it is computed from. Value
// and N are null unless Status is "ok", so that a suppressed figure discloses nothing.
type OutcomeFigure struct {
	Status string   `json:"status"`
	Value  *float64 `json:"value"`
	N      *int     `json:"n"`
	Note   string   `json:"note,omitempty"`
}

// OutcomeInstrumentFigures are the change figures of one instrument (PHQ-9 or GAD-7), from
// stays with at least two measures on it: the first is the baseline, the last the result.
type OutcomeInstrumentFigures struct {
	ReliableImprovementPct OutcomeFigure `json:"reliable_improvement_pct"`
	RecoveryPct            OutcomeFigure `json:"recovery_pct"` // of those at caseness at baseline
	MeanChange             OutcomeFigure `json:"mean_change"`  // last − first, in points: negative is better
}

// OutcomeCell is one row of the report: the stays at Level within Band ("all", a band's code,
// or "standardized"). Episodes is null when the cell is suppressed.
type OutcomeCell struct {
	Level         Level                    `json:"level"`
	Band          string                   `json:"band"`
	Episodes      *int                     `json:"episodes"`
	Suppressed    bool                     `json:"suppressed"`
	CompletionPct OutcomeFigure            `json:"completion_pct"`
	MedianWeeks   OutcomeFigure            `json:"median_weeks"`
	PHQ9          OutcomeInstrumentFigures `json:"phq9"`
	GAD7          OutcomeInstrumentFigures `json:"gad7"`
}

// OutcomeLevel holds one level's rows: overall, within each baseline band, and standardized to
// the pooled baseline mix. Unbanded counts its stays with no baseline PHQ-9 (null when
// suppressed); they count overall but in no band.
type OutcomeLevel struct {
	Level        Level         `json:"level"`
	Overall      OutcomeCell   `json:"overall"`
	ByBand       []OutcomeCell `json:"by_band"`
	Standardized OutcomeCell   `json:"standardized"`
	Unbanded     *int          `json:"unbanded"`
}

// OutcomeBand is a band of baseline PHQ-9 totals.
type OutcomeBand struct {
	Code  string `json:"code"`
	Label string `json:"label"`
	Min   int    `json:"min"`
	Max   int    `json:"max"`
}

// OutcomeStandard is the pooled baseline mix one figure is standardized to: each band's share,
// in percent, among the stays of every level that the figure is computed from.
type OutcomeStandard struct {
	Figure string    `json:"figure"`
	Shares []float64 `json:"shares"`
}

// OutcomeReport compares outcomes by level of care over a period. Caveats says what the
// figures can and cannot show and must be shown with them; Method says how stays and their
// measures were chosen. Stays counts the stays compared, at the levels the report compares (0
// when fewer than MinCell). CSV is the same report as CSV (not part of the JSON).
type OutcomeReport struct {
	From      string            `json:"from"`
	To        string            `json:"to"`
	ProgramID string            `json:"program_id,omitempty"`
	MinCell   int               `json:"min_cell"`
	Stays     int               `json:"stays"`
	Bands     []OutcomeBand     `json:"bands"`
	Levels    []OutcomeLevel    `json:"levels"`
	Standards []OutcomeStandard `json:"standards"`
	Caveats   string            `json:"caveats"`
	Method    string            `json:"method"`
	CSV       []byte            `json:"-"`
}

// OutcomeService computes the outcomes report. It holds no client data: only counts and
// figures over at least MinCell stays.
type OutcomeService interface {
	// OutcomeReport compares the levels of care of the stays that f selects. EINVALID names
	// from, to or program_id (no such program); EFORBIDDEN for roles other than admin and
	// clinician.
	OutcomeReport(ctx context.Context, f OutcomeFilter) (*OutcomeReport, error)
}
