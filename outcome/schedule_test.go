package outcome

import (
	"slices"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/instrument"
)

// date is midnight UTC on the given day of 2026.
func date(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }

// dueList formats due dates as "MM-DD kind".
func dueList(ds []Due) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.On.Format("01-02")+" "+string(d.Kind))
	}
	return out
}

func TestDefaultSchedule(t *testing.T) {
	tests := []struct {
		level carepath.Level
		every int
	}{
		{carepath.LevelIOP, 7}, {carepath.LevelOutpatient, 14}, {carepath.LevelPHP, 7}, {carepath.LevelNone, 0},
	}
	for _, tt := range tests {
		s := DefaultSchedule(tt.level, date(3, 2), false, nil)
		if s.EveryDays != tt.every {
			t.Errorf("%s every %d days, want %d", tt.level, s.EveryDays, tt.every)
		}
	}
	plain := DefaultSchedule(carepath.LevelIOP, date(3, 2), false, nil)
	su := DefaultSchedule(carepath.LevelIOP, date(3, 2), true, nil)
	if !slices.Equal(plain.Repeated, []instrument.ID{instrument.PHQ9, instrument.GAD7}) ||
		!slices.Equal(plain.Bookends, []instrument.ID{instrument.AUDITC}) {
		t.Errorf("plain schedule %v %v", plain.Repeated, plain.Bookends)
	}
	if !slices.Equal(su.Repeated, []instrument.ID{instrument.PHQ9, instrument.GAD7, CheckInID}) ||
		!slices.Equal(su.Bookends, []instrument.ID{instrument.AUDIT, instrument.DAST10}) {
		t.Errorf("substance-use schedule %v %v", su.Repeated, su.Bookends)
	}
	if err := su.Validate(); err != nil {
		t.Errorf("default schedule invalid: %v", err)
	}
}

func TestScheduleValidate(t *testing.T) {
	s := Schedule{Admitted: date(3, 10), Discharged: date(3, 9), EveryDays: 7, GraceDays: 4,
		Repeated: nil, Bookends: []instrument.ID{"nope"}}
	var fields []string
	for _, f := range carepath.ErrorFields(s.Validate()) {
		fields = append(fields, f.Field)
	}
	want := []string{"discharged", "grace_days", "repeated", "bookends[0]"}
	if !slices.Equal(fields, want) {
		t.Errorf("fields %v, want %v", fields, want)
	}
}

