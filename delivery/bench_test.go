package delivery

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// benchProgram is a year (2026-W01 .. 2026-W52) of a 300-client IOP in New York: 40 groups
// meeting three times a week for 3 hours (9 hours: the IOP minimum), each client on one
// group (with dated roster changes), one 50-minute individual session per client-week, attendance for every session,
// 25 clinicians with some turnover. It is built with this package's own functions.
func benchProgram(b testing.TB) QualityInput { return benchProgramN(b, 1) }

// benchProgramN is benchProgram with each client on groupsEach groups (1 to 3).
func benchProgramN(b testing.TB, groupsEach int) QualityInput {
	ny := mustLoc(b, "America/New_York")
	rng := rand.New(rand.NewPCG(1, 2))
	from, to := ISOWeek{2026, 1}, ISOWeek{2026, 52}
	start, _ := from.Bounds(ny)
	_, end := to.Bounds(ny)
	in := QualityInput{Program: Program{Level: "iop", Loc: ny, MinMinutesPerWeek: 540}, From: from, To: to}
	status := func() (Status, float64) {
		switch r := rng.IntN(20); {
		case r < 15:
			return Present, 1
		case r < 17:
			return Late, 0.8
		case r < 18:
			return LeftEarly, 0.6
		case r < 19:
			return AbsentExcused, 0
		}
		return AbsentUnexcused, 0
	}
	types := []GroupType{GroupProcess, GroupPsychoeducation, GroupSkills, GroupRelapsePrevention, GroupFamily}
	days := [][]time.Weekday{{time.Monday, time.Wednesday, time.Friday}, {time.Tuesday, time.Thursday, time.Saturday}}
	for g := range 40 {
		var r Roster
		for c := range 300 {
			if c%40 == g || (groupsEach > 1 && (c+7)%40 == g) || (groupsEach > 2 && (c+19)%40 == g) {
				id := fmt.Sprintf("c%03d", c)
				_ = r.Add(id, MustDate("2026-01-01").AddDays(c%60))
				if c%10 == 0 {
					_ = r.Remove(id, MustDate("2026-09-01").AddDays(c%30))
				}
			}
		}
		s := Series{ID: fmt.Sprintf("g%02d", g), Recurrence: Weekly{Days: days[g%2], Start: Clock{9 + 4*(g%3), 0}, Minutes: 180, From: MustDate("2025-12-29")}}
		for _, o := range s.Occurrences(ny, start, end) {
			members := r.MembersOn(o.Date)
			in.Sessions = append(in.Sessions, Session{ID: o.ID, Kind: KindGroup, GroupType: types[g%5], Start: o.Start, Minutes: o.Minutes,
				ClinicianIDs: []string{fmt.Sprintf("s%02d", g%25)}, ClientIDs: members, Room: fmt.Sprintf("R%d", g%8)})
			for _, m := range members {
				st, f := status()
				in.Attendance = append(in.Attendance, Attendance{o.ID, m, st, int(f * 180)})
			}
		}
	}
	for c := range 300 {
		id := fmt.Sprintf("c%03d", c)
		primary := fmt.Sprintf("s%02d", c%20)
		in.Primary = append(in.Primary, Assignment{id, primary, MustDate("2025-12-01")})
		if c%10 == 3 {
			in.Primary = append(in.Primary, Assignment{id, fmt.Sprintf("s%02d", (c+1)%20), MustDate("2026-06-01")})
		}
		s := Series{ID: "i" + id, Recurrence: Weekly{Days: []time.Weekday{time.Weekday(1 + c%5)}, Start: Clock{14 + c%4, 0}, Minutes: 50, From: MustDate("2025-12-29")}}
		for _, o := range s.Occurrences(ny, start, end) {
			clin := primary
			if rng.IntN(5) == 0 {
				clin = fmt.Sprintf("s%02d", 20+c%5)
			}
			in.Sessions = append(in.Sessions, Session{ID: o.ID, Kind: KindIndividual, Start: o.Start, Minutes: 50, ClinicianIDs: []string{clin}, ClientIDs: []string{id}})
			st, f := status()
			in.Attendance = append(in.Attendance, Attendance{o.ID, id, st, int(f * 50)})
		}
	}
	for s := range 25 {
		e := Employment{StaffID: fmt.Sprintf("s%02d", s), Start: MustDate("2024-01-01").AddDays(s * 20)}
		if s%6 == 5 {
			e.Until = MustDate("2026-02-01").AddDays(s * 9)
		}
		in.Staff = append(in.Staff, e)
	}
	return in
}

func BenchmarkQualityYear(b *testing.B) {
	in := benchProgram(b)
	b.ResetTimer()
	for b.Loop() {
		ComputeQuality(in)
	}
	b.ReportMetric(float64(len(in.Sessions)), "sessions")
	b.ReportMetric(float64(len(in.Attendance)), "records")
}

// BenchmarkQualityYearHeavy is a stress case: each client on three groups (27 group hours a
// week), about 160,000 attendance records.
func BenchmarkQualityYearHeavy(b *testing.B) {
	in := benchProgramN(b, 3)
	b.ResetTimer()
	for b.Loop() {
		ComputeQuality(in)
	}
	b.ReportMetric(float64(len(in.Attendance)), "records")
}

func BenchmarkDoseWeek(b *testing.B) {
	in := benchProgram(b)
	b.ResetTimer()
	for b.Loop() {
		ComputeDose(in.Program, "c123", ISOWeek{2026, 48}, in.Sessions, in.Attendance)
	}
}

// TestBenchProgramIsSane keeps the benchmark's data honest: the year has the expected shape
// and the report's figures are in range.
func TestBenchProgramIsSane(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a year of sessions")
	}
	in := benchProgram(t)
	if n := len(in.Sessions); n != 40*3*52+300*52 {
		t.Errorf("%d sessions", n)
	}
	q, err := ComputeQuality(in)
	if err != nil {
		t.Fatal(err)
	}
	if q.OneOnOne.ClientWeeks < 300*50 || q.GroupSize.Max == 0 || q.Continuity.Clients != 300 || q.Hours.Ratio <= 0 || q.Hours.Ratio > 2 {
		t.Errorf("one-on-one %+v, group size max %d, continuity clients %d, hours %+v",
			q.OneOnOne, q.GroupSize.Max, q.Continuity.Clients, q.Hours)
	}
	d := ComputeDose(in.Program, "c123", ISOWeek{2026, 48}, in.Sessions, in.Attendance)
	if d.Scheduled == 0 {
		t.Errorf("dose = %+v", d)
	}
}
