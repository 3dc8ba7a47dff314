package outcome

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/instrument"
)

func TestReview(t *testing.T) {
	now := date(3, 31)
	gad := func(id string, d, total int) Measure {
		return Measure{ID: id, Instrument: instrument.GAD7, TakenAt: date(3, d), Total: total}
	}
	// Series on March 2, 9, 16, 23.
	remitting := []Measure{phq9With("p1", 2, 14, 0), phq9With("p2", 16, 4, 0), phq9With("p3", 23, 3, 0),
		gad("g1", 2, 11), gad("g2", 16, 4), gad("g3", 23, 2)}
	worse := []Measure{phq9With("p1", 2, 8, 0), phq9With("p2", 23, 14, 0)} // +6: reliable
	item9 := []Measure{phq9With("p1", 2, 12, 0), phq9With("p2", 23, 12, 1)}
	item9Worse := []Measure{phq9With("p1", 2, 8, 0), phq9With("p2", 23, 15, 2)}
	good := Attendance{Attended: 10, Scheduled: 12}   // 83 %
	exact80 := Attendance{Attended: 8, Scheduled: 10} // exactly 80 %
	fair := Attendance{Attended: 7, Scheduled: 10}    // 70 %
	exact60 := Attendance{Attended: 6, Scheduled: 10} // exactly 60 %: not below
	poor := Attendance{Attended: 5, Scheduled: 10}    // 50 %
	relapse := func(d int) []Event { return []Event{{Kind: EventRelapse, At: date(3, 1).AddDate(0, 0, d-1)}} }
	tests := []struct {
		name       string
		level      carepath.Level
		measures   []Measure
		attendance Attendance
		events     []Event
		rule       string
		action     Action
		to         carepath.Level
		also       []string
	}{
		{"iop step down", carepath.LevelIOP, remitting, good, nil, "iop-step-down", ActionStepDown, carepath.LevelOutpatient, nil},
		{"iop step down at exactly 80 %", carepath.LevelIOP, remitting, exact80, nil, "iop-step-down", ActionStepDown, carepath.LevelOutpatient, nil},
		{"iop no step down at 70 %", carepath.LevelIOP, remitting, fair, nil, "continue", ActionContinue, carepath.LevelIOP, nil},
		{"iop no step down without attendance", carepath.LevelIOP, remitting, Attendance{}, nil, "continue", ActionContinue, carepath.LevelIOP, nil},
		// A relapse 20 days ago (03-11) blocks the step down; one 31 days ago (02-28) does not.
		{"iop no step down after relapse", carepath.LevelIOP, remitting, good, relapse(11), "continue", ActionContinue, carepath.LevelIOP, nil},
		{"iop step down after old relapse", carepath.LevelIOP, remitting, good,
			[]Event{{Kind: EventRelapse, At: date(2, 28)}}, "iop-step-down", ActionStepDown, carepath.LevelOutpatient, nil},
		// Remission only on the latest PHQ-9 (p2 = 5 is not < 5).
		{"iop one remission is not two", carepath.LevelIOP,
			[]Measure{phq9With("p1", 2, 14, 0), phq9With("p2", 16, 5, 0), phq9With("p3", 23, 3, 0)}, good, nil,
			"continue", ActionContinue, carepath.LevelIOP, nil},
		// PHQ-9 remits twice but GAD-7 does not: no step down.
		{"iop gad7 not remitted", carepath.LevelIOP,
			append(slices.Clone(remitting[:3]), gad("g1", 2, 11), gad("g2", 16, 6), gad("g3", 23, 4)), good, nil,
			"continue", ActionContinue, carepath.LevelIOP, nil},
		{"iop review fit", carepath.LevelIOP, nil, poor, nil, "iop-review-fit", ActionReviewFit, "", nil},
		{"iop exactly 60 % is not low", carepath.LevelIOP, nil, exact60, nil, "continue", ActionContinue, carepath.LevelIOP, nil},
		{"iop step up", carepath.LevelIOP, worse, good, nil, "iop-step-up", ActionStepUp, carepath.LevelPHP, nil},
		// Low attendance comes before a step up: talk about fit first.
		{"iop fit before step up", carepath.LevelIOP, worse, poor, nil, "iop-review-fit", ActionReviewFit, "", []string{"iop-step-up"}},
		{"outpatient step up on deterioration", carepath.LevelOutpatient, worse, Attendance{}, nil,
			"outpatient-step-up", ActionStepUp, carepath.LevelIOP, nil},
		{"outpatient step up on relapse", carepath.LevelOutpatient, nil, Attendance{}, relapse(25),
			"outpatient-step-up", ActionStepUp, carepath.LevelIOP, nil},
		{"outpatient step up on check-in relapse", carepath.LevelOutpatient, []Measure{
			checkInAt("k1", 16, 7, 20), checkInAt("k2", 23, 4, 23)}, Attendance{}, nil,
			"outpatient-step-up", ActionStepUp, carepath.LevelIOP, nil},
		{"outpatient safety", carepath.LevelOutpatient, item9, Attendance{}, nil, "safety-item9", ActionSafetyEvaluation, "", nil},
		// Item 9 and deterioration: the safety evaluation comes first, the step up is named next.
		{"outpatient safety before step up", carepath.LevelOutpatient, item9Worse, Attendance{}, relapse(20),
			"safety-item9", ActionSafetyEvaluation, "", []string{"outpatient-step-up"}},
		{"iop safety", carepath.LevelIOP, item9, good, nil, "safety-item9", ActionSafetyEvaluation, "", nil},
		{"outpatient stable", carepath.LevelOutpatient, remitting, good, nil, "continue", ActionContinue, carepath.LevelOutpatient, nil},
		{"php step down", carepath.LevelPHP, remitting, good, nil, "php-step-down", ActionStepDown, carepath.LevelIOP, nil},
		// A relapse in the future of the review date is ignored.
		{"future relapse ignored", carepath.LevelOutpatient, nil, Attendance{}, relapse(40), "continue", ActionContinue, carepath.LevelOutpatient, nil},
	}
	for _, tt := range tests {
		got := Review(ReviewInput{Level: tt.level, Measures: tt.measures, Attendance: tt.attendance, Events: tt.events,
			Now: now, Config: DefaultConfig()})
		if got.RuleID != tt.rule || got.Action != tt.action || got.ToLevel != tt.to || !slices.Equal(got.AlsoMatched, tt.also) {
			t.Errorf("%s: got %s %s→%q also %v, want %s %s→%q also %v (reasons %q)", tt.name, got.RuleID, got.Action, got.ToLevel,
				got.AlsoMatched, tt.rule, tt.action, tt.to, tt.also, got.Reasons)
		}
		if len(got.Reasons) == 0 || slices.Contains(got.Reasons, "") {
			t.Errorf("%s: reasons %q", tt.name, got.Reasons)
		}
	}
}

