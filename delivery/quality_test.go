package delivery

import (
	"math"
	"slices"
	"testing"
	"time"
)

func TestPercentileNearestRank(t *testing.T) {
	ten := []int{10, 9, 8, 7, 6, 5, 4, 3, 2, 1}
	thirty := make([]int, 30)
	for i := range thirty {
		thirty[i] = i + 1
	}
	tests := []struct {
		xs   []int
		p    float64
		want int
	}{
		{nil, 50, 0},
		{[]int{7}, 10, 7},
		{ten, 10, 1}, // rank ⌈1.0⌉ = 1
		{ten, 50, 5}, // rank 5: the lower middle value
		{ten, 90, 9}, // rank 9
		{ten, 100, 10},
		{ten, 11, 2},    // rank ⌈1.1⌉ = 2
		{thirty, 10, 3}, // rank exactly 3, not 4 from floating-point error
		{[]int{0, 50, 50, 50, 50, 90}, 50, 50},
	}
	for _, tt := range tests {
		s := slices.Sorted(slices.Values(tt.xs))
		if got := percentileSorted(s, tt.p); got != tt.want {
			t.Errorf("percentileSorted(%v, %v) = %d, want %d", s, tt.p, got, tt.want)
		}
	}
}

// smallProgram is a two-week IOP (9 h = 540 min a week) in New York, ISO weeks 2026-W11
// (Mon 9 – Sun 15 March) and 2026-W12 (16–22 March), small enough to compute by hand. The
// expected figures in TestQualityByHand are worked out in its comments.
func smallProgram(t testing.TB) QualityInput {
	ny := mustLoc(t, "America/New_York")
	on := func(date string, hh int) time.Time { return MustDate(date).At(Clock{hh, 0}, ny) }
	abc := []string{"a", "b", "c"}
	grp := func(id string, gt GroupType, date string, min int) Session {
		return Session{ID: id, Kind: KindGroup, GroupType: gt, Start: on(date, 9), Minutes: min, ClinicianIDs: []string{"s1"}, ClientIDs: abc}
	}
	ind := func(id, date string, hh int, clinician, client string) Session {
		return Session{ID: id, Kind: KindIndividual, Start: on(date, hh), Minutes: 50, ClinicianIDs: []string{clinician}, ClientIDs: []string{client}}
	}
	return QualityInput{
		Program: Program{Level: "iop", Loc: ny, MinMinutesPerWeek: 540},
		From:    ISOWeek{2026, 11}, To: ISOWeek{2026, 12},
		Caps: map[GroupType]int{GroupProcess: 2}, // configured low so the hand example has an over-cap session
		Sessions: []Session{
			ind("i-a0", "2026-03-06", 14, "s2", "a"), // week 10: outside the period
			grp("g:03-09", GroupProcess, "2026-03-09", 180),
			grp("p:03-10", GroupPsychoeducation, "2026-03-10", 120),
			grp("g:03-11", GroupProcess, "2026-03-11", 180),
			ind("i-a1", "2026-03-09", 14, "s1", "a"),
			ind("i-b1", "2026-03-10", 14, "s1", "b"),
			ind("i-c1", "2026-03-11", 14, "s2", "c"),
			ind("i-c2", "2026-03-12", 14, "s3", "c"),
			{ID: "f-a1", Kind: KindFamily, Start: on("2026-03-13", 16), Minutes: 60, ClinicianIDs: []string{"s1"}, ClientIDs: []string{"a"}},
			grp("g:03-16", GroupProcess, "2026-03-16", 180),
			grp("g:03-18", GroupProcess, "2026-03-18", 180),
			ind("i-a2", "2026-03-17", 14, "s2", "a"),
			ind("i-b2", "2026-03-17", 15, "s2", "b"),
			ind("i-a3", "2026-03-19", 14, "s1", "a"),
		},
		Attendance: []Attendance{
			{"i-a0", "a", Present, 50},
			{"g:03-09", "a", Present, 180}, {"g:03-09", "b", Present, 180}, {"g:03-09", "c", Present, 180},
			{"p:03-10", "a", Present, 120}, {"p:03-10", "b", LeftEarly, 60}, {"p:03-10", "c", Present, 120},
			{"g:03-11", "a", Present, 180}, {"g:03-11", "b", AbsentUnexcused, 0}, {"g:03-11", "c", Late, 120},
			{"i-a1", "a", Present, 50},
			{"i-b1", "b", Present, 50},
			{"i-c1", "c", Present, 50},
			{"i-c2", "c", AbsentUnexcused, 0},
			{"f-a1", "a", Present, 60},
			{"g:03-16", "a", Present, 180}, {"g:03-16", "b", Present, 180}, {"g:03-16", "c", AbsentExcused, 0},
			// g:03-18 has no attendance recorded yet.
			{"i-a2", "a", Present, 50},
			{"i-b2", "b", Present, 50},
			{"i-a3", "a", Late, 40},
		},
		Primary: []Assignment{
			{"a", "s1", MustDate("2026-01-01")},
			{"b", "s2", MustDate("2026-03-16")}, // out of order on purpose
			{"b", "s1", MustDate("2026-01-01")},
			{"c", "s3", MustDate("2026-01-01")},
			{"d", "s3", MustDate("2026-01-01")},
			{"d", "s3", MustDate("2026-03-10")}, // re-assigned to the same clinician: not a change
			{"e", "s1", MustDate("2026-01-01")},
			{"e", "s2", MustDate("2026-02-01")}, // a change before the period
		},
		Staff: []Employment{
			{StaffID: "s1", Start: MustDate("2025-01-01")},
			{StaffID: "s2", Start: MustDate("2025-06-01")},
			{StaffID: "s3", Start: MustDate("2025-01-01"), Until: MustDate("2026-03-19")}, // last day 18 March
			{StaffID: "s4", Start: MustDate("2026-03-16")},
			{StaffID: "s5", Start: MustDate("2024-01-01"), Until: MustDate("2026-03-09")}, // last day 8 March, before the period
		},
	}
}

