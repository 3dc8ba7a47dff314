package web

import (
	"slices"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/instrument"
)

// The published cut-offs of the short screens: a PHQ-2 or GAD-2 of 3 or more, an AUDIT-C of 4
// or more for men and 3 or more for women and when sex is not given, and any drug use in the
// past year.
const (
	twoItemScreenCutOff = 3
	auditCCutOffMale    = 4
	auditCCutOff        = 3
)

// phq2Positive reports whether the first two PHQ-9 questions add up to a positive PHQ-2.
func (a aidAnswers) phq2Positive() bool {
	n, ok := a.total("phq9", 1, 2, 4)
	return ok && n >= twoItemScreenCutOff
}

// gad2Positive reports whether the first two GAD-7 questions add up to a positive GAD-2.
func (a aidAnswers) gad2Positive() bool {
	n, ok := a.total("gad7", 1, 2, 4)
	return ok && n >= twoItemScreenCutOff
}

// auditCPositive reports whether the first three AUDIT questions add up to a positive AUDIT-C
// for the sex given.
func (a aidAnswers) auditCPositive() bool {
	n, ok := a.total("audit", 1, 3, 5)
	cut := auditCCutOff
	if a.sex() == carepath.SexMale {
		cut = auditCCutOffMale
	}
	return ok && n >= cut
}

// drugScreenPositive reports whether any drug use in the past year was reported.
func (a aidAnswers) drugScreenPositive() bool {
	n, ok := a.whole("drug_screen", instrument.SingleDrugScreen.MaxCount)
	return ok && n >= instrument.SingleDrugScreen.PositiveFrom
}

// substanceUse reports whether the drinking or the drug screen is positive: the withdrawal
// questions follow, and the question about people who use at home.
func (a aidAnswers) substanceUse() bool { return a.auditCPositive() || a.drugScreenPositive() }

// item9 reports whether PHQ-9 question 9 (thoughts of being better off dead or of self-harm)
// was answered with anything but "Not at all".
func (a aidAnswers) item9() bool {
	n, ok := a.choiceIndex("phq9_9", 4)
	return ok && n > 0
}

// selfHarm reports whether the self-harm question was answered yes.
func (a aidAnswers) selfHarm() bool { return a.get("self_harm") == "yes" }

// aidPath lists the steps a person with answers a is asked, in order. The C-SSRS screener comes
// right after the first answer that shows thoughts of suicide or self-harm: after the self-harm
// question, or after the PHQ-9 when its question 9 is the first.
func aidPath(a aidAnswers) []*aidStep {
	out := make([]*aidStep, 0, len(aidSteps))
	add := func(ids ...string) {
		for _, id := range ids {
			out = append(out, stepByID[id])
		}
	}
	add("about", "mood", "safety")
	if a.selfHarm() {
		add("cssrs", "cssrs_more")
	}
	if a.phq2Positive() {
		add("mood_more")
		if a.item9() && !a.selfHarm() {
			add("cssrs", "cssrs_more")
		}
	}
	add("anxiety")
	if a.gad2Positive() {
		add("anxiety_more")
	}
	add("alcohol")
	if a.auditCPositive() {
		add("alcohol_more")
	}
	add("drugs")
	if a.drugScreenPositive() {
		add("drugs_more")
	}
	if a.substanceUse() {
		add("use")
	}
	add("health", "home", "treatment")
	if l := carepath.Level(a.get("recent_level")); l.Valid() && l != carepath.LevelNone {
		add("treatment_more")
	}
	return out
}

// stepByID finds a step by its ID.
var stepByID = func() map[string]*aidStep {
	m := make(map[string]*aidStep, len(aidSteps))
	for _, s := range aidSteps {
		m[s.ID] = s
	}
	return m
}()

// stepIndex returns where the step with id is on path, or -1.
func stepIndex(path []*aidStep, id string) int {
	return slices.IndexFunc(path, func(s *aidStep) bool { return s.ID == id })
}

// crisisAnswered reports whether any answer on path shows thoughts of suicide or self-harm, so
// that every page after it shows the crisis resources at the top.
func crisisAnswered(a aidAnswers, path []*aidStep) bool {
	for _, s := range path {
		for _, q := range s.Questions(a) {
			if slices.Contains(q.Crisis, a.get(q.Field)) {
				return true
			}
		}
	}
	return false
}

// emergencyAnswered reports whether the C-SSRS answers on path call for help now: intent, a
// plan, or something done to end one's life in the past 3 months.
func emergencyAnswered(a aidAnswers, path []*aidStep) bool {
	if stepIndex(path, "cssrs_more") < 0 {
		return false
	}
	intent := a.get("cssrs_2") == "yes" && (a.get("cssrs_4") == "yes" || a.get("cssrs_5") == "yes")
	return intent || a.get("cssrs_6") == "recent"
}
