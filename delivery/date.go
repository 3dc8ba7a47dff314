package delivery

import (
	"time"

	"github.com/carepath/carepath"
)

// Date is a civil date (a day on the calendar, with no time zone). The zero Date means "none".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate parses s as YYYY-MM-DD. It returns an EINVALID error naming field when s is not a
// real date.
func ParseDate(field, s string) (Date, error) {
	t, err := time.Parse(carepath.DateLayout, s)
	if err != nil {
		var errs carepath.FieldErrors
		errs.Add(field, "format", "Please give a real date as YYYY-MM-DD.")
		return Date{}, errs.Err()
	}
	return DateOf(t), nil
}

// MustDate parses s as YYYY-MM-DD and panics when it cannot; it is for constants and tests.
func MustDate(s string) Date {
	d, err := ParseDate("date", s)
	if err != nil {
		panic(err)
	}
	return d
}

// DateOf returns the civil date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// String formats d as YYYY-MM-DD.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.utc().Format(carepath.DateLayout)
}

// utc is midnight UTC on d, used only for calendar arithmetic.
func (d Date) utc() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// AddDays returns the date n days after d (before it when n is negative).
func (d Date) AddDays(n int) Date { return DateOf(d.utc().AddDate(0, 0, n)) }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.utc().Weekday() }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return sign(d.Year - e.Year)
	case d.Month != e.Month:
		return sign(int(d.Month) - int(e.Month))
	}
	return sign(d.Day - e.Day)
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// DaysUntil returns the number of days from d to e (negative when e is before d).
func (d Date) DaysUntil(e Date) int { return int(e.utc().Sub(d.utc()).Hours() / 24) }

// Midnight returns the first instant of d in loc (see At for days whose midnight is skipped).
func (d Date) Midnight(loc *time.Location) time.Time { return d.At(Clock{}, loc) }

// Clock is a wall-clock time of day, hours 0–23 and minutes 0–59.
type Clock struct {
	Hour   int
	Minute int
}

// Valid reports whether c is a time of day.
func (c Clock) Valid() bool { return c.Hour >= 0 && c.Hour < 24 && c.Minute >= 0 && c.Minute < 60 }

// String formats c as HH:MM.
func (c Clock) String() string {
	return time.Date(2000, 1, 1, c.Hour, c.Minute, 0, 0, time.UTC).Format("15:04")
}

// ParseClock parses s as HH:MM (24-hour). It returns an EINVALID error naming field otherwise.
func ParseClock(field, s string) (Clock, error) {
	t, err := time.Parse("15:04", s)
	if err != nil {
		var errs carepath.FieldErrors
		errs.Add(field, "format", "Please give a time of day as HH:MM, e.g. 09:30.")
		return Clock{}, errs.Err()
	}
	return Clock{t.Hour(), t.Minute()}, nil
}

// At returns the instant at which clocks in loc show c on date d. The rules for the two
// daylight-saving edge cases are fixed, so every caller gets the same answer:
//   - a wall time that does not exist (skipped when clocks spring forward) is shifted forward
//     by the length of the gap, as time.Date does: 02:30 on 2026-03-08 in America/New_York
//     is 03:30 EDT;
//   - a wall time that happens twice (when clocks fall back) is the earlier of the two
//     instants: 01:30 on 2026-11-01 in America/New_York is 01:30 EDT, not 01:30 EST.
func (d Date) At(c Clock, loc *time.Location) time.Time {
	naive := time.Date(d.Year, d.Month, d.Day, c.Hour, c.Minute, 0, 0, time.UTC)
	// The offsets in force a day before and a day after; no zone changes offset twice in 48 h.
	_, before := naive.Add(-24 * time.Hour).In(loc).Zone()
	_, after := naive.Add(24 * time.Hour).In(loc).Zone()
	var best time.Time
	for _, off := range []int{before, after} {
		t := naive.Add(-time.Duration(off) * time.Second).In(loc)
		if t.Hour() == c.Hour && t.Minute() == c.Minute && DateOf(t) == d && (best.IsZero() || t.Before(best)) {
			best = t
		}
	}
	if best.IsZero() { // in the gap: keep the offset from before the change, i.e. shift forward
		best = naive.Add(-time.Duration(before) * time.Second).In(loc)
	}
	return best
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}
