package placement

import (
	"math/bits"
	"sync"
	"sync/atomic"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/cost"
	"github.com/carepath/carepath/instrument"
)

// Recommendation is the engine's answer. It is a recommendation for a clinician and a person to
// discuss, never a diagnosis.
type Recommendation struct {
	Level         carepath.Level `json:"level"` // never below Floor.Level
	LevelName     string         `json:"level_name"`
	ASAMLevel     string         `json:"asam_level"`
	Crisis        bool           `json:"crisis"`
	CrisisMessage string         `json:"crisis_message,omitempty"`
	// Floor is the least level the risk answers allow; no rating and no practical limit lowers it.
	Floor Floor `json:"floor"`
	// Urgency is how soon to be seen, and UrgencyText what to do, in plain words.
	Urgency     Urgency `json:"urgency"`
	UrgencyText string  `json:"urgency_text"`
	// WithdrawalManagement is the setting withdrawal needs, alongside the level of care.
	WithdrawalManagement WithdrawalManagement `json:"withdrawal_management"`
	// Referral is "medical" when a physical health problem needs a doctor's care; "" otherwise.
	Referral       string           `json:"referral,omitempty"`
	RubricVersion  string           `json:"rubric_version"`
	Scores         Scores           `json:"scores"`
	Dimensions     DimensionRatings `json:"dimensions"`
	Reasons        []Reason         `json:"reasons"`
	NotRecommended []NotRecommended `json:"not_recommended"`
	WouldChange    []Change         `json:"would_change"`
	Conflicts      []Conflict       `json:"conflicts"`
	Options        []Option         `json:"options"`
	// Services are what should come with the level: a safety plan, withdrawal management,
	// medication for opioid use disorder and naloxone, housing help, and so on. Flags are what
	// a clinician must act on first, and cautions for the person. Both are shared, read-only
	// slices, like the options' pros and cons.
	Services   []Service `json:"services"`
	Flags      []Flag    `json:"flags"`
	Disclaimer string    `json:"disclaimer"`
}

// ReferralMedical is Recommendation.Referral when a physical health problem needs a doctor.
const ReferralMedical = "medical"

// Floor is the safety floor of one recommendation: the least level and the rules that hold.
type Floor struct {
	Level     carepath.Level `json:"level"`
	LevelName string         `json:"level_name"`
	Reasons   []FloorReason  `json:"reasons"`
}

// FloorReason is one rule of FloorRules that holds, with what it asks for.
type FloorReason struct {
	Code                 string               `json:"code"`
	Level                carepath.Level       `json:"level"`
	Urgency              Urgency              `json:"urgency"`
	WithdrawalManagement WithdrawalManagement `json:"withdrawal_management"`
	Text                 string               `json:"text"`
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
const CrisisMessage = "You told us about thoughts of death, suicide or hurting yourself. You deserve support right now: call or text 988 (Suicide & Crisis Lifeline), or call 911 if you are in danger."

// Config holds what a program can change: the schedules and prices of each level, and those
// that replace them for a person under 18.
type Config struct {
	Schedules           map[carepath.Level]cost.Schedule
	AdolescentSchedules map[carepath.Level]cost.Schedule
}

// DefaultConfig uses the seed figures in cost.Defaults, and cost.AdolescentDefaults for
// adolescents.
var DefaultConfig = Config{Schedules: cost.Defaults, AdolescentSchedules: cost.AdolescentDefaults}

// Recommend checks p and applies the rubric with the default configuration.
func Recommend(p Profile) (Recommendation, error) { return DefaultConfig.Recommend(p) }

// Recommend checks p and applies the rubric and the safety floor. It returns an EINVALID
// *carepath.Error naming every offending field (answer counts and ranges, ratings, enum values,
// money, age) and when the profile holds neither answers nor dimension ratings.
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
	derive(f, &w.in, nil)
	rubricLevel, fired := decide(f)
	level := max(rubricLevel, f.floor)
	urg := max(f.urgency, levelUrgency[level])
	switch {
	case f.rating[iBiomedical] >= 4:
		urg = max(urg, uToday) // a need for 24-hour medical care is seen the same day
	case f.rating[iBiomedical] == 3:
		urg = max(urg, uSoon) // serious or worsening physical problems within a week
	}

	rec := Recommendation{
		Level: level.level(), LevelName: levelNames[level], ASAMLevel: asamLevels[level],
		Crisis: f.crisis, RubricVersion: RubricVersion, Disclaimer: Disclaimer,
		Floor:   floorOf(f),
		Urgency: urgencies[urg], UrgencyText: urgencyTexts[urg],
		WithdrawalManagement: WithdrawalManagementLevels[f.wm].Level,
		Scores:               scores,
		Dimensions:           f.ratingsByName(),
	}
	if f.crisis {
		rec.CrisisMessage = CrisisMessage
	}
	if f.medicalReferral() {
		rec.Referral = ReferralMedical
	}
	rec.Reasons = reasons(f, level, fired)
	rec.NotRecommended = notRecommended(&m.notRecommended, f, level, fired)
	rec.WouldChange = wouldChange(w, level)
	rec.Conflicts = conflicts(&p, f, level)
	rec.Options = cfg.options(&p, f, level)
	rec.Services = services(&w.in, f)
	rec.Flags = flags(&w.in, f)
	return rec, nil
}