func TestReviewReasons(t *testing.T) {
	ms := []Measure{phq9With("p1", 2, 14, 0), phq9With("p2", 16, 4, 0), phq9With("p3", 23, 3, 0)}
	got := Review(ReviewInput{Level: carepath.LevelIOP, Measures: ms, Attendance: Attendance{Attended: 9, Scheduled: 10},
		Now: date(3, 31), Config: DefaultConfig()})
	want := []string{
		"PHQ-9 was 14 at baseline, at caseness.",
		"In remission on the last two measures: PHQ-9 4 then 3.",
		"No substance use is recorded: no check-ins and no positive screen.",
		"Attended 9 of 10 sessions (90 %) over the last 4 weeks, at least 80 %.",
		"No relapse reported in the last 30 days.",
	}
	if !slices.Equal(got.Reasons, want) {
		t.Errorf("reasons %q, want %q", got.Reasons, want)
	}
}

func TestRulesTable(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules {
		if r.ID == "" || seen[r.ID] || len(r.All)+len(r.Any) == 0 {
			t.Errorf("rule %+v: needs a unique ID and conditions", r.ID)
		}
		seen[r.ID] = true
		if (r.Action == ActionStepUp || r.Action == ActionStepDown) &&
			carepath.TransferDirection(r.Level, r.ToLevel) != carepath.Direction(r.Action) {
			t.Errorf("rule %s: %s from %s to %s", r.ID, r.Action, r.Level, r.ToLevel)
		}
		for _, c := range append(slices.Clone(r.All), r.Any...) {
			if strings.TrimSpace(c.Name) == "" {
				t.Errorf("rule %s has an unnamed condition", r.ID)
			}
		}
	}
}