func TestDueDates(t *testing.T) {
	iop := DefaultSchedule(carepath.LevelIOP, date(3, 2).Add(14*time.Hour), true, nil)
	got := dueList(iop.DueDates(date(3, 1), date(3, 31)))
	want := []string{"03-02 admission", "03-09 routine", "03-16 routine", "03-23 routine", "03-30 routine"}
	if !slices.Equal(got, want) {
		t.Errorf("open IOP: %v, want %v", got, want)
	}
	if d := iop.DueDates(date(3, 1), date(3, 3)); len(d[0].Instruments) != 5 {
		t.Errorf("admission asks %v", d[0].Instruments)
	}
	// Discharged on 03-25: the routine date 03-23 is within the 3-day grace and gives way.
	iop.Discharged = date(3, 25)
	got = dueList(iop.DueDates(date(3, 10), date(4, 30)))
	want = []string{"03-16 routine", "03-25 discharge"}
	if !slices.Equal(got, want) {
		t.Errorf("discharged IOP: %v, want %v", got, want)
	}
	// At discharge the check-in's 30-day window replaces the AUDIT and DAST-10, which look
	// back a year.
	if d := iop.DueDates(date(3, 25), date(3, 25)); !slices.Equal(d[0].Instruments, []instrument.ID{instrument.PHQ9, instrument.GAD7, CheckInID}) {
		t.Errorf("discharge asks %v", d[0].Instruments)
	}
	plain := DefaultSchedule(carepath.LevelIOP, date(3, 2), false, nil)
	plain.Discharged = date(3, 25)
	if d := plain.DueDates(date(3, 25), date(3, 25)); !slices.Equal(d[0].Instruments, []instrument.ID{instrument.PHQ9, instrument.GAD7, CheckInID}) {
		t.Errorf("discharge without substance use asks %v, want the check-in in place of the AUDIT-C", d[0].Instruments)
	}
	if d := plain.DueDates(date(3, 2), date(3, 2)); !slices.Contains(d[0].Instruments, instrument.AUDITC) {
		t.Errorf("admission asks %v", d[0].Instruments)
	}
	// A bookend that looks back no further than the window stays at discharge.
	short := Schedule{Admitted: date(3, 2), Discharged: date(3, 25), EveryDays: 7, GraceDays: 3,
		Repeated: []instrument.ID{instrument.PHQ9}, Bookends: []instrument.ID{instrument.GAD7}}
	if d := short.DueDates(date(3, 25), date(3, 25)); !slices.Equal(d[0].Instruments, []instrument.ID{instrument.PHQ9, instrument.GAD7}) {
		t.Errorf("discharge asks %v", d[0].Instruments)
	}
	// Outpatient: every two weeks.
	op := DefaultSchedule(carepath.LevelOutpatient, date(3, 2), false, nil)
	got = dueList(op.DueDates(date(3, 2), date(4, 13)))
	want = []string{"03-02 admission", "03-16 routine", "03-30 routine", "04-13 routine"}
	if !slices.Equal(got, want) {
		t.Errorf("outpatient: %v, want %v", got, want)
	}
	// Days are counted in the program's zone: 02:00 UTC on 03-03 is still 03-02 in Chicago.
	chi, err := time.LoadLocation("America/Chicago")
	if err != nil {
		t.Skip("no zone data")
	}
	z := DefaultSchedule(carepath.LevelIOP, time.Date(2026, 3, 3, 2, 0, 0, 0, time.UTC), false, chi)
	// 7 days later crosses the DST change of 03-08 and is still one date a week.
	// from and to are read in the zone too.
	got = dueList(z.DueDates(time.Date(2026, 3, 1, 0, 0, 0, 0, chi), time.Date(2026, 3, 16, 23, 0, 0, 0, chi)))
	want = []string{"03-02 admission", "03-09 routine", "03-16 routine"}
	if !slices.Equal(got, want) {
		t.Errorf("Chicago: %v, want %v", got, want)
	}
}

func TestMissed(t *testing.T) {
	s := DefaultSchedule(carepath.LevelIOP, date(3, 2), false, nil) // due 03-02, 03-09, 03-16, 03-23, 03-30
	at := func(id instrument.ID, m time.Month, d int) Measure {
		return Measure{Instrument: id, TakenAt: date(m, d).Add(10 * time.Hour)}
	}
	tests := []struct {
		name     string
		measures []Measure
		now      time.Time
		want     int
	}{
		{"nothing yet, admission window open", nil, date(3, 5), 0},
		{"admission missed", nil, date(3, 6), 1},
		{"all kept", []Measure{at("phq9", 3, 2), at("gad7", 3, 10), at("phq9", 3, 15)}, date(3, 20), 0},
		// 03-16 window closes after 03-19; 03-09 missed too, 03-02 kept.
		{"two missed", []Measure{at("phq9", 3, 2)}, date(3, 20), 2},
		// 03-23's window is still open on 03-26: it does not count either way.
		{"open window ignored", []Measure{at("phq9", 3, 2)}, date(3, 26), 2},
		{"three missed", []Measure{at("phq9", 3, 2)}, date(3, 27), 3},
		// Taken 3 days late still counts; 4 days late does not.
		{"grace late edge", []Measure{at("phq9", 3, 2), at("phq9", 3, 12)}, date(3, 13), 0},
		{"past grace", []Measure{at("phq9", 3, 2), at("phq9", 3, 13)}, date(3, 14), 1},
		// Taken 3 days early counts.
		{"grace early edge", []Measure{at("phq9", 3, 2), at("gad7", 3, 6)}, date(3, 13), 0},
		// A kept date in between resets the count.
		{"reset", []Measure{at("phq9", 3, 9)}, date(3, 27), 2},
		// An instrument not due does not keep a date.
		{"wrong instrument", []Measure{at("phq9", 3, 2), at("dast10", 3, 9)}, date(3, 13), 1},
	}
	for _, tt := range tests {
		if got := s.Missed(tt.measures, tt.now); got != tt.want {
			t.Errorf("%s: Missed = %d, want %d", tt.name, got, tt.want)
		}
	}
}