func TestQualityByHand(t *testing.T) {
	q, err := ComputeQuality(smallProgram(t))
	if err != nil {
		t.Fatal(err)
	}

	// One-on-one minutes per client-week (individual sessions only, minutes attended):
	//   a W11: i-a1 50                       = 50
	//   a W12: i-a2 50 + i-a3 40 (late)      = 90
	//   b W11: i-b1 50                       = 50
	//   b W12: i-b2 50                       = 50
	//   c W11: i-c1 50 + i-c2 absent 0       = 50
	//   c W12: scheduled for groups only     = 0
	// Sorted [0 50 50 50 50 90], n = 6: median rank ⌈3⌉ = 3 → 50; P10 rank ⌈0.6⌉ = 1 → 0.
	// i-a0 is in week 10, outside the period. d and e have no sessions: no client-weeks.
	if o := q.OneOnOne; o.ClientWeeks != 6 || o.MedianMinutes != 50 || o.P10Minutes != 0 {
		t.Errorf("one-on-one = %+v", o)
	}

	// Group size (clients present, late or leaving early), sessions with attendance recorded:
	//   g:03-09 process 3, p:03-10 psychoeducation 3, g:03-11 process 2 (b absent),
	//   g:03-16 process 2 (c absent); g:03-18 has no records and is left out.
	// Sorted [2 2 3 3]: median rank 2 → 2; max 3. Over cap (process cap 2 here, psychoeducation
	// uncapped): only g:03-09 (3 > 2) → 1 of 4 = 0.25.
	if g := q.GroupSize; g.Sessions != 4 || g.Median != 2 || g.Max != 3 || g.OverCap != 1 || g.ShareOverCap != 0.25 {
		t.Errorf("group size = %+v", g)
	}

	// Continuity (attended individual sessions in the period, primary on the session's date):
	//   a: i-a1 s1 ✓, i-a2 s2 ✗, i-a3 s1 ✓          → 2/3
	//   b: i-b1 s1 (primary s1) ✓, i-b2 s2 (primary s2 from 16 March) ✓ → 2/2 = 1
	//   c: i-c1 s2 (primary s3) ✗; i-c2 absent, not counted → 0/1 = 0
	// Mean of shares (2/3 + 1 + 0) / 3 = 5/9. Changed primary in the period: b only (d's
	// re-assignment keeps s3; e changed in February) → 1.
	c := q.Continuity
	if c.Clients != 3 || !near(c.MeanShare, 5.0/9) || c.ChangedPrimary != 1 {
		t.Errorf("continuity = %+v", c)
	}
	wantPer := []ClientContinuity{{"a", 3, 2, 2.0 / 3}, {"b", 2, 2, 1}, {"c", 1, 0, 0}}
	if !slices.EqualFunc(c.PerClient, wantPer, func(x, y ClientContinuity) bool {
		return x.ClientID == y.ClientID && x.Sessions == y.Sessions && x.WithPrimary == y.WithPrimary && near(x.Share, y.Share)
	}) {
		t.Errorf("per client = %+v, want %+v", c.PerClient, wantPer)
	}

	// Turnover over the 14 days 9–22 March:
	//   person-days s1 14 + s2 14 + s3 10 (9–18 March) + s4 7 (16–22) + s5 0 = 45;
	//   average headcount 45/14 ≈ 3.214.
	//   Separations: s3 (last day 18 March) = 1; s5 left before the period.
	//   Not annualized: 14 days is too short (1 ÷ (45/14) × 365/14 would read 811% a year).
	//   Primary clinician on 18 March was s3 for c and d.
	tv := q.Turnover
	if tv.Days != 14 || tv.Separations != 1 || !near(tv.AverageHeadcount, 45.0/14) || tv.Annualizable || tv.AnnualizedRate != 0 ||
		!slices.Equal(tv.ClientsWhoseClinicianLeft, []string{"c", "d"}) {
		t.Errorf("turnover = %+v", tv)
	}

	// Hours delivered (all kinds, minutes attended) against 540 required per client-week:
	//   a W11: groups 180+120+180 + i-a1 50 + family 60 = 590 (met)
	//   a W12: g:03-16 180 + i-a2 50 + i-a3 40           = 270
	//   b W11: 180 + 60 + 0 + i-b1 50                   = 290
	//   b W12: 180 + i-b2 50                            = 230
	//   c W11: 180 + 120 + 120 + i-c1 50                = 470
	//   c W12: excused from g:03-16                     = 0
	// Delivered 1850 of 6 × 540 = 3240 → ratio 1850/3240 ≈ 0.571; 5 weeks below the minimum.
	h := q.Hours
	if h.ClientWeeks != 6 || h.DeliveredMinutes != 1850 || h.RequiredMinutes != 3240 || !near(h.Ratio, 1850.0/3240) || h.WeeksBelowMinimum != 5 {
		t.Errorf("hours = %+v", h)
	}

	for name, m := range map[string]string{"one-on-one": q.OneOnOne.Method, "group size": q.GroupSize.Method,
		"continuity": q.Continuity.Method, "turnover": q.Turnover.Method, "hours": q.Hours.Method} {
		if len(m) < 40 {
			t.Errorf("%s has no method text", name)
		}
	}
}

