package delivery

import (
	"slices"
	"testing"
	"time"

	"github.com/carepath/carepath"
)

var monWedFri = []time.Weekday{time.Monday, time.Wednesday, time.Friday}

func TestWeeklyValidate(t *testing.T) {
	ok := Weekly{Days: monWedFri, Start: Clock{9, 0}, Minutes: 180, From: MustDate("2026-03-02")}
	tests := []struct {
		name   string
		edit   func(w *Weekly)
		fields []string
	}{
		{"valid open-ended", func(w *Weekly) {}, nil},
		{"valid with end", func(w *Weekly) { w.Until = MustDate("2026-06-01") }, nil},
		{"no days never occurs", func(w *Weekly) { w.Days = nil }, []string{"days"}},
		{"end before start never occurs", func(w *Weekly) { w.Until = MustDate("2026-03-01") }, []string{"until"}},
		{"end before first chosen weekday", func(w *Weekly) {
			w.Days = []time.Weekday{time.Friday}
			w.Until = MustDate("2026-03-05") // Mon 2 .. Thu 5 has no Friday
		}, []string{"until"}},
		{"end on the only day", func(w *Weekly) { w.Until = w.From }, nil},
		{"bad weekday", func(w *Weekly) { w.Days = []time.Weekday{9} }, []string{"days"}},
		{"bad start", func(w *Weekly) { w.Start = Clock{24, 0} }, []string{"start"}},
		{"zero minutes", func(w *Weekly) { w.Minutes = 0 }, []string{"minutes"}},
		{"too long", func(w *Weekly) { w.Minutes = MaxSessionMinutes + 1 }, []string{"minutes"}},
		{"no from", func(w *Weekly) { w.From = Date{} }, []string{"from"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := ok
			tt.edit(&w)
			err := w.Validate()
			if got := fieldsOf(err); !slices.Equal(got, tt.fields) {
				t.Errorf("fields = %v, want %v (err %v)", got, tt.fields, err)
			}
			if err != nil && carepath.ErrorCode(err) != carepath.EINVALID {
				t.Errorf("code = %s", carepath.ErrorCode(err))
			}
		})
	}
}

func starts(os []Occurrence) []string {
	var out []string
	for _, o := range os {
		out = append(out, o.Start.Format(time.RFC3339))
	}
	return out
}

func TestOccurrencesAcrossDaylightSaving(t *testing.T) {
	ny := mustLoc(t, "America/New_York")
	london := mustLoc(t, "Europe/London")
	tests := []struct {
		name     string
		w        Weekly
		loc      *time.Location
		from, to string // civil dates, local midnight; to exclusive
		want     []string
	}{
		{"NY spring forward keeps 09:00 local",
			Weekly{Days: []time.Weekday{time.Saturday, time.Sunday, time.Monday}, Start: Clock{9, 0}, Minutes: 60, From: MustDate("2026-01-01")},
			ny, "2026-03-07", "2026-03-10",
			[]string{"2026-03-07T09:00:00-05:00", "2026-03-08T09:00:00-04:00", "2026-03-09T09:00:00-04:00"}},
		{"NY fall back keeps 18:00 local",
			Weekly{Days: []time.Weekday{time.Saturday, time.Sunday, time.Monday}, Start: Clock{18, 0}, Minutes: 90, From: MustDate("2026-01-01")},
			ny, "2026-10-31", "2026-11-03",
			[]string{"2026-10-31T18:00:00-04:00", "2026-11-01T18:00:00-05:00", "2026-11-02T18:00:00-05:00"}},
		{"NY 02:30 on the spring-forward Sunday moves to 03:30, other Sundays stay",
			Weekly{Days: []time.Weekday{time.Sunday}, Start: Clock{2, 30}, Minutes: 60, From: MustDate("2026-03-01")},
			ny, "2026-03-01", "2026-03-16",
			[]string{"2026-03-01T02:30:00-05:00", "2026-03-08T03:30:00-04:00", "2026-03-15T02:30:00-04:00"}},
		{"London spring forward",
			Weekly{Days: []time.Weekday{time.Sunday, time.Monday}, Start: Clock{10, 0}, Minutes: 60, From: MustDate("2026-03-01")},
			london, "2026-03-29", "2026-03-31",
			[]string{"2026-03-29T10:00:00+01:00", "2026-03-30T10:00:00+01:00"}},
		{"London fall back",
			Weekly{Days: []time.Weekday{time.Saturday, time.Sunday}, Start: Clock{10, 0}, Minutes: 60, From: MustDate("2026-03-01")},
			london, "2026-10-24", "2026-10-26",
			[]string{"2026-10-24T10:00:00+01:00", "2026-10-25T10:00:00Z"}},
		{"from and until are inclusive dates",
			Weekly{Days: monWedFri, Start: Clock{9, 0}, Minutes: 180, From: MustDate("2026-03-04"), Until: MustDate("2026-03-09")},
			ny, "2026-03-01", "2026-03-31",
			[]string{"2026-03-04T09:00:00-05:00", "2026-03-06T09:00:00-05:00", "2026-03-09T09:00:00-04:00"}},
		{"window before the first date is empty",
			Weekly{Days: monWedFri, Start: Clock{9, 0}, Minutes: 180, From: MustDate("2026-04-01")},
			ny, "2026-03-01", "2026-03-31", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from, to := MustDate(tt.from).Midnight(tt.loc), MustDate(tt.to).Midnight(tt.loc)
			got := tt.w.Occurrences("g1", tt.loc, from, to)
			if s := starts(got); !slices.Equal(s, tt.want) {
				t.Fatalf("starts = %v\nwant     %v", s, tt.want)
			}
			for _, o := range got {
				if o.ID != OccurrenceID("g1", o.Date) || o.Minutes != tt.w.Minutes {
					t.Errorf("occurrence %+v", o)
				}
			}
		})
	}
}

