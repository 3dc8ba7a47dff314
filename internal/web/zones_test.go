package web

import (
	"testing"
	"time"
)

// A session's hours name their zone; across the autumn change, when 01:30 comes twice, each
// end names its own abbreviation, so a session never reads "01:30–01:30".
func TestClockSpanAcrossDaylightSaving(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	// 1 November 2026: clocks go back from 02:00 PDT to 01:00 PST.
	firstHalfPast := time.Date(2026, 11, 1, 8, 30, 0, 0, time.UTC) // 01:30 PDT
	for _, c := range []struct {
		start   time.Time
		minutes int
		want    string
	}{
		{time.Date(2026, 12, 7, 17, 0, 0, 0, time.UTC), 180, "09:00–12:00 PST"},
		{time.Date(2026, 7, 7, 16, 0, 0, 0, time.UTC), 50, "09:00–09:50 PDT"},
		{firstHalfPast, 60, "01:30 PDT–01:30 PST"},
		{firstHalfPast.Add(-30 * time.Minute), 50, "01:00–01:50 PDT"}, // before the change: one abbreviation
	} {
		if got := clockSpan(c.start, c.minutes, la); got != c.want {
			t.Errorf("clockSpan(%v, %d) = %q, want %q", c.start, c.minutes, got, c.want)
		}
	}
	if got := daySpan(firstHalfPast, 60, la); got != "Sunday 1 November 2026, 01:30 PDT–01:30 PST" {
		t.Errorf("daySpan = %q", got)
	}
	if got := instantText(firstHalfPast.Add(time.Hour), la); got != "2026-11-01 01:30 PST" {
		t.Errorf("instantText = %q", got)
	}
	if got := instantText(time.Time{}, la); got != "—" {
		t.Errorf("zero instant = %q", got)
	}
}