func TestQualityDefaultsAndEmpty(t *testing.T) {
	in := smallProgram(t)
	in.Caps = nil // default: process groups capped at 10, so nothing is over
	if q, _ := ComputeQuality(in); q.GroupSize.OverCap != 0 || q.GroupSize.ShareOverCap != 0 {
		g := q.GroupSize
		t.Errorf("default caps: %+v", g)
	}
	bad := in
	bad.From, bad.To = ISOWeek{2027, 53}, ISOWeek{2026, 1}
	if _, err := ComputeQuality(bad); !slices.Equal(fieldsOf(err), []string{"from"}) {
		t.Errorf("2027-W53: %v", err)
	}
	bad.From = ISOWeek{2026, 2}
	if _, err := ComputeQuality(bad); !slices.Equal(fieldsOf(err), []string{"to"}) {
		t.Errorf("to before from: %v", err)
	}
	empty, err := ComputeQuality(QualityInput{Program: in.Program, From: in.From, To: in.To})
	if err != nil {
		t.Fatal(err)
	}
	if empty.OneOnOne.ClientWeeks != 0 || empty.GroupSize.Sessions != 0 || empty.Hours.Ratio != 0 ||
		empty.Turnover.AnnualizedRate != 0 || empty.Continuity.MeanShare != 0 || math.IsNaN(empty.Turnover.AverageHeadcount) {
		t.Errorf("empty report = %+v", empty)
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// Turnover is scaled to a year only over a period of at least MinDaysToAnnualize days with
// someone employed: one departure among four over a quarter reads as 1 ÷ 4 × 365/91 ≈ 100%.
func TestTurnoverAnnualizedOnlyOverLongPeriods(t *testing.T) {
	d := func(s string) Date { return MustDate(s) }
	staff := []Employment{{StaffID: "a", Start: d("2025-01-01")}, {StaffID: "b", Start: d("2025-01-01")},
		{StaffID: "c", Start: d("2025-01-01")}, {StaffID: "e", Start: d("2025-01-01"), Until: d("2026-03-31")}}
	for _, c := range []struct {
		first, last  string
		annualizable bool
		rate         float64
	}{
		{"2026-03-02", "2026-05-31", true, 1.0 / (3 + 29.0/91) * 365 / 91},
		{"2026-03-02", "2026-04-12", false, 0},
		{"2024-01-01", "2024-12-31", false, 0}, // nobody employed yet
	} {
		tv := turnover(staff, nil, d(c.first), d(c.last))
		if tv.Annualizable != c.annualizable || !near(tv.AnnualizedRate, c.rate) {
			t.Errorf("%s–%s: %+v, want annualizable %v rate %.3f", c.first, c.last, tv, c.annualizable, c.rate)
		}
	}
}
