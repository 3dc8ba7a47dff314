package outcome

import (
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/instrument"
)

// A weekly schedule asks for measures on the admission day and every seventh day after, each
// within three days either side; a date is due from its day until its window closes, a measure
// in the window (even early) keeps it, one outside does not, and a date whose window closed is
// missed rather than due.
func TestDueNow(t *testing.T) {
	admitted := time.Date(2026, 3, 2, 15, 0, 0, 0, time.UTC)
	s := DefaultSchedule(carepath.LevelIOP, admitted, false, time.UTC)
	day := func(d int) time.Time { return admitted.AddDate(0, 0, d) }
	phq := func(d int) Measure { return Measure{Instrument: instrument.PHQ9, TakenAt: day(d)} }
	for _, c := range []struct {
		name     string
		now      int
		measures []Measure
		want     []int // days after admission of the dates due now
	}{
		{"admission day, nothing answered", 0, nil, []int{0}},
		{"admission answered", 1, []Measure{phq(0)}, nil},
		{"next date not yet come", 4, []Measure{phq(0)}, nil},
		{"a week in", 7, []Measure{phq(0)}, []int{7}},
		{"two days late, window open", 9, []Measure{phq(0)}, []int{7}},
		{"answered early in the window", 8, []Measure{phq(0), phq(5)}, nil},
		{"answered before the window", 8, []Measure{phq(0), phq(3)}, []int{7}},
		{"a closed window is missed, not due", 11, []Measure{phq(0)}, nil},
	} {
		got := s.DueNow(c.measures, day(c.now))
		if len(got) != len(c.want) {
			t.Errorf("%s: %d due (%v), want %v", c.name, len(got), got, c.want)
			continue
		}
		for i, d := range got {
			if want := admitted.Truncate(24*time.Hour).AddDate(0, 0, c.want[i]); !d.On.Equal(want) {
				t.Errorf("%s: due %v, want %v", c.name, d.On, want)
			}
		}
	}
}