// floorOf is the floor of f as the answer shows it. Its reasons are a shared, read-only list.
func floorOf(f *facts) Floor {
	return Floor{Level: f.floor.level(), LevelName: levelNames[f.floor], Reasons: floorReasonList(f.floorRules)}
}

// floorReasonLists maps every set of floor rules asked for so far (bit i for FloorRules[i]) to
// its reasons, built once and shared read-only. The map is copied on write: reading it takes no
// lock, and few sets ever occur.
var (
	floorReasonLists   atomic.Pointer[map[uint32][]FloorReason]
	floorReasonListsMu sync.Mutex
)

// floorReasonList returns the reasons of the floor rules held.
func floorReasonList(held uint32) []FloorReason {
	if m := floorReasonLists.Load(); m != nil {
		if list, ok := (*m)[held]; ok {
			return list
		}
	}
	list := make([]FloorReason, 0, bits.OnesCount32(held))
	for b := held; b != 0; b &= b - 1 {
		r := &FloorRules[bits.TrailingZeros32(b)]
		list = append(list, FloorReason{Code: r.Code, Level: r.Level, Urgency: r.Urgency, WithdrawalManagement: r.Withdrawal, Text: r.Text})
	}
	floorReasonListsMu.Lock()
	defer floorReasonListsMu.Unlock()
	next := map[uint32][]FloorReason{held: list}
	if m := floorReasonLists.Load(); m != nil {
		if have, ok := (*m)[held]; ok {
			return have
		}
		for k, v := range *m {
			next[k] = v
		}
	}
	floorReasonLists.Store(&next)
	return list
}

// Scores holds the score of each answered questionnaire or rating scale; nil when not answered.
type Scores struct {
	PHQ9             *instrument.Score `json:"phq9,omitempty"`
	PHQ2             *instrument.Score `json:"phq2,omitempty"` // only when the PHQ-9 was not asked
	GAD7             *instrument.Score `json:"gad7,omitempty"`
	GAD2             *instrument.Score `json:"gad2,omitempty"` // only when the GAD-7 was not asked
	AUDIT            *instrument.Score `json:"audit,omitempty"`
	AUDITC           *instrument.Score `json:"auditc,omitempty"`
	DAST10           *instrument.Score `json:"dast10,omitempty"`
	SingleDrugScreen *instrument.Score `json:"single_drug_screen,omitempty"`
	CSSRS            *instrument.Score `json:"cssrs,omitempty"`
	CIWAAr           *instrument.Score `json:"ciwa_ar,omitempty"`
	COWS             *instrument.Score `json:"cows,omitempty"`
}

// Get returns the score of questionnaire id, or nil when it was not answered.
func (s Scores) Get(id instrument.ID) *instrument.Score {
	switch id {
	case instrument.PHQ9:
		return s.PHQ9
	case instrument.PHQ2:
		return s.PHQ2
	case instrument.GAD7:
		return s.GAD7
	case instrument.GAD2:
		return s.GAD2
	case instrument.AUDIT:
		return s.AUDIT
	case instrument.AUDITC:
		return s.AUDITC
	case instrument.DAST10:
		return s.DAST10
	case instrument.DrugScreen:
		return s.SingleDrugScreen
	case instrument.CSSRS:
		return s.CSSRS
	case instrument.CIWAAr:
		return s.CIWAAr
	case instrument.COWS:
		return s.COWS
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
