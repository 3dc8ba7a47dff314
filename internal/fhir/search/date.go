// Package search reads FHIR R4 search parameter values — dates with prefixes and partial
// precision, tokens, references and strings — and decides whether a value of a resource
// matches. It is pure: no I/O.
//
// Dates follow the R4 rules: a search value is the range its precision implies
// ("2024-03" is all of March), a resource value is a range too (a date is its whole day, an
// instant written to the second is that second, a period is its span), and the prefix says
// how the two ranges must relate.
package search

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// Prefix is how a date search value relates to a resource's value.
type Prefix string

// The prefixes of R4 date search.
const (
	EQ Prefix = "eq" // the search range contains the resource range
	NE Prefix = "ne" // it does not
	GT Prefix = "gt" // the resource range reaches past the end of the search range
	LT Prefix = "lt" // the resource range begins before the search range
	GE Prefix = "ge" // gt or eq
	LE Prefix = "le" // lt or eq
	SA Prefix = "sa" // the resource range begins at or after the end of the search range
	EB Prefix = "eb" // the resource range ends at or before the start of the search range
	AP Prefix = "ap" // the ranges overlap once the search range is widened by a tenth of its distance from now
)

var prefixes = []Prefix{EQ, NE, GT, LT, GE, LE, SA, EB, AP}

// Date is one date search value: its prefix and the range [Lo, Hi) its text stands for.
type Date struct {
	Prefix Prefix
	Lo, Hi time.Time
}

// Span is the range [Lo, Hi) a resource's date covers; a zero Lo or Hi leaves that end open
// (a period with no end).
type Span struct {
	Lo, Hi time.Time
}

// dateValue matches FHIR's date, dateTime and instant forms, with the time zone optional (a
// search value without one is read in the server's zone).
var dateValue = regexp.MustCompile(`^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$`)

// ParseDate reads a date search value: an optional prefix, then a date, dateTime or instant of
// any precision from a year to a fraction of a second. A value without a time zone is read in
// loc.
func ParseDate(s string, loc *time.Location) (Date, error) {
	d := Date{Prefix: EQ}
	if len(s) > 2 && s[0] >= 'a' && s[0] <= 'z' {
		p := Prefix(s[:2])
		found := false
		for _, x := range prefixes {
			found = found || x == p
		}
		if !found {
			return Date{}, fmt.Errorf("%q is not a date prefix: use eq, ne, gt, lt, ge, le, sa, eb or ap", s[:2])
		}
		d.Prefix, s = p, s[2:]
	}
	lo, hi, err := ParseRange(s, loc)
	if err != nil {
		return Date{}, err
	}
	d.Lo, d.Hi = lo, hi
	return d, nil
}

// ParseRange returns the range [lo, hi) a FHIR date, dateTime or instant of any precision
// stands for: "2024" is the year, "2024-03-01" the day in loc (or in the value's own zone),
// "2024-03-01T10:00:00Z" that second. A value without a time zone is read in loc.
func ParseRange(s string, loc *time.Location) (lo, hi time.Time, err error) {
	m := dateValue.FindStringSubmatch(s)
	if m == nil {
		return lo, hi, fmt.Errorf("%q is not a date: use YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss with an optional zone such as Z or -05:00", s)
	}
	num := func(i int) int {
		if m[i] == "" {
			return 0
		}
		n, _ := strconv.Atoi(m[i])
		return n
	}
	year, month, day := num(1), max(num(2), 1), max(num(3), 1)
	hour, minute, second := num(4), num(5), num(6)
	if m[2] != "" && (num(2) < 1 || num(2) > 12) || m[3] != "" && num(3) < 1 ||
		m[4] != "" && (hour > 23 || minute > 59 || second > 59) {
		return lo, hi, fmt.Errorf("%q is not a real date or time", s)
	}
	zone := loc
	if z := m[8]; z != "" && z != "Z" {
		h, _ := strconv.Atoi(z[1:3])
		mi, _ := strconv.Atoi(z[4:6])
		if h > 14 || mi > 59 || h == 14 && mi > 0 {
			return lo, hi, fmt.Errorf("%q has no real time zone offset", s)
		}
		off := (h*60 + mi) * 60
		if z[0] == '-' {
			off = -off
		}
		zone = time.FixedZone(z, off)
	} else if z == "Z" {
		zone = time.UTC
	}
	nanos := 0
	if f := m[7]; f != "" {
		n, _ := strconv.Atoi((f + "000000000")[:9])
		nanos = n
	}
	lo = time.Date(year, time.Month(month), day, hour, minute, second, nanos, zone)
	if lo.Day() != day || int(lo.Month()) != month {
		return time.Time{}, time.Time{}, fmt.Errorf("%q is not a real date", s)
	}
	switch {
	case m[2] == "":
		hi = lo.AddDate(1, 0, 0)
	case m[3] == "":
		hi = lo.AddDate(0, 1, 0)
	case m[4] == "":
		hi = lo.AddDate(0, 0, 1)
	case m[6] == "":
		hi = lo.Add(time.Minute)
	case m[7] == "":
		hi = lo.Add(time.Second)
	default:
		step := time.Duration(1)
		for range 9 - len(m[7]) {
			step *= 10
		}
		hi = lo.Add(step)
	}
	return lo, hi, nil
}

// SpanOf returns the span of a resource's date, dateTime or instant text; ok is false when the
// text is empty or not a date.
func SpanOf(s string, loc *time.Location) (Span, bool) {
	if s == "" {
		return Span{}, false
	}
	lo, hi, err := ParseRange(s, loc)
	return Span{Lo: lo, Hi: hi}, err == nil
}

// PeriodSpan returns the span of a period from its start and end texts; an empty end leaves
// the span open above, an empty start open below.
func PeriodSpan(start, end string, loc *time.Location) (Span, bool) {
	var sp Span
	if start != "" {
		s, ok := SpanOf(start, loc)
		if !ok {
			return Span{}, false
		}
		sp.Lo = s.Lo
	}
	if end != "" {
		e, ok := SpanOf(end, loc)
		if !ok {
			return Span{}, false
		}
		sp.Hi = e.Hi
	}
	return sp, start != "" || end != ""
}

// Matches reports whether a resource's span t matches d, with now the time approximate
// matches (ap) measure their distance from.
func (d Date) Matches(t Span, now time.Time) bool {
	contained := !t.Lo.IsZero() && !t.Hi.IsZero() && !t.Lo.Before(d.Lo) && !t.Hi.After(d.Hi)
	gt := t.Hi.IsZero() || t.Hi.After(d.Hi)
	lt := t.Lo.IsZero() || t.Lo.Before(d.Lo)
	switch d.Prefix {
	case EQ:
		return contained
	case NE:
		return !contained
	case GT:
		return gt
	case LT:
		return lt
	case GE:
		return gt || contained
	case LE:
		return lt || contained
	case SA:
		return !t.Lo.IsZero() && !t.Lo.Before(d.Hi)
	case EB:
		return !t.Hi.IsZero() && !t.Hi.After(d.Lo)
	case AP:
		lo, hi := d.approximate(now)
		return (t.Lo.IsZero() || t.Lo.Before(hi)) && (t.Hi.IsZero() || lo.Before(t.Hi))
	}
	return false
}

// approximate widens d's range by a tenth of the time between now and its start, on each side.
func (d Date) approximate(now time.Time) (time.Time, time.Time) {
	gap := now.Sub(d.Lo)
	if gap < 0 {
		gap = -gap
	}
	m := gap / 10
	return d.Lo.Add(-m), d.Hi.Add(m)
}
