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
	basisModerateWithdrawalReported
	basisSevereWithdrawal
	basisSevereWithdrawalReported
	basisWithdrawalNotRuledOut
	basisNoWithdrawalReported
	basisWithdrawalHistorySymptoms
	basisWithdrawalPregnant
	basisWithdrawalModerateRisk
	basisWithdrawalHistory
	basisOpioidWithdrawal
	basisOpioidWithdrawalReported
	basisOtherWithdrawal
	basisIntoxicated

	basisNoMedical
	basisMinorMedical
	basisRegularMedical
	basisSeriousMedical
	basisMedical24h

	basisSelfHarm
	basisSuicideScreen
	basisHospitalRisk
	basisPsychiatric24h

	basisReady
	basisUnsure
	basisNotReady

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

// The bases of a rating taken from the questionnaires of an area, one for each combination of
// what was asked (see asked: none, the short screen or the full questionnaire, for each of the
// area's two questionnaires) and whether a positive short screen alone lifted it: they name
// only what was asked.
const (
	areaBases      = 3 * 3 * 2
	basisMoodFirst = basisCount
	basisUseFirst  = basisMoodFirst + areaBases
	basisAll       = basisUseFirst + areaBases
)

// areaBasis is the basis of an area's rating: first the area's bases, then what was asked of
// it, then whether a positive screen alone lifted it.
func areaBasis(first basis, from uint8, lifted bool) basis {
	i := (from&3)*3 + from>>2
	if lifted {
		i += 9
	}
	return first + basis(i)
}

// areaBasisTexts writes the bases of an area whose two questionnaires have the names given,
// each as [none, short screen, full questionnaire].
func areaBasisTexts(t []string, one, two [3]string, noneAsked string) {
	for a := range uint8(3) {
		for b := range uint8(3) {
			text := noneAsked
			switch {
			case a != 0 && b != 0:
				text = "from " + one[a] + " and " + two[b]
			case a != 0:
				text = "from " + one[a]
			case b != 0:
				text = "from " + two[b]
			}
			t[a*3+b] = text
			t[9+a*3+b] = text + ": a short screen is positive and its full questionnaire was not asked, so this counts as at least mild"
		}
	}
}

// basisText is each basis in plain words, as the answer shows it.
var basisText = func() (t [basisAll]string) {
	copy(t[:], fixedBasisText[:])
	areaBasisTexts(t[basisMoodFirst:basisUseFirst], [3]string{"", "the PHQ-2", "the PHQ-9"}, [3]string{"", "the GAD-2", "the GAD-7"},
		"no mood or anxiety questionnaire answered")
	areaBasisTexts(t[basisUseFirst:basisAll], [3]string{"", "the AUDIT-C", "the AUDIT"},
		[3]string{"", "the single question about drug use", "the DAST-10"}, "no substance questionnaire answered")
	return t
}()

// fixedBasisText is each basis but the areas' in plain words.
var fixedBasisText = [basisCount]string{
	basisUnset:    "",
	basisGiven:    "given by a clinician",
	basisNotAsked: "not asked",

	basisNoWithdrawal:               "reported no withdrawal symptoms",
	basisMildWithdrawal:             "mild withdrawal symptoms, reported or rated",
	basisModerateWithdrawal:         "moderate withdrawal symptoms (shaking, sweating, racing heart), reported or rated on the CIWA-Ar",
	basisModerateWithdrawalReported: "moderate withdrawal symptoms (shaking, sweating, racing heart), as reported",
	basisSevereWithdrawal:           "severe withdrawal (for example seizures, hallucinations or severe shaking), reported or rated on the CIWA-Ar",
	basisSevereWithdrawalReported:   "severe withdrawal (for example seizures, hallucinations or severe shaking), as reported",
	basisWithdrawalNotRuledOut:      "not ruled out: the answers point to physical dependence (for example a morning drink, or withdrawal after stopping drugs before), or withdrawal was not asked and the scores are high",
	basisNoWithdrawalReported:       "no withdrawal reported",
	basisWithdrawalHistorySymptoms:  "withdrawal symptoms now, after seizures or delirium tremens in an earlier withdrawal",
	basisWithdrawalPregnant:         "moderate or worse withdrawal from alcohol or sedatives during pregnancy",
	basisWithdrawalModerateRisk:     "moderate withdrawal from alcohol or sedatives, with something that makes it riskier at home",
	basisWithdrawalHistory:          "seizures or delirium tremens in an earlier withdrawal, and still using alcohol or sedatives",
	basisOpioidWithdrawal:           "opioid withdrawal (reported, or rated on the COWS)",
	basisOpioidWithdrawalReported:   "opioid withdrawal, as reported",
	basisOtherWithdrawal:            "withdrawal from stimulants or cannabis",
	basisIntoxicated:                "severely intoxicated now, or a possible overdose",

	basisNoMedical:      "no physical health needs reported",
	basisMinorMedical:   "reported minor physical health needs",
	basisRegularMedical: "reported physical health needs that need regular care",
	basisSeriousMedical: "reported serious or worsening physical health problems",
	basisMedical24h:     "a physical health need that calls for 24-hour care",

	basisSelfHarm:       "thoughts of self-harm call for a safety evaluation and close follow-up",
	basisSuicideScreen:  "from the suicide-risk screen (C-SSRS) and any thoughts of self-harm",
	basisHospitalRisk:   "at risk of hospitalization: more support than weekly therapy",
	basisPsychiatric24h: "a mental-health need that calls for 24-hour care",

	basisReady:    "ready to make changes",
	basisUnsure:   "unsure about making changes",
	basisNotReady: "not ready to make changes yet",

	basisRelapsed:       "relapsed after earlier treatment",
	basisRelapsedActive: "relapsed after earlier treatment and the problem is active now",

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
