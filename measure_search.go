package carepath

import "context"

// MeasureQuery selects measures across the clients the actor may see. Empty fields do not
// select. Each group of Taken (or Created) holds when taken_at (created_at) lies in any of its
// ranges, and every group must hold. Measures come in the order of their ids (the order they
// were stored); After, when set, starts after that id, so that pages follow one another even
// while new measures arrive.
type MeasureQuery struct {
	ClientIDs   []string
	IDs         []string
	Instruments []string
	Taken       [][]TimeRange
	Created     [][]TimeRange
	After       string
	Limit       int // 0 means DefaultMeasureLimit; at most MaxMeasureLimit
}

// The page sizes of MeasureQuery.
const (
	DefaultMeasureLimit = 100
	MaxMeasureLimit     = 1000
)

// Validate checks a query: field errors name limit and after.
func (q MeasureQuery) Validate() error {
	var errs FieldErrors
	if q.Limit < 0 || q.Limit > MaxMeasureLimit {
		errs.Add("limit", "range", "The limit is between 0 and %d.", MaxMeasureLimit)
	}
	if len(q.After) > 64 {
		errs.Add("after", "format", "This is not a measure id.")
	}
	return errs.Err()
}

// MeasurePage is one page of the measures a MeasureQuery selects, without change figures, and
// how many match in all per instrument (ignoring After and Limit).
type MeasurePage struct {
	Measures []*Measure
	Counts   map[string]int
}

// MeasureSearchService finds measures by what they are rather than by client.
type MeasureSearchService interface {
	// SearchMeasures returns the page of measures q selects among the clients the actor may
	// see; the measures of other clients are left out as if they did not exist. EINVALID names
	// limit or after; EFORBIDDEN for roles that may not read measures.
	SearchMeasures(ctx context.Context, q MeasureQuery) (*MeasurePage, error)
	// FindMeasureByID returns one measure without change figures. ENOTFOUND when there is
	// none or the actor may not see its client; EFORBIDDEN.
	FindMeasureByID(ctx context.Context, id string) (*Measure, error)
}
