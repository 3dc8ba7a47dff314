package delivery

import (
	"slices"
	"testing"
)

// doseWeek is the fall-back week 2026-W44 in New York (Mon 26 Oct .. Sun 1 Nov, 169 hours)
// for client c1 in a 9-hour IOP.
func doseWeek(t *testing.T) (Program, []Session, []Attendance) {
	p := Program{Level: "iop", Loc: mustLoc(t, "America/New_York"), MinMinutesPerWeek: 9 * 60}
	ss := []Session{
		{ID: "before", Kind: KindIndividual, Start: at(t, "2026-10-25T23:30:00-04:00"), Minutes: 50, ClientIDs: []string{"c1"}},
		{ID: "g1:2026-10-26", Kind: KindGroup, Start: at(t, "2026-10-26T09:00:00-04:00"), Minutes: 180, ClientIDs: []string{"c1", "c2"}},
		{ID: "i1", Kind: KindIndividual, Start: at(t, "2026-10-27T10:00:00-04:00"), Minutes: 50, ClientIDs: []string{"c1"}},
		{ID: "g1:2026-10-28", Kind: KindGroup, Start: at(t, "2026-10-28T09:00:00-04:00"), Minutes: 180, ClientIDs: []string{"c1", "c2"}},
		{ID: "m1", Kind: KindMedication, Start: at(t, "2026-10-29T15:00:00-04:00"), Minutes: 30, ClientIDs: []string{"c1"}},
		{ID: "g1:2026-10-30", Kind: KindGroup, Start: at(t, "2026-10-30T09:00:00-04:00"), Minutes: 180, ClientIDs: []string{"c1", "c2"}},
		// Sunday 23:30 EST, after the clocks went back: 04:30 UTC on Monday, still this week.
		{ID: "f1", Kind: KindFamily, Start: at(t, "2026-11-01T23:30:00-05:00"), Minutes: 60, ClientIDs: []string{"c1"}},
		{ID: "after", Kind: KindIndividual, Start: at(t, "2026-11-02T00:30:00-05:00"), Minutes: 50, ClientIDs: []string{"c1"}},
	}
	as := []Attendance{
		{"before", "c1", Present, 50},
		{"g1:2026-10-26", "c1", Present, 180},
		{"g1:2026-10-26", "c2", Present, 180},
		{"i1", "c1", Present, 50},
		{"g1:2026-10-28", "c1", Late, 150},
		{"m1", "c1", AbsentExcused, 0},
		{"g1:2026-10-30", "c1", LeftEarly, 120},
		{"f1", "c1", Present, 60},
		{"after", "c1", Present, 50},
	}
	return p, ss, as
}

func TestComputeDose(t *testing.T) {
	p, ss, as := doseWeek(t)
	week, _ := ParseISOWeek("week", "2026-W44")
	// Hand count: group 180 + 150 + 120 = 450, individual 50, family 60, medication absent = 0;
	// 560 minutes against 540 required: met. "before" and "after" fall outside the week.
	d := ComputeDose(p, "c1", week, ss, as)
	if d.RequiredMinutes != 540 || d.DeliveredMinutes != 560 || !d.Met || d.Scheduled != 6 {
		t.Errorf("dose = %+v", d)
	}
	if want := (KindCounts{Group: 3, Individual: 1, Family: 1}); d.Sessions != want {
		t.Errorf("sessions = %v, want %v", d.Sessions, want)
	}
	if want := (KindCounts{Group: 450, Individual: 50, Family: 60}); d.Minutes != want || d.Minutes.Of(KindGroup) != 450 {
		t.Errorf("minutes = %v, want %v", d.Minutes, want)
	}
	// Without the family session the week falls short: 500 < 540.
	d = ComputeDose(p, "c1", week, ss[:6], as)
	if d.DeliveredMinutes != 500 || d.Met {
		t.Errorf("short week = %+v", d)
	}
	// WeeklyDoses agrees with ComputeDose for every client-week.
	all := WeeklyDoses(p, ISOWeek{2026, 43}, ISOWeek{2026, 45}, ss, as)
	var got []string
	for _, wd := range all {
		got = append(got, wd.ClientID+" "+wd.Week.String())
		one := ComputeDose(p, wd.ClientID, wd.Week, ss, as)
		if one.DeliveredMinutes != wd.DeliveredMinutes || one.Scheduled != wd.Scheduled || one.Minutes != wd.Minutes {
			t.Errorf("%s %s: WeeklyDoses %+v, ComputeDose %+v", wd.ClientID, wd.Week, wd, one)
		}
	}
	if want := []string{"c1 2026-W43", "c1 2026-W44", "c1 2026-W45", "c2 2026-W44"}; !slices.Equal(got, want) {
		t.Errorf("client-weeks = %v, want %v", got, want)
	}
}

func TestAttendanceValidate(t *testing.T) {
	tests := []struct {
		a      Attendance
		fields []string
	}{
		{Attendance{Status: Present, Minutes: 180}, nil},
		{Attendance{Status: Late, Minutes: 0}, nil},
		{Attendance{Status: LeftEarly, Minutes: 90}, nil},
		{Attendance{Status: AbsentExcused}, nil},
		{Attendance{Status: AbsentUnexcused}, nil},
		{Attendance{Status: Present, Minutes: 181}, []string{"minutes"}},
		{Attendance{Status: Present, Minutes: -1}, []string{"minutes"}},
		{Attendance{Status: AbsentUnexcused, Minutes: 10}, []string{"minutes"}},
		{Attendance{Status: "tardy", Minutes: 10}, []string{"status"}},
	}
	for _, tt := range tests {
		if got := fieldsOf(tt.a.Validate(180)); !slices.Equal(got, tt.fields) {
			t.Errorf("%+v: fields %v, want %v", tt.a, got, tt.fields)
		}
	}
}