func TestOccurrencesIDsAreStable(t *testing.T) {
	ny := mustLoc(t, "America/New_York")
	w := Weekly{Days: monWedFri, Start: Clock{9, 0}, Minutes: 180, From: MustDate("2026-03-02")}
	wide := w.Occurrences("g1", ny, at(t, "2026-03-01T00:00:00Z"), at(t, "2026-04-01T00:00:00Z"))
	narrow := w.Occurrences("g1", ny, at(t, "2026-03-09T13:00:00Z"), at(t, "2026-03-09T13:00:01Z"))
	if len(narrow) != 1 || narrow[0].ID != "g1:2026-03-09" {
		t.Fatalf("narrow = %+v", narrow)
	}
	if i := slices.IndexFunc(wide, func(o Occurrence) bool { return o.ID == narrow[0].ID }); i < 0 || !wide[i].Start.Equal(narrow[0].Start) {
		t.Errorf("the same occurrence has a different id or start in a wider window")
	}
	if len(wide) != 13 {
		t.Errorf("March 2026 from the 2nd has %d Mon/Wed/Fri, want 13", len(wide))
	}
}

func TestSeriesExceptions(t *testing.T) {
	ny := mustLoc(t, "America/New_York")
	s := Series{ID: "g1", Recurrence: Weekly{Days: monWedFri, Start: Clock{9, 0}, Minutes: 180, From: MustDate("2026-03-02")},
		Cancelled: []Date{MustDate("2026-03-04")},
		Moves: []Move{
			{Date: MustDate("2026-03-06"), Start: at(t, "2026-03-07T10:00:00-05:00"), Minutes: 120},
			// Moved from outside the window into it.
			{Date: MustDate("2026-03-16"), Start: at(t, "2026-03-10T13:00:00-04:00")},
		}}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	got := s.Occurrences(ny, MustDate("2026-03-02").Midnight(ny), MustDate("2026-03-11").Midnight(ny))
	type row struct {
		id, start string
		min       int
		moved     bool
	}
	var rows []row
	for _, o := range got {
		rows = append(rows, row{o.ID, o.StartText(), o.Minutes, o.Moved})
	}
	want := []row{
		{"g1:2026-03-02", "2026-03-02T09:00:00-05:00", 180, false},
		// 03-04 cancelled.
		{"g1:2026-03-06", "2026-03-07T10:00:00-05:00", 120, true},
		{"g1:2026-03-09", "2026-03-09T09:00:00-04:00", 180, false},
		{"g1:2026-03-16", "2026-03-10T13:00:00-04:00", 180, true},
	}
	if !slices.Equal(rows, want) {
		t.Errorf("occurrences\n got %v\nwant %v", rows, want)
	}

	bad := s
	bad.Cancelled = []Date{MustDate("2026-03-03")} // a Tuesday
	bad.Moves = []Move{{Date: MustDate("2026-03-02")}, {Date: MustDate("2026-03-02"), Start: at(t, "2026-03-02T10:00:00-05:00"), Minutes: -1}}
	want2 := []string{"cancelled[0]", "moves[0].start", "moves[1].minutes", "moves[1].date"}
	if got := fieldsOf(bad.Validate()); !slices.Equal(got, want2) {
		t.Errorf("fields = %v, want %v", got, want2)
	}
}
