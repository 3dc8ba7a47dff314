package delivery

import (
	"testing"
	"time"
)

func TestParseISOWeek(t *testing.T) {
	// 2026 starts on a Thursday, so it has 53 ISO weeks; 2027 starts on a Friday and has 52;
	// 2020 is a leap year starting on a Wednesday, so it has 53 too.
	tests := []struct {
		in             string
		ok             bool
		monday, sunday string
	}{
		{"2026-W01", true, "2025-12-29", "2026-01-04"},
		{"2026-W10", true, "2026-03-02", "2026-03-08"},
		{"2026-W48", true, "2026-11-23", "2026-11-29"},
		{"2026-W53", true, "2026-12-28", "2027-01-03"},
		{"2027-W01", true, "2027-01-04", "2027-01-10"},
		{"2027-W52", true, "2027-12-27", "2028-01-02"},
		{"2027-W53", false, "", ""},
		{"2020-W53", true, "2020-12-28", "2021-01-03"},
		{"2021-W53", false, "", ""},
		{"2026-W00", false, "", ""},
		{"2026-W1", false, "", ""},
		{"2026W48", false, "", ""},
		{"2026-w48", false, "", ""},
		{"26-W48", false, "", ""},
		{"2026-W+1", false, "", ""},
		{"", false, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			w, err := ParseISOWeek("week", tt.in)
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v, want ok %v", err, tt.ok)
			}
			if !tt.ok {
				if f := fieldsOf(err); len(f) != 1 || f[0] != "week" {
					t.Errorf("fields = %v", f)
				}
				return
			}
			if w.String() != tt.in || w.Monday().String() != tt.monday || w.Sunday().String() != tt.sunday {
				t.Errorf("%s: Monday %s Sunday %s, want %s %s", w, w.Monday(), w.Sunday(), tt.monday, tt.sunday)
			}
			// Every day of the week maps back to the same ISO week.
			for i := 0; i < 7; i++ {
				if got := WeekOfDate(w.Monday().AddDays(i)); got != w {
					t.Errorf("day %d is in %s", i, got)
				}
			}
		})
	}
	if n := (ISOWeek{2026, 53}).Next(); n != (ISOWeek{2027, 1}) {
		t.Errorf("2026-W53 + 1 = %s", n)
	}
	if n := (ISOWeek{2027, 52}).Next(); n != (ISOWeek{2028, 1}) {
		t.Errorf("2027-W52 + 1 = %s", n)
	}
}

func TestISOWeekBoundsAcrossDaylightSaving(t *testing.T) {
	ny := mustLoc(t, "America/New_York")
	london := mustLoc(t, "Europe/London")
	tests := []struct {
		week       string
		loc        *time.Location
		start, end string
		hours      float64
	}{
		{"2026-W10", ny, "2026-03-02T00:00:00-05:00", "2026-03-09T00:00:00-04:00", 167},
		{"2026-W11", ny, "2026-03-09T00:00:00-04:00", "2026-03-16T00:00:00-04:00", 168},
		{"2026-W44", ny, "2026-10-26T00:00:00-04:00", "2026-11-02T00:00:00-05:00", 169},
		{"2026-W13", london, "2026-03-23T00:00:00Z", "2026-03-30T00:00:00+01:00", 167},
		{"2026-W43", london, "2026-10-19T00:00:00+01:00", "2026-10-26T00:00:00Z", 169},
		{"2026-W53", ny, "2026-12-28T00:00:00-05:00", "2027-01-04T00:00:00-05:00", 168},
	}
	for _, tt := range tests {
		t.Run(tt.week+" "+tt.loc.String(), func(t *testing.T) {
			w, err := ParseISOWeek("week", tt.week)
			if err != nil {
				t.Fatal(err)
			}
			s, e := w.Bounds(tt.loc)
			if s.Format(time.RFC3339) != tt.start || e.Format(time.RFC3339) != tt.end || e.Sub(s).Hours() != tt.hours {
				t.Errorf("bounds %s .. %s (%v h), want %s .. %s (%v h)", s.Format(time.RFC3339), e.Format(time.RFC3339), e.Sub(s).Hours(), tt.start, tt.end, tt.hours)
			}
		})
	}
	// A session late on Sunday 2026-W53 in New York is already Monday in UTC, but still W53.
	if w := WeekOf(at(t, "2027-01-04T03:00:00Z"), ny); w != (ISOWeek{2026, 53}) {
		t.Errorf("WeekOf = %s, want 2026-W53", w)
	}
}

func FuzzParseISOWeek(f *testing.F) {
	for _, s := range []string{"2026-W48", "2026-W53", "2027-W53", "0001-W01", "9999-W52", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w, err := ParseISOWeek("week", s)
		if err != nil {
			return
		}
		if w.String() != s {
			t.Errorf("%q parsed to %s", s, w)
		}
		if got := WeekOfDate(w.Monday()); got != w {
			t.Errorf("%s Monday %s is in %s", w, w.Monday(), got)
		}
	})
}
