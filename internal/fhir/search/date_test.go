package search

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/carepath/carepath"
)

var chicago = mustZone("America/Chicago")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestParseRange checks that partial dates stand for the whole range their precision implies,
// in the value's zone or else the server's.
func TestParseRange(t *testing.T) {
	for _, tc := range []struct {
		in     string
		loc    *time.Location
		lo, hi string
	}{
		{"2024", time.UTC, "2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z"},
		{"2024-02", time.UTC, "2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z"},
		{"2024-02-29", time.UTC, "2024-02-29T00:00:00Z", "2024-03-01T00:00:00Z"},
		{"2024-12", time.UTC, "2024-12-01T00:00:00Z", "2025-01-01T00:00:00Z"},
		{"2024-03-10", chicago, "2024-03-10T06:00:00Z", "2024-03-11T05:00:00Z"}, // 23 hours: daylight saving starts
		{"2024-03-10T10:15", time.UTC, "2024-03-10T10:15:00Z", "2024-03-10T10:16:00Z"},
		{"2024-03-10T10:15:30Z", chicago, "2024-03-10T10:15:30Z", "2024-03-10T10:15:31Z"},
		{"2024-03-10T10:15:30-05:00", time.UTC, "2024-03-10T15:15:30Z", "2024-03-10T15:15:31Z"},
		{"2024-03-10T10:15:30+14:00", time.UTC, "2024-03-09T20:15:30Z", "2024-03-09T20:15:31Z"},
		{"2024-03-10T10:15:30.25Z", time.UTC, "2024-03-10T10:15:30.25Z", "2024-03-10T10:15:30.26Z"},
		{"2024-03-10T10:15:30.123456789Z", time.UTC, "2024-03-10T10:15:30.123456789Z", "2024-03-10T10:15:30.12345679Z"},
	} {
		lo, hi, err := ParseRange(tc.in, tc.loc)
		if err != nil || !lo.Equal(utc(tc.lo)) || !hi.Equal(utc(tc.hi)) {
			t.Errorf("ParseRange(%q) = %v, %v, %v; want %s, %s", tc.in, lo.UTC(), hi.UTC(), err, tc.lo, tc.hi)
		}
	}
	for _, bad := range []string{"", "24", "2024-13", "2024-00", "2024-02-30", "2024-02-00", "2024-1-1", "2024-01-01T25:00",
		"2024-01-01T10", "2024-01-01T10:00:61Z", "2024-01-01 10:00", "2024-01-01T10:00:00+5", "2024-01-01T10:00:00-26:00", "2024-01-01T10:00:00+14:30", "yesterday", "2024-01-01T10:00:00.Z"} {
		if _, _, err := ParseRange(bad, time.UTC); err == nil {
			t.Errorf("ParseRange(%q) accepted", bad)
		}
	}
	for _, bad := range []string{"xx2024", "eq", "EQ2024", "ge"} {
		if _, err := ParseDate(bad, time.UTC); err == nil {
			t.Errorf("ParseDate(%q) accepted", bad)
		}
	}
}

// TestDateMatches is the prefix table: each prefix against resource values before, inside,
// straddling and after the search range, for a day, a month and an instant, and open periods.
func TestDateMatches(t *testing.T) {
	now := utc("2025-01-01T00:00:00Z")
	day := func(s string) Span { sp, _ := SpanOf(s, time.UTC); return sp }
	period := func(a, b string) Span { sp, _ := PeriodSpan(a, b, time.UTC); return sp }
	targets := map[string]Span{
		"before":      day("2024-02-28"),
		"first day":   day("2024-03-01"),
		"inside":      day("2024-03-15T10:00:00Z"),
		"last second": day("2024-03-31T23:59:59Z"),
		"straddles":   period("2024-03-31T22:00:00Z", "2024-04-01T02:00:00Z"),
		"after":       day("2024-04-01"),
		"long after":  day("2024-06-01"),
		"open end":    period("2024-03-10", ""),
		"open start":  period("", "2024-02-10"),
		"covers":      day("2024"),
	}
	for _, tc := range []struct {
		search string
		want   []string
	}{
		{"2024-03", []string{"first day", "inside", "last second"}},
		{"eq2024-03", []string{"first day", "inside", "last second"}},
		{"ne2024-03", []string{"before", "straddles", "after", "long after", "open end", "open start", "covers"}},
		{"gt2024-03", []string{"straddles", "after", "long after", "open end", "covers"}},
		{"ge2024-03", []string{"first day", "inside", "last second", "straddles", "after", "long after", "open end", "covers"}},
		{"lt2024-03", []string{"before", "open start", "covers"}},
		{"le2024-03", []string{"before", "first day", "inside", "last second", "open start", "covers"}},
		{"sa2024-03", []string{"after", "long after"}},
		{"eb2024-03", []string{"before", "open start"}},
		// ap widens March by a tenth of the 306 days between its start and now: about 30.6 days.
		{"ap2024-03", []string{"before", "first day", "inside", "last second", "straddles", "after", "open end", "open start", "covers"}},
		{"eq2024-03-15T10:00:00Z", []string{"inside"}},
		{"gt2024-03-31T23:00:00Z", []string{"last second", "straddles", "after", "long after", "open end", "covers"}},
		{"eb2024-03-01", []string{"before", "open start"}},
	} {
		d, err := ParseDate(tc.search, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]bool{}
		for _, w := range tc.want {
			want[w] = true
		}
		for name, sp := range targets {
			if got := d.Matches(sp, now); got != want[name] {
				t.Errorf("%s against %s: %v, want %v", tc.search, name, got, want[name])
			}
		}
	}
}

