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
// A step down needs three things at once: symptoms that were a case and are now in remission
// (or, for a client treated for substance use alone, sustained abstinence), no use in the last
// 30 days by the check-ins, and good attendance. Use, a newly positive screen or reliable
// deterioration suggests a step up.
var Rules = []Rule{
	// Safety first, at every level: any thought of death or self-harm on the latest PHQ-9, any
	// yes on the latest suicide-risk screen, and withdrawal rated moderate or worse.
	{ID: "safety-item9", Any: []Condition{positiveItem9},
		Action: ActionSafetyEvaluation},
	{ID: "safety-cssrs", Any: []Condition{positiveCSSRS},
		Action: ActionSafetyEvaluation},
	{ID: "withdrawal-evaluation", Any: []Condition{withdrawalRated},
		Action: ActionSafetyEvaluation},
	// Individual therapy that is not holding: more support in an IOP.
	{ID: "outpatient-step-up", Level: carepath.LevelOutpatient,
		Any:    []Condition{reliablyWorse, relapseWithin(30), useReported, newlyPositiveScreen},
		Action: ActionStepUp, ToLevel: carepath.LevelIOP},
	// An IOP works only with consistent attendance: below 60 %, talk about fit before anything else.
	{ID: "iop-review-fit", Level: carepath.LevelIOP, All: []Condition{attendanceBelow(60)},
		Action: ActionReviewFit},
	// Attending the IOP and still reliably worse, or still using: consider a PHP.
	{ID: "iop-step-up", Level: carepath.LevelIOP, Any: []Condition{reliablyWorse, continuedUse},
		Action: ActionStepUp, ToLevel: carepath.LevelPHP},
	// Well in an IOP, attending and not using: individual therapy can carry on the work.
	{ID: "iop-step-down", Level: carepath.LevelIOP,
		All:    []Condition{caseAtBaseline, remissionTwice, noUseFor30Days, attendanceAtLeast(80), noRelapseFor(30)},
		Action: ActionStepDown, ToLevel: carepath.LevelOutpatient},
	// Treated for substance use alone: sustained abstinence and attendance.
	{ID: "iop-step-down-abstinent", Level: carepath.LevelIOP,
		All:    []Condition{substanceOnly, sustainedAbstinence, attendanceAtLeast(80), noRelapseFor(30)},
		Action: ActionStepDown, ToLevel: carepath.LevelOutpatient},
	// Attending a PHP and still reliably worse, or still using: consider 24-hour care.
	{ID: "php-step-up", Level: carepath.LevelPHP, Any: []Condition{reliablyWorse, continuedUse},
		Action: ActionStepUp, ToLevel: carepath.LevelResidential},
	// The same steps down in a PHP, one step down to an IOP.
	{ID: "php-step-down", Level: carepath.LevelPHP,
		All:    []Condition{caseAtBaseline, remissionTwice, noUseFor30Days, attendanceAtLeast(80), noRelapseFor(30)},
		Action: ActionStepDown, ToLevel: carepath.LevelIOP},
	{ID: "php-step-down-abstinent", Level: carepath.LevelPHP,
		All:    []Condition{substanceOnly, sustainedAbstinence, attendanceAtLeast(80), noRelapseFor(30)},
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

// facts are what the conditions test, worked out once per review, from the measures taken by
// the review's date.
type facts struct {
	in          *ReviewInput
	lastPHQ9    *Measure
	lastCSSRS   *Measure
	lastCIWA    *Measure
	lastCOWS    *Measure
	judged      []instrument.ID // instruments with thresholds, in a fixed order
	lastRelapse time.Time       // zero when none
	checkIns    []CheckIn       // the check-ins of the last 30 days, oldest first
	checkInAt   []time.Time     // when each of checkIns was taken
	substance   bool            // treated for substance use: a check-in, or a positive screen, ever
}

// newFacts works out the facts of in.
func newFacts(in *ReviewInput) *facts {
	f := &facts{in: in, judged: thresholdIDs(in.Config)}
	var taken []Measure
	for _, m := range sortMeasures(in.Measures) {
		if !m.TakenAt.After(in.Now) {
			taken = append(taken, m)
		}
	}
	last := func(id instrument.ID) *Measure {
		if s := series(taken, id); len(s) > 0 {
			return &s[len(s)-1]
		}
		return nil
	}
	f.lastPHQ9, f.lastCSSRS, f.lastCIWA, f.lastCOWS = last(instrument.PHQ9), last(instrument.CSSRS), last(instrument.CIWAAr), last(instrument.COWS)
	for i := range taken {
		m := &taken[i]
		if c, ok := CheckInOf(m); ok {
			f.substance = true
			if in.Now.Sub(m.TakenAt) <= useWindow {
				f.checkIns, f.checkInAt = append(f.checkIns, c), append(f.checkInAt, m.TakenAt)
			}
		}
		f.substance = f.substance || positiveScreen(m)
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
