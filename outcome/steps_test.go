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
		"In remission on the last two measures: PHQ-9 4 then 3.",
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
