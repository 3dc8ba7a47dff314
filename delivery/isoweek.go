package delivery

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/carepath/carepath"
)

// ISOWeek is an ISO 8601 week: weeks start on Monday, and week 1 is the week holding the
// year's first Thursday (equivalently, 4 January). A year has 52 or 53 weeks.
type ISOWeek struct {
	Year int
	Week int
}

// ParseISOWeek parses s as YYYY-Www (e.g. "2026-W48"). It returns an EINVALID error naming
// field when s is malformed or the year has no such week (2026 has a week 53; 2027 does not).
func ParseISOWeek(field, s string) (ISOWeek, error) {
	bad := func(format string, args ...any) (ISOWeek, error) {
		var errs carepath.FieldErrors
		errs.Add(field, "format", format, args...)
		return ISOWeek{}, errs.Err()
	}
	y, w, ok := strings.Cut(s, "-W")
	if !ok || len(y) != 4 || len(w) != 2 {
		return bad("Please give a week as YYYY-Www, e.g. 2026-W48.")
	}
	year, err1 := strconv.Atoi(y)
	week, err2 := strconv.Atoi(w)
	if err1 != nil || err2 != nil || year < 1 || y[0] == '+' || w[0] == '+' || w[0] == '-' {
		return bad("Please give a week as YYYY-Www, e.g. 2026-W48.")
	}
	if week < 1 || week > WeeksInYear(year) {
		return bad("%d has weeks 01 to %d.", year, WeeksInYear(year))
	}
	return ISOWeek{year, week}, nil
}

// WeeksInYear returns the number of ISO weeks in year: 53 when 28 December falls in week 53
// (years starting on a Thursday, and leap years starting on a Wednesday), else 52.
func WeeksInYear(year int) int {
	_, w := time.Date(year, time.December, 28, 12, 0, 0, 0, time.UTC).ISOWeek()
	return w
}

// WeekOf returns the ISO week containing t's date in loc.
func WeekOf(t time.Time, loc *time.Location) ISOWeek {
	y, w := t.In(loc).ISOWeek()
	return ISOWeek{y, w}
}

// WeekOfDate returns the ISO week containing the civil date d.
func WeekOfDate(d Date) ISOWeek {
	y, w := d.utc().ISOWeek()
	return ISOWeek{y, w}
}

// String formats w as YYYY-Www.
func (w ISOWeek) String() string { return fmt.Sprintf("%04d-W%02d", w.Year, w.Week) }

// Monday returns the civil date of the week's Monday.
func (w ISOWeek) Monday() Date {
	jan4 := Date{w.Year, time.January, 4}
	back := (int(jan4.Weekday()) + 6) % 7 // days since Monday
	return jan4.AddDays(-back + 7*(w.Week-1))
}

// Sunday returns the civil date of the week's Sunday.
func (w ISOWeek) Sunday() Date { return w.Monday().AddDays(6) }

// Next returns the following ISO week.
func (w ISOWeek) Next() ISOWeek { return WeekOfDate(w.Monday().AddDays(7)) }

// Before reports whether w comes before v.
func (w ISOWeek) Before(v ISOWeek) bool {
	return w.Year < v.Year || (w.Year == v.Year && w.Week < v.Week)
}

// Bounds returns the week's first instant (Monday 00:00 in loc) and the next week's, so the
// week is [start, end). A week with a daylight-saving change lasts 167 or 169 hours.
func (w ISOWeek) Bounds(loc *time.Location) (start, end time.Time) {
	m := w.Monday()
	return m.Midnight(loc), m.AddDays(7).Midnight(loc)
}
