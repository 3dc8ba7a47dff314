package outcome

import (
	"fmt"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/instrument"
)

// Action is what a continued-stay review suggests.
type Action string

// The actions a review can suggest.
const (
	ActionContinue         Action = "continue"          // stay at the current level
	ActionStepDown         Action = "step_down"         // move to ToLevel, less intensive
	ActionStepUp           Action = "step_up"           // move to ToLevel, more intensive
	ActionSafetyEvaluation Action = "safety_evaluation" // a safety evaluation before anything else
	ActionReviewFit        Action = "review_fit"        // talk with the client about whether this level fits
)

// EventKind names something that happened in a client's care that a review looks at.
type EventKind string

// The events a review uses.
const (
	EventRelapse     EventKind = "relapse"      // a return to use, recorded by a clinician or a check-in
	EventLevelChange EventKind = "level_change" // an admission or transfer to the current level
)

// Event is one dated event in a client's care.
type Event struct {
	Kind EventKind
	At   time.Time
}

// Attendance counts the sessions a client was scheduled for over the last 4 weeks and those
// attended (present, late or left early). Scheduled 0 means nothing is known, and no rule
// about attendance applies.
type Attendance struct {
	Attended  int
	Scheduled int
}

// percentAtLeast reports whether the attended share is at least p percent, exactly.
func (a Attendance) percentAtLeast(p int) bool { return 100*a.Attended >= p*a.Scheduled }

// String formats the attendance as "9 of 12 sessions (75 %)".
func (a Attendance) String() string {
	return fmt.Sprintf("%d of %d sessions (%d %%)", a.Attended, a.Scheduled, 100*a.Attended/max(a.Scheduled, 1))
}

// ReviewInput is what a continued-stay review of one client looks at. Relapses reported by
// check-ins among Measures count as well as relapse Events.
type ReviewInput struct {
	Level      carepath.Level
	Measures   []Measure
	Attendance Attendance // over the last 4 weeks
	Events     []Event
	Now        time.Time
	Config     Config
}

// Suggestion is the outcome of a review: what to do, to which level, why, and which rule of
// Rules said so. AlsoMatched names later rules that held too, so that a safety evaluation
// that comes first does not hide a step up that should follow it.
type Suggestion struct {
	Action      Action
	ToLevel     carepath.Level
	Reasons     []string
	RuleID      string
	AlsoMatched []string
}

// Condition is one test of a rule. Test returns whether it holds and, when it does, the
// reason shown to the clinician.
type Condition struct {
	Name string
	Test func(f *facts) (bool, string)
}

// Rule suggests Action (and ToLevel) for a client at Level ("" for any level) when every
// condition of All holds and, if Any is not empty, at least one of Any holds.
type Rule struct {
	ID      string
	Level   carepath.Level
	All     []Condition
	Any     []Condition
	Action  Action
	ToLevel carepath.Level
}

// Rules are the continued-stay rules, in order of precedence: the first that matches is the
// suggestion. They are carepath's own, written for this software, and a clinician decides.
var Rules = []Rule{
	// Safety first, at every level: any thought of death or self-harm on the latest PHQ-9.
	{ID: "safety-item9", Any: []Condition{positiveItem9},
		Action: ActionSafetyEvaluation},
	// Individual therapy that is not holding: more support in an IOP.
	{ID: "outpatient-step-up", Level: carepath.LevelOutpatient, Any: []Condition{reliablyWorse, relapseWithin(30)},
		Action: ActionStepUp, ToLevel: carepath.LevelIOP},
	// An IOP works only with consistent attendance: below 60 %, talk about fit before anything else.
	{ID: "iop-review-fit", Level: carepath.LevelIOP, All: []Condition{attendanceBelow(60)},
		Action: ActionReviewFit},
	// Attending the IOP and still reliably worse: consider a PHP.
	{ID: "iop-step-up", Level: carepath.LevelIOP, Any: []Condition{reliablyWorse},
		Action: ActionStepUp, ToLevel: carepath.LevelPHP},
	// Well in an IOP, attending and not using: individual therapy can carry on the work.
	{ID: "iop-step-down", Level: carepath.LevelIOP, All: []Condition{remissionTwice, attendanceAtLeast(80), noRelapseFor(30)},
		Action: ActionStepDown, ToLevel: carepath.LevelOutpatient},
	// The same in a PHP, one step down to an IOP.
	{ID: "php-step-down", Level: carepath.LevelPHP, All: []Condition{remissionTwice, attendanceAtLeast(80), noRelapseFor(30)},
		Action: ActionStepDown, ToLevel: carepath.LevelIOP},
}

// Review applies Rules to in and returns the first suggestion that matches, or continue when
// none does.
func Review(in ReviewInput) Suggestion {
	in.Config = in.Config.orDefault()
	f := newFacts(&in)
	var s *Suggestion
	for _, r := range Rules {
		reasons, ok := r.match(f)
		if !ok {
			continue
		}
		if s != nil {
			s.AlsoMatched = append(s.AlsoMatched, r.ID)
			continue
		}
		s = &Suggestion{Action: r.Action, ToLevel: r.ToLevel, Reasons: reasons, RuleID: r.ID}
	}
	if s == nil {
		return Suggestion{Action: ActionContinue, ToLevel: in.Level, RuleID: "continue",
			Reasons: []string{"No continued-stay rule applies: continue at the current level and review again."}}
	}
	return *s
}

