package delivery

import (
	"testing"
	"time"
)

func TestDateAtDaylightSaving(t *testing.T) {
	ny := mustLoc(t, "America/New_York")
	london := mustLoc(t, "Europe/London")
	tests := []struct {
		name string
		date string
		c    Clock
		loc  *time.Location
		want string
	}{
		{"NY winter", "2026-03-07", Clock{9, 0}, ny, "2026-03-07T09:00:00-05:00"},
		{"NY spring-forward day, normal hour", "2026-03-08", Clock{9, 0}, ny, "2026-03-08T09:00:00-04:00"},
		{"NY skipped 02:30 shifts forward by the gap", "2026-03-08", Clock{2, 30}, ny, "2026-03-08T03:30:00-04:00"},
		{"NY 01:59 before the gap", "2026-03-08", Clock{1, 59}, ny, "2026-03-08T01:59:00-05:00"},
		{"NY 03:00 just after the gap", "2026-03-08", Clock{3, 0}, ny, "2026-03-08T03:00:00-04:00"},
		{"NY fall-back repeated 01:30 is the earlier (EDT)", "2026-11-01", Clock{1, 30}, ny, "2026-11-01T01:30:00-04:00"},
		{"NY fall-back day 09:00", "2026-11-01", Clock{9, 0}, ny, "2026-11-01T09:00:00-05:00"},
		{"NY midnight before fall-back", "2026-11-01", Clock{0, 0}, ny, "2026-11-01T00:00:00-04:00"},
		{"London skipped 01:30", "2026-03-29", Clock{1, 30}, london, "2026-03-29T02:30:00+01:00"},
		{"London repeated 01:30 is the earlier (BST)", "2026-10-25", Clock{1, 30}, london, "2026-10-25T01:30:00+01:00"},
		{"São Paulo 2018: midnight skipped, the day starts at 01:00", "2018-11-04", Clock{0, 0}, mustLoc(t, "America/Sao_Paulo"), "2018-11-04T01:00:00-02:00"},
		{"London winter", "2026-10-26", Clock{18, 0}, london, "2026-10-26T18:00:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := MustDate(tt.date).At(tt.c, tt.loc).Format(time.RFC3339)
			if got != tt.want {
				t.Errorf("At = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestDateArithmetic(t *testing.T) {
	d := MustDate("2026-12-30")
	if got := d.AddDays(3).String(); got != "2027-01-02" {
		t.Errorf("AddDays = %s", got)
	}
	if got := MustDate("2026-03-01").DaysUntil(MustDate("2026-04-01")); got != 31 {
		t.Errorf("DaysUntil = %d", got)
	}
	if !MustDate("2026-01-31").Before(MustDate("2026-02-01")) || MustDate("2026-02-01").Before(MustDate("2026-02-01")) {
		t.Error("Before is wrong")
	}
	if _, err := ParseDate("from", "2026-02-30"); len(fieldsOf(err)) != 1 || fieldsOf(err)[0] != "from" {
		t.Errorf("ParseDate(2026-02-30) = %v", err)
	}
	if c, err := ParseClock("start", "09:30"); err != nil || c != (Clock{9, 30}) || c.String() != "09:30" {
		t.Errorf("ParseClock = %v, %v", c, err)
	}
	if _, err := ParseClock("start", "25:00"); err == nil {
		t.Error("ParseClock(25:00) succeeded")
	}
}

// FuzzDateAt checks At's promises on any day and time in New York: the result falls on the
// asked-for local date, shows the asked-for wall time unless that time was skipped (then it is
// exactly one hour later, New York's gap), and a repeated wall time resolves to the earlier
// instant.
func FuzzDateAt(f *testing.F) {
	f.Add(0, 1, 30)   // 2026-01-01 01:30
	f.Add(66, 2, 30)  // the spring-forward day
	f.Add(304, 1, 30) // the fall-back day
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		f.Skip("no zone database")
	}
	f.Fuzz(func(t *testing.T, day, hour, minute int) {
		if day < 0 || day > 3650 || hour < 0 || hour > 23 || minute < 0 || minute > 59 {
			return
		}
		d := MustDate("2026-01-01").AddDays(day)
		got := d.At(Clock{hour, minute}, ny)
		if DateOf(got) != d {
			t.Fatalf("%s %02d:%02d → %s, another date", d, hour, minute, got)
		}
		asked := time.Date(2000, 1, 1, hour, minute, 0, 0, time.UTC)
		shown := time.Date(2000, 1, 1, got.Hour(), got.Minute(), 0, 0, time.UTC)
		switch shown.Sub(asked) {
		case 0:
			if earlier := got.Add(-time.Hour); earlier.Hour() == hour && earlier.Minute() == minute && DateOf(earlier) == d {
				t.Errorf("%s %02d:%02d → %s, but %s shows the same time earlier", d, hour, minute, got, earlier)
			}
		case time.Hour:
			if back := got.Add(-time.Hour); back.Hour() == hour && back.Minute() == minute {
				t.Errorf("%s %02d:%02d was not skipped but became %s", d, hour, minute, got)
			}
		default:
			t.Errorf("%s %02d:%02d → %s", d, hour, minute, got)
		}
	})
}
