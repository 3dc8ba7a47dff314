package placement

import "github.com/carepath/carepath"

// Urgency is how soon a person should be seen.
type Urgency string

// The urgencies, least urgent first.
const (
	UrgencyRoutine   Urgency = "routine"   // book in the usual way
	UrgencySoon      Urgency = "soon"      // within a week
	UrgencyToday     Urgency = "today"     // a same-day evaluation
	UrgencyEmergency Urgency = "emergency" // now: 988, 911 or the nearest emergency department
)

// urgency is an Urgency as a small number, in the order above.
type urgency int8

const (
	uRoutine urgency = iota
	uSoon
	uToday
	uEmergency
)

// urgencies are the Urgency of each urgency, and UrgencyTexts what each asks a person to do
// (urgencyTexts the same by urgency).
var (
	urgencies    = [...]Urgency{UrgencyRoutine, UrgencySoon, UrgencyToday, UrgencyEmergency}
	urgencyTexts = func() (texts [len(urgencies)]string) {
		for i, u := range urgencies {
			texts[i] = UrgencyTexts[u]
		}
		return texts
	}()
	UrgencyTexts = map[Urgency]string{
		UrgencyRoutine: "Book an appointment in the usual way. If things get harder before then, reach out sooner.",
		UrgencySoon:    "Aim to start within a week. If things get worse before then, reach out sooner; call or text 988 at any time.",
		UrgencyToday: "Today: see a clinician or doctor for a same-day evaluation. If you feel unsafe before then, " +
			"call or text 988 (Suicide & Crisis Lifeline) or call 911.",
		UrgencyEmergency: "Now: call 911 or go to the nearest emergency department. You can also call or text 988 " +
			"(Suicide & Crisis Lifeline) at any time. Do not stay alone if you can avoid it.",
	}
)

// FloorRule is one rule of the safety floor: while it holds, the recommendation is at least
// Level, the person should be seen with at least Urgency, and withdrawal management is at
// least Withdrawal. The floor is computed from risk answers only — thoughts of suicide or
// self-harm, the suicide-risk screen, withdrawal and intoxication — so no dimension rating a
// clinician gives and no practical limit can lower it. A clinician who chooses a lower final
// level records a coded variance.
type FloorRule struct {
	Code       string
	Level      carepath.Level       // "none" when the rule raises no level
	Urgency    Urgency              // the least urgency
	Withdrawal WithdrawalManagement // the least withdrawal management, "none" when the rule is not about withdrawal
	Crisis     bool                 // the answer shows crisis resources (988) at once
	Text       string               // the reason, in plain words
}

// The floor rules, as indexes into FloorRules and bits of facts.floorRules.
const (
	fCSSRSHigh = iota
	fCSSRSUndated
	fCSSRSMethod
	fCSSRSBehaviorEarlier
	fCSSRSIdeation
	fSelfHarmUnscreened
	fSelfHarmScreened
	fIntoxicationSevere
	fIntoxicationModerate
	fWithdrawalSevere
	fWithdrawalHistoryWithSymptoms
	fWithdrawalPregnant
	fWithdrawalModerateWithRisk
	fWithdrawalHistory
	fWithdrawalModerate
	fOpioidWithdrawalSevere
	fOpioidWithdrawalModeratelySevere
	fOpioidWithdrawalModerate
	fOtherWithdrawalSevere
	fWithdrawalMild
	fWithdrawalNotRuledOut
	fPregnantOpioids
	nFloorRules
)