// match returns the reasons when r applies to f.
func (r *Rule) match(f *facts) ([]string, bool) {
	if r.Level != "" && r.Level != f.in.Level {
		return nil, false
	}
	var reasons []string
	for _, c := range r.All {
		ok, why := c.Test(f)
		if !ok {
			return nil, false
		}
		reasons = append(reasons, why)
	}
	anyHeld := len(r.Any) == 0
	for _, c := range r.Any {
		if ok, why := c.Test(f); ok {
			anyHeld = true
			reasons = append(reasons, why)
		}
	}
	return reasons, anyHeld
}

// facts are what the conditions test, worked out once per review.
type facts struct {
	in          *ReviewInput
	lastPHQ9    *Measure
	judged      []instrument.ID // instruments with thresholds, in a fixed order
	lastRelapse time.Time       // zero when none
}

// newFacts works out the facts of in.
func newFacts(in *ReviewInput) *facts {
	f := &facts{in: in, judged: thresholdIDs(in.Config)}
	if s := series(in.Measures, instrument.PHQ9); len(s) > 0 {
		f.lastPHQ9 = &s[len(s)-1]
	}
	for _, e := range in.Events {
		if e.Kind == EventRelapse && !e.At.After(in.Now) && e.At.After(f.lastRelapse) {
			f.lastRelapse = e.At
		}
	}
	for _, m := range Relapses(in.Measures) {
		if !m.TakenAt.After(in.Now) && m.TakenAt.After(f.lastRelapse) {
			f.lastRelapse = m.TakenAt
		}
	}
	return f
}

// positiveItem9 holds when the latest PHQ-9 scores 1 or more on item 9.
var positiveItem9 = Condition{Name: "positive item 9", Test: func(f *facts) (bool, string) {
	if f.lastPHQ9 == nil || f.lastPHQ9.Item9() < 1 {
		return false, ""
	}
	return true, fmt.Sprintf("The latest PHQ-9 (%s) scores %d on item 9, thoughts of death or self-harm.",
		f.lastPHQ9.TakenAt.Format(carepath.DateLayout), f.lastPHQ9.Item9())
}}

// reliablyWorse holds when the latest measure of a judged instrument is reliably worse than
// its baseline.
var reliablyWorse = Condition{Name: "reliable deterioration", Test: func(f *facts) (bool, string) {
	for _, id := range f.judged {
		if ch, ok := f.in.Config.Latest(f.in.Measures, id); ok && ch.ReliableDeterioration {
			return true, fmt.Sprintf("%s is reliably worse than at baseline: %d → %d (+%d).",
				instrumentName(id), ch.Baseline, ch.Latest, ch.Delta)
		}
	}
	return false, ""
}}

// remissionTwice holds when the last two measures of every judged instrument the client has
// answered are in remission, and there are two on at least one.
var remissionTwice = Condition{Name: "remission twice", Test: func(f *facts) (bool, string) {
	var names []string
	for _, id := range f.judged {
		s := series(f.in.Measures, id)
		if len(s) == 0 {
			continue
		}
		if len(s) < 2 {
			return false, ""
		}
		t := f.in.Config.Thresholds[id]
		if s[len(s)-1].Total >= t.Remission || s[len(s)-2].Total >= t.Remission {
			return false, ""
		}
		names = append(names, fmt.Sprintf("%s %d then %d", instrumentName(id), s[len(s)-2].Total, s[len(s)-1].Total))
	}
	if len(names) == 0 {
		return false, ""
	}
	return true, fmt.Sprintf("In remission on the last two measures: %s.", joinAnd(names))
}}

// attendanceAtLeast holds when at least p percent of the sessions of the last 4 weeks were attended.
func attendanceAtLeast(p int) Condition {
	return Condition{Name: fmt.Sprintf("attendance ≥ %d %%", p), Test: func(f *facts) (bool, string) {
		a := f.in.Attendance
		if a.Scheduled == 0 || !a.percentAtLeast(p) {
			return false, ""
		}
		return true, fmt.Sprintf("Attended %s over the last 4 weeks, at least %d %%.", a, p)
	}}
}

// attendanceBelow holds when fewer than p percent of the sessions of the last 4 weeks were attended.
func attendanceBelow(p int) Condition {
	return Condition{Name: fmt.Sprintf("attendance < %d %%", p), Test: func(f *facts) (bool, string) {
		a := f.in.Attendance
		if a.Scheduled == 0 || a.percentAtLeast(p) {
			return false, ""
		}
		return true, fmt.Sprintf("Attended %s over the last 4 weeks, below %d %%.", a, p)
	}}
}

// relapseWithin holds when a relapse happened in the last days days.
func relapseWithin(days int) Condition {
	return Condition{Name: fmt.Sprintf("relapse within %d days", days), Test: func(f *facts) (bool, string) {
		if f.lastRelapse.IsZero() || f.in.Now.Sub(f.lastRelapse) > time.Duration(days)*24*time.Hour {
			return false, ""
		}
		return true, fmt.Sprintf("A relapse was reported on %s, within the last %d days.", f.lastRelapse.Format(carepath.DateLayout), days)
	}}
}

// noRelapseFor holds when no relapse happened in the last days days.
func noRelapseFor(days int) Condition {
	within := relapseWithin(days)
	return Condition{Name: fmt.Sprintf("no relapse for %d days", days), Test: func(f *facts) (bool, string) {
		if ok, _ := within.Test(f); ok {
			return false, ""
		}
		return true, fmt.Sprintf("No relapse reported in the last %d days.", days)
	}}
}

// joinAnd joins items as "a", "a and b" or "a, b and c".
func joinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	out := items[0]
	for _, s := range items[1 : len(items)-1] {
		out += ", " + s
	}
	return out + " and " + items[len(items)-1]
}
