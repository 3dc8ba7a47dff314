package placement

import (
	"math/bits"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/cost"
	"github.com/carepath/carepath/instrument"
)

// Recommendation is the engine's answer. It is a recommendation for a clinician and a person to
// discuss, never a diagnosis.
type Recommendation struct {
	Level          carepath.Level   `json:"level"`
	LevelName      string           `json:"level_name"`
	ASAMLevel      string           `json:"asam_level"`
	Crisis         bool             `json:"crisis"`
	CrisisMessage  string           `json:"crisis_message,omitempty"`
	RubricVersion  string           `json:"rubric_version"`
	Scores         Scores           `json:"scores"`
	Dimensions     DimensionRatings `json:"dimensions"`
	Reasons        []Reason         `json:"reasons"`
	NotRecommended []NotRecommended `json:"not_recommended"`
	WouldChange    []Change         `json:"would_change"`
	Conflicts      []Conflict       `json:"conflicts"`
	Options        []Option         `json:"options"`
	Disclaimer     string           `json:"disclaimer"`
}

// DimensionRating is one dimension's 0–4 rating, whether a clinician gave it or carepath
// derived it, and on what basis.
type DimensionRating struct {
	Rating  int    `json:"rating"`
	Derived bool   `json:"derived"`
	Source  string `json:"source"` // "given" or "derived"
	Basis   string `json:"basis"`
	Name    string `json:"name"`
}

// Reason is one rubric rule that holds, with its stable code.
type Reason struct {
	Code      string             `json:"code"`
	Dimension carepath.Dimension `json:"dimension,omitempty"`
	Level     carepath.Level     `json:"level"`
	Text      string             `json:"text"`
}

// NotRecommended says why a level other than the recommended one was not chosen.
type NotRecommended struct {
	Level carepath.Level `json:"level"`
	Name  string         `json:"name"`
	Why   string         `json:"why"`
}

// Change is one thing that would move the recommendation, up or down, and where to.
type Change struct {
	Code      string         `json:"code"`
	Direction string         `json:"direction"` // "up" or "down"
	Level     carepath.Level `json:"level"`
	LevelName string         `json:"level_name"`
	Text      string         `json:"text"`
}

// Conflict is a practical limit that does not fit the recommended level, with concrete ways to
// make it work. Conflicts never lower the level.
type Conflict struct {
	Code        string   `json:"code"`
	Text        string   `json:"text"`
	Suggestions []string `json:"suggestions"`
}

// Disclaimer is shown with every recommendation.
const Disclaimer = "This is not a diagnosis. It is a starting point for a conversation: a licensed clinician decides the right level of care with you."

// CrisisMessage is shown whenever crisis is true.
const CrisisMessage = "You said you have had thoughts of being better off dead or of hurting yourself. You deserve support right now: call or text 988 (Suicide & Crisis Lifeline), or call 911 if you are in danger."

// Config holds what a program can change: the schedules and prices of each level.
type Config struct {
	Schedules map[carepath.Level]cost.Schedule
}

// DefaultConfig uses the seed figures in cost.Defaults.
var DefaultConfig = Config{Schedules: cost.Defaults}

// Recommend checks p and applies the rubric with the default configuration.
func Recommend(p Profile) (Recommendation, error) { return DefaultConfig.Recommend(p) }

// Recommend checks p and applies the rubric. It returns an EINVALID *carepath.Error naming every
// offending field (answer counts and ranges, ratings, enum values, money) and when the profile
// holds neither answers nor dimension ratings.
func (cfg Config) Recommend(p Profile) (Recommendation, error) {
	var errs carepath.FieldErrors
	validateProfile(&p, &errs)
	m := new(memory)
	scores, sev := scoreAnswers(&m.scores, &p.Answers, p.Context.Sex, &errs)
	if err := errs.Err(); err != nil {
		return Recommendation{}, err
	}
	w := &m.work
	w.in = flatten(&p, sev)
	f := &w.facts
	derive(f, &w.in)
	level, fired := decide(f)

	rec := Recommendation{
		Level: level.level(), LevelName: levelNames[level], ASAMLevel: asamLevels[level],
		Crisis: f.crisis, RubricVersion: RubricVersion, Disclaimer: Disclaimer,
		Scores:     scores,
		Dimensions: f.ratingsByName(),
	}
	if f.crisis {
		rec.CrisisMessage = CrisisMessage
	}
	rec.Reasons = reasons(f, level, fired)
	rec.NotRecommended = notRecommended(&m.notRecommended, level, fired)
	rec.WouldChange = wouldChange(w, level)
	rec.Conflicts = conflicts(&p, f, level)
	rec.Options = cfg.options(&p, f, level)
	return rec, nil
}

