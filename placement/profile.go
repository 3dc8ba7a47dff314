// Package placement is carepath's level-of-care engine: a pure, deterministic function from a
// profile (questionnaire answers, dimension ratings, context, coverage) to a recommendation with
// its reasons, the levels it did not choose and why, what would change it, practical conflicts
// and a side-by-side comparison of the options. The rubric is carepath's own and lives in
// rubric.go as a table.
package placement

import (
	"github.com/carepath/carepath"
	"github.com/carepath/carepath/cost"
)

// Profile is everything the engine looks at. Every part is optional, but at least one answer set
// or one dimension rating must be present.
type Profile struct {
	Answers    Answers
	Dimensions Ratings
	Context    Context
	Coverage   *cost.Coverage
}

// Answers holds questionnaire answers as option indices in the published order; DAST-10 and
// C-SSRS answers are yes (true) or no. A nil slice means the questionnaire was not answered.
//
// The short screens — PHQ-2, GAD-2, AUDIT-C and the single drug-use question — stand for their
// area when the full questionnaire was not asked: a negative screen counts as minimal, a
// positive one as at least mild, never as nothing, with a flag to ask the full questionnaire.
type Answers struct {
	PHQ9   []int
	PHQ2   []int // only when the PHQ-9 was not asked; otherwise the PHQ-9 is read
	GAD7   []int
	GAD2   []int // only when the GAD-7 was not asked; otherwise the GAD-7 is read
	AUDIT  []int
	AUDITC []int // only when the full AUDIT was not asked; otherwise AUDIT-C comes from AUDIT
	DAST10 []bool
	// SingleDrugScreen is the answer to the single-question drug screen: how many times in the
	// past year the person used an illegal drug or a prescription medication for non-medical
	// reasons; nil when not asked. It is read alongside the DAST-10 when both were asked.
	SingleDrugScreen *int
	// CSSRS holds the six answers of the C-SSRS screener in the published order: wish to be
	// dead; thoughts of killing yourself; thinking about how; some intention of acting on them;
	// a plan with the intention to carry it out; anything done, started or prepared to end your
	// life, ever. A question the screener skips (3–5 after a no to 2) is false.
	CSSRS []bool
	// CSSRSBehaviorPast3Months answers the screener's follow-up to a yes to question 6, "Was
	// this within the past 3 months?"; nil when not asked. A yes to question 6 without it is
	// taken as within the past 3 months until a clinician asks.
	CSSRSBehaviorPast3Months *bool
	CIWAAr                   []int // CIWA-Ar ratings: ten items, 0–7 each and orientation 0–4
	COWS                     []int // COWS option indices: eleven items in the published order
}

// answered reports whether any questionnaire or rating scale was answered.
func (a *Answers) answered() bool {
	return a.PHQ9 != nil || a.PHQ2 != nil || a.GAD7 != nil || a.GAD2 != nil || a.AUDIT != nil || a.AUDITC != nil ||
		a.DAST10 != nil || a.SingleDrugScreen != nil || a.CSSRS != nil || a.CIWAAr != nil || a.COWS != nil
}

// Ratings holds the 0–4 ratings a clinician gave, per dimension. The zero value gives none.
type Ratings struct {
	given uint8   // bit i set when dimension i (carepath.Dimensions order) was given
	value [6]int8 // the rating of each given dimension
}

// Set records rating r for dimension d. Unknown dimensions are ignored; out-of-range ratings are
// kept so that Recommend can name them.
func (r *Ratings) Set(d carepath.Dimension, rating int) {
	for i, x := range carepath.Dimensions {
		if x == d {
			r.setAt(i, rating)
		}
	}
}

// Get returns the rating given for d, and false when none was given.
func (r Ratings) Get(d carepath.Dimension) (int, bool) {
	for i, x := range carepath.Dimensions {
		if x == d {
			v, ok := r.at(i)
			return int(v), ok
		}
	}
	return 0, false
}