// FloorRules is the safety floor, most serious first. Its wording and thresholds are
// carepath's own.
var FloorRules = [nFloorRules]FloorRule{
	fCSSRSHigh: {"cssrs_high", carepath.LevelInpatient, UrgencyEmergency, WMNone, true,
		"On the suicide-risk screen (C-SSRS) you said you have had some intention of acting on thoughts of suicide, " +
			"have worked out a plan, or have done something to end your life in the past 3 months. This needs help now, " +
			"and 24-hour care to keep you safe while it passes."},
	fCSSRSUndated: {"cssrs_behavior_date_unknown", carepath.LevelInpatient, UrgencyEmergency, WMNone, true,
		"You said you have done something to end your life, without saying when: until a clinician asks, it counts as " +
			"within the past 3 months, and that needs help now."},
	fCSSRSMethod: {"cssrs_method", carepath.LevelIOP, UrgencyToday, WMNone, true,
		"You have thought about how you might end your life: that needs a safety evaluation today, a safety plan, and " +
			"care several times a week (at least an IOP)."},
	fCSSRSBehaviorEarlier: {"cssrs_behavior_earlier", carepath.LevelOutpatient, UrgencyToday, WMNone, true,
		"You have done something to end your life, more than 3 months ago: a clinician should talk with you about it " +
			"today and make a safety plan with you."},
	fCSSRSIdeation: {"cssrs_ideation", carepath.LevelOutpatient, UrgencyToday, WMNone, true,
		"In the past month you have wished you were dead or had thoughts of killing yourself: a clinician should talk " +
			"with you about it today and make a safety plan with you."},
	fSelfHarmUnscreened: {"self_harm_thoughts", carepath.LevelIOP, UrgencyToday, WMNone, true,
		"You said you have had thoughts of being better off dead or of hurting yourself: that needs a safety evaluation " +
			"today, and care several times a week (at least an IOP) until a clinician has asked more."},
	fSelfHarmScreened: {"self_harm_thoughts_screened", carepath.LevelOutpatient, UrgencyToday, WMNone, true,
		"You said you have had thoughts of being better off dead or of hurting yourself: a clinician should talk with " +
			"you about it today and make a safety plan with you."},
	fIntoxicationSevere: {"intoxication_severe", carepath.LevelInpatient, UrgencyEmergency, WMNone, false,
		"You are severely intoxicated or may have taken an overdose: call 911 or go to the nearest emergency department now. " +
			"If opioids may be involved and naloxone is at hand, use it."},
	fIntoxicationModerate: {"intoxication_moderate", carepath.LevelNone, UrgencyToday, WMNone, false,
		"You are quite intoxicated now: someone should stay with you, and a clinician should check on you today once it " +
			"has worn off. Decisions about treatment can wait until then."},
	fWithdrawalSevere: {"withdrawal_severe", carepath.LevelInpatient, UrgencyEmergency, WMInpatient, false,
		"Severe withdrawal from alcohol or sedatives (seizures, hallucinations, confusion or severe shaking) can be " +
			"life-threatening: it needs medical care now, in a hospital or an inpatient withdrawal unit."},
	fWithdrawalHistoryWithSymptoms: {"withdrawal_history_with_symptoms", carepath.LevelInpatient, UrgencyToday, WMInpatient, false,
		"You have had seizures or delirium tremens in an earlier withdrawal and have withdrawal symptoms now: this " +
			"withdrawal needs 24-hour medical care."},
	fWithdrawalPregnant: {"withdrawal_pregnancy", carepath.LevelInpatient, UrgencyToday, WMInpatient, false,
		"Moderate or worse withdrawal from alcohol or sedatives during pregnancy puts you and the baby at risk: it needs " +
			"24-hour medical care."},
	fWithdrawalModerateWithRisk: {"withdrawal_moderate_with_risk", carepath.LevelResidential, UrgencyToday, WMResidential, false,
		"Moderate withdrawal from alcohol or sedatives, together with something that makes it riskier at home (age, " +
			"a health problem, no safe support, thoughts of self-harm or an earlier complicated withdrawal): it should be " +
			"managed in a 24-hour monitored setting."},
	fWithdrawalHistory: {"withdrawal_history", carepath.LevelResidential, UrgencySoon, WMResidential, false,
		"You have had seizures or delirium tremens in an earlier withdrawal: stopping alcohol or sedatives again needs " +
			"24-hour monitoring. Do not stop suddenly on your own."},
	fWithdrawalModerate: {"withdrawal_moderate", carepath.LevelIOP, UrgencyToday, WMAmbulatoryExtended, false,
		"Moderate withdrawal from alcohol or sedatives (shaking, sweating, a racing heart) needs a medical check today and " +
			"daily monitoring while it lasts, alongside treatment: a program or weekly therapy alone is not enough."},
	fOpioidWithdrawalSevere: {"opioid_withdrawal_severe", carepath.LevelResidential, UrgencyToday, WMResidential, false,
		"Severe opioid withdrawal needs 24-hour monitoring, fluids and medication (buprenorphine or methadone) to ease it safely."},
	fOpioidWithdrawalModeratelySevere: {"opioid_withdrawal_moderately_severe", carepath.LevelIOP, UrgencyToday, WMAmbulatoryExtended, false,
		"Moderately severe opioid withdrawal: medication (buprenorphine or methadone) can start today, with daily checks while it settles."},
	fOpioidWithdrawalModerate: {"opioid_withdrawal_moderate", carepath.LevelOutpatient, UrgencyToday, WMAmbulatory, false,
		"Opioid withdrawal: medication (buprenorphine or methadone) can start today and eases it within hours."},
	fOtherWithdrawalSevere: {"withdrawal_severe_other", carepath.LevelIOP, UrgencyToday, WMAmbulatoryExtended, false,
		"Severe withdrawal from stimulants or cannabis (deep low mood, exhaustion, agitation) needs daily checks, " +
			"including of safety, while it lasts."},
	fWithdrawalMild: {"withdrawal_mild", carepath.LevelOutpatient, UrgencySoon, WMAmbulatory, false,
		"Mild withdrawal symptoms: a doctor should check them and advise how to cut down safely, because withdrawal can " +
			"get worse in the first days."},
	fWithdrawalNotRuledOut: {"withdrawal_not_ruled_out", carepath.LevelOutpatient, UrgencySoon, WMAmbulatory, false,
		"Withdrawal is not ruled out: your answers (for example a morning drink to get going, or withdrawal after stopping " +
			"drugs before) point to physical dependence. Do not stop suddenly on your own: a doctor can check first and " +
			"help you stop safely."},
	fPregnantOpioids: {"pregnancy_opioid_use", carepath.LevelOutpatient, UrgencyToday, WMNone, false,
		"Pregnant and using opioids: a priority. Medication for opioid use disorder (buprenorphine or methadone) and " +
			"obstetric care, together, starting today if possible; stopping opioids suddenly in pregnancy is not safe."},
}

// The tables the engine reads each floor rule from, worked out once.
var floorRanks, floorUrgencies, floorWM, floorCrisis = func() (ranks [nFloorRules]rank, us [nFloorRules]urgency, wm [nFloorRules]wmLevel, crisis uint32) {
	for i, r := range FloorRules {
		ranks[i] = rankOf(r.Level)
		us[i] = urgencyOf(r.Urgency)
		wm[i] = wmOf(r.Withdrawal)
		if r.Crisis {
			crisis |= 1 << i
		}
	}
	return ranks, us, wm, crisis
}()

// urgencyOf is the small number of u.
func urgencyOf(u Urgency) urgency {
	for i, x := range urgencies {
		if x == u {
			return urgency(i)
		}
	}
	return uRoutine
}

// levelUrgency is the least urgency of each level: programs should start within a week, and a
// need for 24-hour medical care is seen the same day.
var levelUrgency = [...]urgency{
	rankNone: uRoutine, rankOutpatient: uRoutine, rankIOP: uSoon, rankPHP: uSoon, rankResidential: uSoon, rankInpatient: uToday,
}
