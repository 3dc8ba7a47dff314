package placement

// basis says why a dimension's rating is what it is. derive records one per dimension as a
// small code, so that facts holds no pointers; basisText turns it into words for the answer.
type basis uint8

// The bases, grouped by dimension.
const (
	basisUnset basis = iota
	basisGiven
	basisNotAsked

	basisNoWithdrawal
	basisMildWithdrawal
	basisModerateWithdrawal
	basisSevereWithdrawal
	basisWithdrawalNotRuledOut
	basisNoWithdrawalReported
	basisWithdrawalHistorySymptoms
	basisWithdrawalPregnant
	basisWithdrawalModerateRisk
	basisWithdrawalHistory
	basisOpioidWithdrawal
	basisOtherWithdrawal
	basisIntoxicated

	basisNoMedical
	basisMinorMedical
	basisRegularMedical
	basisSeriousMedical
	basisMedical24h

	basisMoodScores
	basisNoMoodQuestionnaire
	basisSelfHarm
	basisSuicideScreen
	basisHospitalRisk
	basisPsychiatric24h

	basisReady
	basisUnsure
	basisNotReady

	basisUseScores
	basisNoUseQuestionnaire
	basisRelapsed
	basisRelapsedActive

	basisWithUsers
	basisUnstableAndNoSchedule
	basisUnstableHousing
	basisNoSupport
	basisSomeSupport
	basisStrongSupport

	basisCount
)

// basisText is each basis in plain words, as the answer shows it.
var basisText = [basisCount]string{
	basisUnset:    "",
	basisGiven:    "given by a clinician",
	basisNotAsked: "not asked",

	basisNoWithdrawal:              "reported no withdrawal symptoms",
	basisMildWithdrawal:            "mild withdrawal symptoms, reported or rated",
	basisModerateWithdrawal:        "moderate withdrawal symptoms (shaking, sweating, racing heart), reported or rated on the CIWA-Ar",
	basisSevereWithdrawal:          "severe withdrawal (for example seizures, hallucinations or severe shaking), reported or rated on the CIWA-Ar",
	basisWithdrawalNotRuledOut:     "not ruled out: the answers point to physical dependence (for example a morning drink, or withdrawal after stopping drugs before), or withdrawal was not asked and the scores are high",
	basisNoWithdrawalReported:      "no withdrawal reported",
	basisWithdrawalHistorySymptoms: "withdrawal symptoms now, after seizures or delirium tremens in an earlier withdrawal",
	basisWithdrawalPregnant:        "moderate or worse withdrawal from alcohol or sedatives during pregnancy",
	basisWithdrawalModerateRisk:    "moderate withdrawal from alcohol or sedatives, with something that makes it riskier at home",
	basisWithdrawalHistory:         "seizures or delirium tremens in an earlier withdrawal, and still using alcohol or sedatives",
	basisOpioidWithdrawal:          "opioid withdrawal (reported, or rated on the COWS)",
	basisOtherWithdrawal:           "withdrawal from stimulants or cannabis",
	basisIntoxicated:               "severely intoxicated now, or a possible overdose",

	basisNoMedical:      "no physical health needs reported",
	basisMinorMedical:   "reported minor physical health needs",
	basisRegularMedical: "reported physical health needs that need regular care",
	basisSeriousMedical: "reported serious or worsening physical health problems",
	basisMedical24h:     "a physical health need that calls for 24-hour care",

	basisMoodScores:          "from the PHQ-9 and GAD-7 scores",
	basisNoMoodQuestionnaire: "no mood or anxiety questionnaire answered",
	basisSelfHarm:            "thoughts of self-harm call for a safety evaluation and close follow-up",
	basisSuicideScreen:       "from the suicide-risk screen (C-SSRS) and any thoughts of self-harm",
	basisHospitalRisk:        "at risk of hospitalization: more support than weekly therapy",
	basisPsychiatric24h:      "a mental-health need that calls for 24-hour care",

	basisReady:    "ready to make changes",
	basisUnsure:   "unsure about making changes",
	basisNotReady: "not ready to make changes yet",

	basisUseScores:          "from the AUDIT and DAST-10 scores",
	basisNoUseQuestionnaire: "no substance questionnaire answered",
	basisRelapsed:           "relapsed after earlier treatment",
	basisRelapsedActive:     "relapsed after earlier treatment and the problem is active now",

	basisWithUsers:             "lives with people who drink heavily or use drugs",
	basisUnstableAndNoSchedule: "unstable housing together with trouble keeping to a schedule",
	basisUnstableHousing:       "unstable housing",
	basisNoSupport:             "no support system at home or nearby",
	basisSomeSupport:           "some support at home or nearby",
	basisStrongSupport:         "strong support at home or nearby",
}

// medicalBasis explains a rating derived from the plain answer about physical health.
var medicalBasis = [4]basis{basisNoMedical, basisMinorMedical, basisRegularMedical, basisSeriousMedical}

// String returns b in plain words.
func (b basis) String() string { return basisText[b] }