// checkInAt returns a check-in taken on the given March day.
func checkInAt(id string, d, d7, d30 int) Measure {
	m := CheckIn{DaysAbstinent7: d7, DaysAbstinent30: d30, Craving: 5}.Measure()
	m.ID, m.TakenAt = id, date(3, d).Add(8*time.Hour)
	return m
}

// checkInWith returns a check-in taken on the given March day with its craving.
func checkInWith(id string, d, d7, d30, craving int) Measure {
	m := CheckIn{DaysAbstinent7: d7, DaysAbstinent30: d30, Craving: craving}.Measure()
	m.ID, m.TakenAt = id, date(3, d).Add(8*time.Hour)
	return m
}

// Finding 6 of the clinical review: in an IOP, two low PHQ-9s gave a step-down while the
// check-ins said 7 of 7 days used and craving 10 of 10. A step down needs no use in the last
// 30 days by the check-ins; continued use suggests a step up instead.
func TestStepDownWhileUsingIsImpossible(t *testing.T) {
	good := Attendance{Attended: 12, Scheduled: 12}
	using := []Measure{checkInWith("k1", 16, 0, 10, 10), checkInWith("k2", 23, 0, 3, 10), checkInWith("k3", 30, 0, 0, 10)}
	for _, mood := range [][]Measure{
		{phq9With("p1", 2, 6, 0), phq9With("p2", 16, 3, 0), phq9With("p3", 23, 2, 0)},  // never a case
		{phq9With("p1", 2, 14, 0), phq9With("p2", 16, 4, 0), phq9With("p3", 23, 3, 0)}, // a case, now in remission
	} {
		for _, level := range []carepath.Level{carepath.LevelIOP, carepath.LevelPHP} {
			got := Review(ReviewInput{Level: level, Measures: append(slices.Clone(mood), using...), Attendance: good, Now: date(3, 31)})
			if got.Action == ActionStepDown {
				t.Fatalf("%s: a step down while using: %+v", level, got)
			}
			if got.Action != ActionStepUp || !strings.Contains(strings.Join(got.Reasons, " "), "use on 7 of the last 7 days") {
				t.Errorf("%s: %s %s, reasons %q; want a step up for continued use", level, got.RuleID, got.Action, got.Reasons)
			}
		}
	}
	// Any use in the last 30 days blocks the step down, even one day a few weeks ago.
	oneDay := []Measure{phq9With("p1", 2, 14, 0), phq9With("p2", 16, 4, 0), phq9With("p3", 23, 3, 0),
		checkInWith("k1", 9, 6, 20, 3), checkInWith("k2", 16, 7, 27, 1), checkInWith("k3", 30, 7, 29, 0)}
	if got := Review(ReviewInput{Level: carepath.LevelIOP, Measures: oneDay, Attendance: good, Now: date(3, 31)}); got.Action == ActionStepDown {
		t.Errorf("a step down with use in the last 30 days: %+v", got)
	}
}

