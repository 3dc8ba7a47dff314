package delivery

import (
	"fmt"
	"slices"
	"testing"
)

func TestAbsenceAlerts(t *testing.T) {
	ny := mustLoc(t, "America/New_York")
	var ss []Session
	for i := range 8 {
		ss = append(ss, Session{ID: fmt.Sprintf("s%d", i), Kind: KindGroup, Start: MustDate("2026-03-02").AddDays(i).At(Clock{9, 0}, ny), Minutes: 180})
	}
	u, e, p := AbsentUnexcused, AbsentExcused, Present
	tests := []struct {
		name     string
		statuses []Status // for s0, s1, …; "" means no record yet
		want     [][]string
	}{
		{"none", []Status{p, u, p, u, p}, nil},
		{"two in a row", []Status{p, u, u, p}, [][]string{{"s1", "s2"}}},
		{"a run of three is one alert", []Status{u, u, u, p}, [][]string{{"s0", "s1", "s2"}}},
		{"an excused absence breaks the run", []Status{u, e, u, p}, nil},
		{"an unrecorded session neither breaks nor extends", []Status{u, "", u, p}, [][]string{{"s0", "s2"}}},
		{"two runs", []Status{u, u, p, p, u, u}, [][]string{{"s0", "s1"}, {"s4", "s5"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var as []Attendance
			for i, st := range tt.statuses {
				if st != "" {
					as = append(as, Attendance{SessionID: ss[i].ID, ClientID: "c1", Status: st})
				}
			}
			// Records in any order; another client's record does not interfere.
			slices.Reverse(as)
			as = append(as, Attendance{SessionID: "s1", ClientID: "c2", Status: AbsentUnexcused})
			var got [][]string
			for _, a := range AbsenceAlerts(ss, as) {
				if a.Kind != AlertUnexcusedAbsences || a.ClientID != "c1" {
					t.Errorf("alert %+v", a)
				}
				got = append(got, a.SessionIDs)
			}
			if !slices.EqualFunc(got, tt.want, slices.Equal) {
				t.Errorf("alerts = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestDoseAlerts(t *testing.T) {
	p, ss, as := doseWeek(t)
	doses := WeeklyDoses(p, ISOWeek{2026, 44}, ISOWeek{2026, 44}, ss[:6], as) // no family session: c1 500 min, c2 180
	// W44 ends at 2026-11-02 00:00 EST = 05:00 UTC.
	if got := DoseAlerts(p, doses, at(t, "2026-11-02T04:59:59Z")); len(got) != 0 {
		t.Errorf("alerts before the week ended: %+v", got)
	}
	got := DoseAlerts(p, doses, at(t, "2026-11-02T05:00:00Z"))
	if len(got) != 2 || got[0].ClientID != "c1" || got[1].ClientID != "c2" {
		t.Fatalf("alerts = %+v", got)
	}
	if got[0].Kind != AlertBelowMinimum || got[0].Week != (ISOWeek{2026, 44}) || !got[0].At.Equal(at(t, "2026-11-02T05:00:00Z")) {
		t.Errorf("alert = %+v", got[0])
	}
	if want := "Week 2026-W44 ended with 8 h 20 min of the 9 h required."; got[0].Message != want {
		t.Errorf("message %q, want %q", got[0].Message, want)
	}
}
