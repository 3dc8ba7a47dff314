package search

import (
	"slices"
	"time"

	"github.com/carepath/carepath"
)

// Grid is how a store keeps a kind of date: instants shown to the second (Seconds), or civil
// dates (Days). A resource value on a grid covers one cell, [a, Next(a)).
type Grid interface {
	// Floor returns the start of the cell holding t.
	Floor(t time.Time) time.Time
	// Ceil returns t when it starts a cell, else the start of the next cell.
	Ceil(t time.Time) time.Time
}

// Seconds is the grid of instants shown with whole seconds (r4.Instant).
var Seconds Grid = secondGrid{}

type secondGrid struct{}

func (secondGrid) Floor(t time.Time) time.Time { return t.Truncate(time.Second) }
func (secondGrid) Ceil(t time.Time) time.Time {
	if f := t.Truncate(time.Second); !f.Equal(t) {
		return f.Add(time.Second)
	}
	return t
}

// Days returns the grid of civil dates in loc: each cell is one day from midnight to midnight.
func Days(loc *time.Location) Grid { return dayGrid{loc} }

type dayGrid struct{ loc *time.Location }

func (g dayGrid) Floor(t time.Time) time.Time {
	t = t.In(g.loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, g.loc)
}

func (g dayGrid) Ceil(t time.Time) time.Time {
	if f := g.Floor(t); !f.Equal(t) {
		return f.AddDate(0, 0, 1)
	}
	return t
}

// Ranges returns the stored values that match d when each stands for its cell of g: a stored
// value v matches exactly when v lies in one of the ranges (whose ends are cell starts, so
// that the value and the start of its cell always fall on the same side). A zero end is open;
// nil means nothing matches. now is the time approximate matches (ap) measure from.
func (d Date) Ranges(g Grid, now time.Time) []carepath.TimeRange {
	eq := span(g.Ceil(d.Lo), g.Floor(d.Hi))
	var out []carepath.TimeRange
	switch d.Prefix {
	case EQ:
		out = eq
	case NE:
		if len(eq) == 0 {
			return []carepath.TimeRange{{}}
		}
		out = []carepath.TimeRange{{To: eq[0].From}, {From: eq[0].To}}
	case GT:
		out = []carepath.TimeRange{{From: g.Floor(d.Hi)}}
	case LT:
		out = []carepath.TimeRange{{To: g.Ceil(d.Lo)}}
	case GE:
		out = append(eq, carepath.TimeRange{From: g.Floor(d.Hi)})
	case LE:
		out = append(eq, carepath.TimeRange{To: g.Ceil(d.Lo)})
	case SA:
		out = []carepath.TimeRange{{From: g.Ceil(d.Hi)}}
	case EB:
		out = []carepath.TimeRange{{To: g.Floor(d.Lo)}}
	case AP:
		lo, hi := d.approximate(now)
		out = span(g.Floor(lo), g.Ceil(hi))
	}
	return Union(out)
}

// span returns [from, to) when it is not empty.
func span(from, to time.Time) []carepath.TimeRange {
	if !from.Before(to) {
		return nil
	}
	return []carepath.TimeRange{{From: from, To: to}}
}

// Union merges overlapping and touching ranges and sorts them by start.
func Union(rs []carepath.TimeRange) []carepath.TimeRange {
	if len(rs) == 0 {
		return nil
	}
	rs = slices.Clone(rs)
	slices.SortFunc(rs, func(a, b carepath.TimeRange) int {
		switch {
		case a.From.Equal(b.From):
			return 0
		case a.From.IsZero() || (!b.From.IsZero() && a.From.Before(b.From)):
			return -1
		}
		return 1
	})
	out := []carepath.TimeRange{rs[0]}
	for _, r := range rs[1:] {
		last := &out[len(out)-1]
		if last.To.IsZero() || !r.From.After(last.To) {
			if last.To.IsZero() || r.To.IsZero() {
				last.To = time.Time{}
			} else if r.To.After(last.To) {
				last.To = r.To
			}
			continue
		}
		out = append(out, r)
	}
	return out
}

// Intersect returns the instants that lie in a range of a and in a range of b.
func Intersect(a, b []carepath.TimeRange) []carepath.TimeRange {
	var out []carepath.TimeRange
	for _, x := range a {
		for _, y := range b {
			r := carepath.TimeRange{From: later(x.From, y.From), To: earlier(x.To, y.To)}
			if r.From.IsZero() || r.To.IsZero() || r.From.Before(r.To) {
				out = append(out, r)
			}
		}
	}
	return Union(out)
}

// later returns the later start, a zero start being the earliest.
func later(a, b time.Time) time.Time {
	if a.IsZero() || (!b.IsZero() && b.After(a)) {
		return b
	}
	return a
}

// earlier returns the earlier end, a zero end being the latest.
func earlier(a, b time.Time) time.Time {
	if a.IsZero() || (!b.IsZero() && b.Before(a)) {
		return b
	}
	return a
}

// DateRanges turns ranges of day starts in loc (as Ranges gives them on Days(loc)) into ranges
// of civil dates.
func DateRanges(rs []carepath.TimeRange, loc *time.Location) []carepath.DateRange {
	out := make([]carepath.DateRange, len(rs))
	for i, r := range rs {
		if !r.From.IsZero() {
			out[i].From = r.From.In(loc).Format(carepath.DateLayout)
		}
		if !r.To.IsZero() {
			out[i].To = r.To.In(loc).Format(carepath.DateLayout)
		}
	}
	return out
}