func TestReviewSubstanceUseSteps(t *testing.T) {
	now := date(3, 31)
	good := Attendance{Attended: 10, Scheduled: 12}
	lowMood := []Measure{phq9With("p1", 2, 5, 0), phq9With("p2", 23, 3, 0)}
	abstinent := []Measure{checkInWith("k1", 16, 7, 28, 3), checkInWith("k2", 23, 7, 30, 2), checkInWith("k3", 28, 7, 30, 1)}
	tests := []struct {
		name       string
		level      carepath.Level
		measures   []Measure
		attendance Attendance
		rule       string
		action     Action
		to         carepath.Level
	}{
		{"substance only, abstinent and attending: step down from an IOP", carepath.LevelIOP, append(slices.Clone(lowMood), abstinent...), good,
			"iop-step-down-abstinent", ActionStepDown, carepath.LevelOutpatient},
		{"substance only, abstinent and attending: step down from a PHP", carepath.LevelPHP, append(slices.Clone(lowMood), abstinent...), good,
			"php-step-down-abstinent", ActionStepDown, carepath.LevelIOP},
		{"substance only, with no mood measure at all", carepath.LevelIOP, abstinent, good,
			"iop-step-down-abstinent", ActionStepDown, carepath.LevelOutpatient},
		{"substance only, abstinent but attending 70 %", carepath.LevelIOP, abstinent, Attendance{Attended: 7, Scheduled: 10},
			"continue", ActionContinue, carepath.LevelIOP},
		{"substance only, one check-in is not sustained", carepath.LevelIOP, abstinent[2:], good,
			"continue", ActionContinue, carepath.LevelIOP},
		{"substance only, the latest check-in is 13 days old", carepath.LevelIOP,
			[]Measure{checkInWith("k1", 10, 7, 30, 1), checkInWith("k2", 18, 7, 30, 1)}, good,
			"continue", ActionContinue, carepath.LevelIOP},
		{"depressed at intake and still a case: no abstinence step down", carepath.LevelIOP,
			append([]Measure{phq9With("p1", 2, 14, 0), phq9With("p2", 23, 12, 0)}, abstinent...), good, "continue", ActionContinue, carepath.LevelIOP},
		{"outpatient, the latest check-in reports use", carepath.LevelOutpatient, []Measure{checkInWith("k1", 23, 5, 25, 6)}, Attendance{},
			"outpatient-step-up", ActionStepUp, carepath.LevelIOP},
		{"outpatient, a newly positive AUDIT-C", carepath.LevelOutpatient,
			[]Measure{{ID: "a1", Instrument: instrument.AUDITC, TakenAt: date(1, 5), Total: 2}, {ID: "a2", Instrument: instrument.AUDITC, TakenAt: date(3, 20), Total: 6}},
			Attendance{}, "outpatient-step-up", ActionStepUp, carepath.LevelIOP},
		{"outpatient, an AUDIT positive at intake and still positive: no new finding", carepath.LevelOutpatient,
			[]Measure{{ID: "a1", Instrument: instrument.AUDIT, TakenAt: date(1, 5), Total: 12}, {ID: "a2", Instrument: instrument.AUDIT, TakenAt: date(3, 20), Total: 10}},
			Attendance{}, "continue", ActionContinue, carepath.LevelOutpatient},
		{"IOP, use on 2 of 7 days once: not yet a step up", carepath.LevelIOP, append(slices.Clone(lowMood), checkInWith("k1", 28, 5, 28, 4)), good,
			"continue", ActionContinue, carepath.LevelIOP},
		{"IOP, use on two check-ins in a row: step up", carepath.LevelIOP,
			append(slices.Clone(lowMood), checkInWith("k1", 21, 6, 27, 4), checkInWith("k2", 28, 6, 25, 5)), good,
			"iop-step-up", ActionStepUp, carepath.LevelPHP},
		{"PHP, reliably worse: step up", carepath.LevelPHP, []Measure{phq9With("p1", 2, 12, 0), phq9With("p2", 23, 19, 0)}, good,
			"php-step-up", ActionStepUp, carepath.LevelResidential},
		{"PHP, still using most days: step up", carepath.LevelPHP, []Measure{checkInWith("k1", 28, 1, 10, 9)}, good,
			"php-step-up", ActionStepUp, carepath.LevelResidential},
		{"a positive C-SSRS: safety first", carepath.LevelIOP,
			[]Measure{{ID: "c1", Instrument: instrument.CSSRS, TakenAt: date(3, 28), Total: 1}}, good, "safety-cssrs", ActionSafetyEvaluation, ""},
		{"CIWA-Ar 12 this week: a withdrawal assessment", carepath.LevelIOP,
			[]Measure{{ID: "w1", Instrument: instrument.CIWAAr, TakenAt: date(3, 29), Total: 12}}, good, "withdrawal-evaluation", ActionSafetyEvaluation, ""},
		{"CIWA-Ar 12 a month ago: not now", carepath.LevelIOP,
			[]Measure{{ID: "w1", Instrument: instrument.CIWAAr, TakenAt: date(2, 20), Total: 12}}, good, "continue", ActionContinue, carepath.LevelIOP},
	}
	for _, tt := range tests {
		got := Review(ReviewInput{Level: tt.level, Measures: tt.measures, Attendance: tt.attendance, Now: now})
		if got.RuleID != tt.rule || got.Action != tt.action || got.ToLevel != tt.to {
			t.Errorf("%s: got %s %s→%q (reasons %q), want %s %s→%q", tt.name, got.RuleID, got.Action, got.ToLevel, got.Reasons, tt.rule, tt.action, tt.to)
		}
		if len(got.Reasons) == 0 || slices.Contains(got.Reasons, "") {
			t.Errorf("%s: reasons %q", tt.name, got.Reasons)
		}
	}
}
