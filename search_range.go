package carepath

import "time"

// TimeRange is the half-open interval of instants [From, To). A zero From or To leaves that end
// open, so the zero TimeRange holds every instant.
type TimeRange struct {
	From time.Time
	To   time.Time
}

// Contains reports whether t lies in r.
func (r TimeRange) Contains(t time.Time) bool {
	return (r.From.IsZero() || !t.Before(r.From)) && (r.To.IsZero() || t.Before(r.To))
}

// DateRange is the half-open interval of civil dates [From, To), each YYYY-MM-DD. An empty
// From or To leaves that end open.
type DateRange struct {
	From string
	To   string
}

// Contains reports whether the date d (YYYY-MM-DD) lies in r.
func (r DateRange) Contains(d string) bool {
	return (r.From == "" || d >= r.From) && (r.To == "" || d < r.To)
}

// TextMatch is how a search compares a word with a stored name: by default the name starts
// with Value, ignoring case; Exact asks for the whole name, case and all; Contains for Value
// anywhere in the name, ignoring case.
type TextMatch struct {
	Value    string
	Exact    bool
	Contains bool
}