func (r *Ratings) setAt(i, rating int) {
	r.given |= 1 << i
	r.value[i] = int8(max(-128, min(127, rating)))
}

func (r *Ratings) at(i int) (int8, bool) { return r.value[i], r.given&(1<<i) != 0 }

// Support is how much support a person has at home and around them.
type Support string

// The kinds of support.
const (
	SupportUnknown Support = ""
	SupportStrong  Support = "strong"
	SupportSome    Support = "some"
	SupportNone    Support = "none"
)

// Preference is the format of care a person prefers.
type Preference string

// The preferences.
const (
	PreferNone       Preference = "none"
	PreferIndividual Preference = "individual"
	PreferGroup      Preference = "group"
)

// Severity is a plain four-step rating a person can give about themselves.
type Severity string

// The severities.
const (
	SeverityUnknown  Severity = ""
	SeverityNone     Severity = "none"
	SeverityMild     Severity = "mild"
	SeverityModerate Severity = "moderate"
	SeveritySevere   Severity = "severe"
)

// Readiness is how ready a person feels to change.
type Readiness string

// The readiness answers.
const (
	ReadinessUnknown  Readiness = ""
	ReadinessReady    Readiness = "ready"
	ReadinessUnsure   Readiness = "unsure"
	ReadinessNotReady Readiness = "not_ready"
)

// Substance is a kind of substance a person uses now.
type Substance string

// The substances.
const (
	SubstanceAlcohol    Substance = "alcohol"
	SubstanceSedatives  Substance = "sedatives" // benzodiazepines, sleeping pills, barbiturates
	SubstanceOpioids    Substance = "opioids"
	SubstanceStimulants Substance = "stimulants"
	SubstanceCannabis   Substance = "cannabis"
	SubstanceOther      Substance = "other"
)

// Substances lists every substance in the order forms show them.
var Substances = []Substance{SubstanceAlcohol, SubstanceSedatives, SubstanceOpioids, SubstanceStimulants, SubstanceCannabis, SubstanceOther}

// WithdrawalEvent is a complication of an earlier withdrawal.
type WithdrawalEvent string

// The withdrawal complications.
const (
	WithdrawalSeizures        WithdrawalEvent = "seizures"
	WithdrawalDeliriumTremens WithdrawalEvent = "delirium_tremens"
	WithdrawalComplicated     WithdrawalEvent = "complicated" // e.g. hallucinations, or a stay in hospital
)

// WithdrawalEvents lists every withdrawal complication.
var WithdrawalEvents = []WithdrawalEvent{WithdrawalSeizures, WithdrawalDeliriumTremens, WithdrawalComplicated}

// Context is what the questionnaires do not ask: living situation, support, history, practical
// limits and safety. Pointer and slice fields are nil when not answered; an empty Substances or
// WithdrawalHistory means "none".
type Context struct {
	SubstanceUse            *bool
	Sex                     carepath.Sex
	RecentLevel             carepath.Level // "" when not given
	CompletedRecentLevel    bool
	RelapsedAfterTreatment  bool
	AtRiskOfHospitalization bool
	NeedsTwentyFourHourCare bool // needs_24h_supervision: a medical or psychiatric need for 24-hour care
	LivesWithActiveUsers    bool
	StableHousing           *bool
	TroubleKeepingSchedule  bool
	Support                 Support
	WeeklyHoursAvailable    *int
	MustKeepWorking         bool
	Preference              Preference
	SelfHarm                bool
	Withdrawal              Severity // withdrawal symptoms when cutting down or stopping
	MedicalNeeds            Severity // physical health problems that need attention
	Readiness               Readiness
	Substances              []Substance       // the substances used now
	WithdrawalHistory       []WithdrawalEvent // complications of earlier withdrawals
	Age                     *int              // in years
	Pregnant                *bool
	Intoxication            Severity // how intoxicated the person is now (severe: signs of an overdose)
}