// Scores holds the score of each answered questionnaire; nil when not answered.
type Scores struct {
	PHQ9   *instrument.Score `json:"phq9,omitempty"`
	GAD7   *instrument.Score `json:"gad7,omitempty"`
	AUDIT  *instrument.Score `json:"audit,omitempty"`
	AUDITC *instrument.Score `json:"auditc,omitempty"`
	DAST10 *instrument.Score `json:"dast10,omitempty"`
}

// Get returns the score of questionnaire id, or nil when it was not answered.
func (s Scores) Get(id instrument.ID) *instrument.Score {
	switch id {
	case instrument.PHQ9:
		return s.PHQ9
	case instrument.GAD7:
		return s.GAD7
	case instrument.AUDIT:
		return s.AUDIT
	case instrument.AUDITC:
		return s.AUDITC
	case instrument.DAST10:
		return s.DAST10
	}
	return nil
}

// DimensionRatings holds the rating of each of the six dimensions.
type DimensionRatings struct {
	Withdrawal  DimensionRating `json:"withdrawal"`
	Biomedical  DimensionRating `json:"biomedical"`
	Psychiatric DimensionRating `json:"psychiatric"`
	Readiness   DimensionRating `json:"readiness"`
	Relapse     DimensionRating `json:"relapse"`
	Environment DimensionRating `json:"environment"`
}

// All returns the six ratings in carepath.Dimensions order.
func (d *DimensionRatings) All() [6]*DimensionRating {
	return [6]*DimensionRating{&d.Withdrawal, &d.Biomedical, &d.Psychiatric, &d.Readiness, &d.Relapse, &d.Environment}
}

func (f *facts) ratingsByName() DimensionRatings {
	return DimensionRatings{
		Withdrawal: f.ratingOf(iWithdrawal), Biomedical: f.ratingOf(iBiomedical), Psychiatric: f.ratingOf(iPsychiatric),
		Readiness: f.ratingOf(iReadiness), Relapse: f.ratingOf(iRelapse), Environment: f.ratingOf(iEnvironment),
	}
}

// ratingOf is the rating of dimension i as the answer shows it.
func (f *facts) ratingOf(i int) DimensionRating {
	src := "derived"
	if f.given[i] {
		src = "given"
	}
	return DimensionRating{Rating: int(f.rating[i]), Derived: !f.given[i], Source: src, Basis: f.basis[i].String(), Name: dimensionNames[i]}
}

// reasons lists the rules that hold at the recommended level, or the reason for no treatment
// when none does.
func reasons(f *facts, level rank, fired uint64) []Reason {
	held := fired & rulesAt[level]
	n := bits.OnesCount64(held)
	if level == rankNone {
		n++
	}
	out := make([]Reason, 0, n)
	for ; held != 0; held &= held - 1 {
		i := bits.TrailingZeros64(held)
		r := &Rubric[i]
		dim := r.Dimension
		if mainProblemRules&(1<<i) != 0 && f.rating[iRelapse] > f.rating[iPsychiatric] {
			dim = carepath.DimRelapse
		}
		out = append(out, Reason{Code: r.Code, Dimension: dim, Level: r.Level, Text: r.Text})
	}
	if level == rankNone {
		out = append(out, Reason{Code: "no_current_need", Level: level.level(),
			Text: "Your answers show minimal symptoms and no risk in any area. A free consultation can still help if something is on your mind."})
	}
	return out
}

// notRecommended explains, in out, every other level: a lower one does not meet the need behind
// the strongest reason; a higher one is more than the answers call for.
func notRecommended(out *[len(levelOfRank) - 1]NotRecommended, level rank, fired uint64) []NotRecommended {
	notEnough := "Not enough for what your answers show."
	if held := fired & rulesAt[level]; held != 0 {
		notEnough = notEnoughWhy[bits.TrailingZeros64(held)] // the first rule is the strongest
	}
	n := 0
	for l := range rank(len(levelOfRank)) {
		why := higherWhy[l]
		switch {
		case l == level:
			continue
		case l < level:
			why = notEnough
		}
		out[n] = NotRecommended{Level: l.level(), Name: levelNames[l], Why: why}
		n++
	}
	return out[:n:n]
}

// notEnoughWhy says, for each rule, why a level below the one it asks for is not enough.
var notEnoughWhy = func() []string {
	why := make([]string, len(Rubric))
	for i, r := range Rubric {
		why[i] = "Not enough for what your answers show: " + r.Text
	}
	return why
}()

// higherWhy says why a level above the recommendation was not chosen.
var higherWhy = [...]string{
	rankOutpatient:  "Nothing in the answers points to a problem that needs regular therapy now.",
	rankIOP:         "The problem is not moderate to severe, and nothing else calls for several sessions a week.",
	rankPHP:         "Symptoms are not severe enough to need 20 or more hours of structure a week.",
	rankResidential: "Home is safe enough and support is there: a 24-hour setting is not needed.",
	rankInpatient:   "No withdrawal, medical or mental-health need calls for 24-hour medical care.",
}
