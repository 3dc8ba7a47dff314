package placement

import "github.com/carepath/carepath"

// RubricVersion names the version of the rubric below and of the safety floor
// (FloorRules); it changes whenever a rule changes.
const RubricVersion = "carepath-2026.12.1"

// rule is one line of the rubric: when it holds, the recommendation is at least Level.
type rule struct {
	Code      string
	Dimension carepath.Dimension // "" when the rule is about history rather than a dimension
	Level     carepath.Level
	Text      string // the reason, in plain words, shown to the person and the clinician
	When      func(f *facts) bool
}

// mainProblem marks the rules about the main problem, whose dimension is whichever of
// psychiatric and relapse is rated higher.
var mainProblem = map[string]bool{"moderate_to_severe": true, "severe_needs_structure": true, "mild_to_moderate": true,
	"screen_positive": true}

// worst is the higher of the mental-health and the substance/relapse ratings: how serious the
// main problem is.
func (f *facts) worst() int8 { return max(f.rating[iPsychiatric], f.rating[iRelapse]) }

// homeSetsLevel reports whether home can decide the level: only for a person who uses alcohol
// or drugs, where people who use at home or no stable home can hold recovery back. For anyone
// else home trouble calls for supportive housing and case management (see Service) at the level
// the clinical problem needs; only a complete lack of support still asks for a program's peer
// support (moderate_without_support).
func (f *facts) homeSetsLevel() bool { return f.substance }

// afterDayOr24hCare reports whether the most recent level was partial hospitalization,
// residential or inpatient care.
func (f *facts) afterDayOr24hCare() bool {
	return f.recent == rankPHP || f.recent == rankResidential || f.recent == rankInpatient
}