// TestRangesAgreeWithMatches checks the ranges a store searches against the matching rule:
// for random search values of every prefix and precision and random stored instants, a value
// lies in Ranges exactly when the span it is shown as Matches. Seconds and days, in UTC and
// in a zone with daylight saving.
func TestRangesAgreeWithMatches(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	now := utc("2025-06-01T12:00:00Z")
	base := utc("2024-03-09T00:00:00Z")
	for _, loc := range []*time.Location{time.UTC, chicago} {
		for range 3000 {
			d := randomDate(rng, base, loc)
			v := base.Add(time.Duration(rng.Int64N(int64(72 * time.Hour)))).Add(time.Duration(rng.IntN(1000)) * time.Millisecond)
			// Seconds: the stored instant is shown as its second.
			shown := Span{Lo: v.Truncate(time.Second), Hi: v.Truncate(time.Second).Add(time.Second)}
			if got, want := inRanges(d.Ranges(Seconds, now), v), d.Matches(shown, now); got != want {
				t.Fatalf("seconds: %s%v..%v against %v: ranges %v, matches %v", d.Prefix, d.Lo, d.Hi, v, got, want)
			}
			// Days: the stored civil date is its day in loc.
			dayStart := Days(loc).Floor(v)
			civil := dayStart.Format(carepath.DateLayout)
			span, _ := SpanOf(civil, loc)
			inDates := false
			for _, r := range DateRanges(d.Ranges(Days(loc), now), loc) {
				inDates = inDates || r.Contains(civil)
			}
			if want := d.Matches(span, now); inDates != want {
				t.Fatalf("days in %v: %s%v..%v against %s: ranges %v, matches %v", loc, d.Prefix, d.Lo, d.Hi, civil, inDates, want)
			}
		}
	}
}

func inRanges(rs []carepath.TimeRange, v time.Time) bool {
	for _, r := range rs {
		if r.Contains(v) {
			return true
		}
	}
	return false
}

// randomDate makes a search value near base: a random prefix and a precision from the day to
// the millisecond.
func randomDate(rng *rand.Rand, base time.Time, loc *time.Location) Date {
	at := base.Add(time.Duration(rng.Int64N(int64(72 * time.Hour)))).In(loc)
	var s string
	switch rng.IntN(5) {
	case 0:
		s = at.Format("2006-01-02")
	case 1:
		s = at.Format("2006-01-02T15:04")
	case 2:
		s = at.Format("2006-01-02T15:04:05Z07:00")
	case 3:
		s = at.Format("2006-01-02T15:04:05.000Z07:00")
	default:
		s = at.Format("2006-01")
	}
	d, err := ParseDate(string(prefixes[rng.IntN(len(prefixes))])+s, loc)
	if err != nil {
		panic(err)
	}
	return d
}

// FuzzParseDate checks that ParseDate never panics and that every range it returns is
// non-empty.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024", "ge2024-03", "2024-03-10T10:15:30.25Z", "ap2024-02-29", "eq2024-13", "2024-03-10T10:15:30+14:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s, chicago)
		if err == nil && !d.Lo.Before(d.Hi) {
			t.Errorf("ParseDate(%q) = empty range %v..%v", s, d.Lo, d.Hi)
		}
	})
}