// Rubric is carepath's level-of-care rubric, most intensive first. Every rule that holds is a
// reason; the recommendation is the most intensive level any rule or the safety floor
// (FloorRules) asks for, and "none" (offer a consultation) when nothing does. Practical limits
// never appear here: they cannot lower a clinically safe level, they only produce conflicts
// and suggestions. A physical health problem alone raises no level: it is a medical referral.
var Rubric = []rule{
	{"withdrawal_24h", carepath.DimWithdrawal, carepath.LevelInpatient,
		"Withdrawal or intoxication is severe: it needs 24-hour medical care.",
		func(f *facts) bool { return f.rating[iWithdrawal] >= 4 }},
	{"medical_24h", carepath.DimBiomedical, carepath.LevelInpatient,
		"A physical health condition needs 24-hour medical care alongside treatment for the behavioral-health problem.",
		func(f *facts) bool { return f.rating[iBiomedical] >= 4 && f.behavioral() }},
	{"psychiatric_24h", carepath.DimPsychiatric, carepath.LevelInpatient,
		"A mental-health condition needs 24-hour care and supervision.",
		func(f *facts) bool { return f.rating[iPsychiatric] >= 4 }},
	{"environment_high_risk", carepath.DimEnvironment, carepath.LevelResidential,
		"Home is high-risk for recovery from substance use (people who use there, or unstable housing with trouble keeping a schedule): a structured place to live comes first.",
		func(f *facts) bool { return f.rating[iEnvironment] >= 4 && f.homeSetsLevel() }},
	{"withdrawal_monitored", carepath.DimWithdrawal, carepath.LevelResidential,
		"Withdrawal needs monitoring around the clock in a 24-hour setting.",
		func(f *facts) bool { return f.rating[iWithdrawal] == 3 }},
	{"severe_without_support", carepath.DimEnvironment, carepath.LevelResidential,
		"Substance use is severe and there is no safe, supportive home to return to each day: an outpatient program is not enough.",
		func(f *facts) bool { return f.severe && f.rating[iEnvironment] == 3 && f.homeSetsLevel() }},
	{"severe_needs_structure", carepath.DimPsychiatric, carepath.LevelPHP,
		"Symptoms are severe and need 20 or more hours a week of structure.",
		func(f *facts) bool { return f.severe && (f.rating[iEnvironment] <= 2 || !f.homeSetsLevel()) }},
	{"home_each_evening", carepath.DimEnvironment, carepath.LevelPHP,
		"You said you have support at home, so going home each evening can work; the team will check this with you.",
		func(f *facts) bool { return f.severe && f.homeAsked && f.rating[iEnvironment] <= 1 && !f.crisis }},
	{"medical_monitoring", carepath.DimBiomedical, carepath.LevelPHP,
		"A physical health problem needs daily monitoring alongside treatment for the behavioral-health problem.",
		func(f *facts) bool { return f.rating[iBiomedical] == 3 && f.behavioral() }},
	{"moderate_to_severe", carepath.DimPsychiatric, carepath.LevelIOP,
		"The problem is moderate to severe — more than a weekly session can hold — but does not need constant supervision.",
		func(f *facts) bool { return f.worst() >= 3 }},
	{"step_down_from_24h", carepath.DimRelapse, carepath.LevelIOP,
		"Stepping down after residential, inpatient or partial hospitalization care: an IOP keeps the structure while daily life resumes.",
		func(f *facts) bool { return f.completed && f.afterDayOr24hCare() }},
	{"left_24h_early", carepath.DimRelapse, carepath.LevelIOP,
		"Residential, inpatient or partial hospitalization care ended before it was finished: at least an IOP, to keep the structure and pick up what was left undone.",
		func(f *facts) bool { return !f.completed && f.afterDayOr24hCare() }},
	{"withdrawal_daily_monitoring", carepath.DimWithdrawal, carepath.LevelIOP,
		"Withdrawal needs daily checks by a medical team while it lasts (withdrawal management), alongside several sessions a week.",
		func(f *facts) bool { return f.rating[iWithdrawal] == 2 }},
	{"co_occurring_moderate", carepath.DimPsychiatric, carepath.LevelIOP,
		"Two moderate problems at once (for example low mood and drinking) are better treated together, several times a week.",
		func(f *facts) bool { return f.rating[iPsychiatric] >= 2 && f.rating[iRelapse] >= 2 }},
	{"moderate_without_support", carepath.DimEnvironment, carepath.LevelIOP,
		"A moderate problem with little support at home: a program gives the structure and peer support that home does not.",
		func(f *facts) bool {
			return f.worst() >= 2 && f.rating[iEnvironment] == 3 && (f.homeSetsLevel() || f.noSupport)
		}},
	{"completed_iop", carepath.DimRelapse, carepath.LevelOutpatient,
		"An IOP was completed: individual therapy keeps the gains going.",
		func(f *facts) bool { return f.completed && f.recent == rankIOP }},
	{"left_iop_early", carepath.DimRelapse, carepath.LevelOutpatient,
		"An IOP ended before it was finished: at least individual therapy, to keep going with what was started.",
		func(f *facts) bool { return !f.completed && f.recent == rankIOP }},
	{"mild_to_moderate", carepath.DimPsychiatric, carepath.LevelOutpatient,
		"The problem is mild to moderate: weekly one-on-one therapy fits it.",
		func(f *facts) bool { return f.worst() >= 1 && !f.screenOnly }},
	{"screen_positive", carepath.DimPsychiatric, carepath.LevelOutpatient,
		"A short screening question points to a possible problem, and the longer questionnaire that shows how serious it is was not asked: at least individual therapy, where a clinician asks the rest.",
		func(f *facts) bool { return f.screenOnly }},
	{"withdrawal_check", carepath.DimWithdrawal, carepath.LevelOutpatient,
		"Withdrawal needs a doctor's check and advice on cutting down safely, with follow-up visits.",
		func(f *facts) bool { return f.rating[iWithdrawal] == 1 }},
}

// ruleRanks holds the rank of each rule's level, ranksFrom the highest rank of the rules from
// each one on, rulesAt the rules of each level and mainProblemRules the rules of mainProblem
// (bit i for Rubric[i]).
var ruleRanks, ranksFrom, rulesAt, mainProblemRules = func() (ranks [64]rank, from [65]rank, at [len(levelOfRank)]uint64, main uint64) {
	for i, r := range Rubric {
		ranks[i] = rankOf(r.Level)
		at[ranks[i]] |= 1 << i
		if mainProblem[r.Code] {
			main |= 1 << i
		}
	}
	for i := len(Rubric) - 1; i >= 0; i-- {
		from[i] = max(ranks[i], from[i+1])
	}
	return ranks, from, at, main
}()

// decide applies the rubric to f and returns the recommended level and a bit set of the rules
// that hold (bit i for Rubric[i]).
func decide(f *facts) (rank, uint64) {
	level, fired := rankNone, uint64(0)
	for i := range Rubric {
		if Rubric[i].When(f) {
			fired |= 1 << i
			level = max(level, ruleRanks[i])
		}
	}
	return level, fired
}

// decideLevel is decide when only the level matters, as for the what-ifs, and only above
// from: it tries only the rules that could raise the level found so far, and stops when none
// is left. With the most intensive rules first, that is at the first rule that holds. It
// returns from when no rule asks for more.
func decideLevel(f *facts, from rank) rank {
	level := from
	rules := Rubric
	for i := range rules {
		if ranksFrom[i] <= level {
			break
		}
		if ruleRanks[i] > level && rules[i].When(f) {
			level = ruleRanks[i]
		}
	}
	return level
}
