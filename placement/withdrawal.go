package placement

import (
	"math/bits"

	"github.com/carepath/carepath/instrument"
)

// WithdrawalManagement is the setting in which withdrawal is managed, alongside (not instead
// of) the level of care. The names are public level names; the wording and the rules that
// choose them are carepath's own.
type WithdrawalManagement string

// The withdrawal management settings, least intensive first.
const (
	WMNone               WithdrawalManagement = "none"
	WMAmbulatory         WithdrawalManagement = "ambulatory"            // a doctor's check and advice, with follow-up visits
	WMAmbulatoryExtended WithdrawalManagement = "ambulatory_extended"   // daily monitoring on site while withdrawal lasts
	WMResidential        WithdrawalManagement = "residential_monitored" // a 24-hour monitored residential setting
	WMInpatient          WithdrawalManagement = "inpatient"             // 24-hour medical care in a hospital or withdrawal unit
)

// WithdrawalManagementLevels lists the settings, least intensive first, with what each means
// in plain words and the public level number it corresponds to.
var WithdrawalManagementLevels = []struct {
	Level WithdrawalManagement
	Name  string
	ASAM  string
}{
	{WMNone, "No withdrawal management needed", ""},
	{WMAmbulatory, "Ambulatory withdrawal management: a doctor's check and advice, with follow-up visits", "1-WM"},
	{WMAmbulatoryExtended, "Ambulatory withdrawal management with daily monitoring on site while withdrawal lasts", "2-WM"},
	{WMResidential, "Withdrawal management in a 24-hour monitored residential setting", "3.7-WM"},
	{WMInpatient, "Inpatient withdrawal management: 24-hour medical care in a hospital or withdrawal unit", "4-WM"},
}

// wmLevel is a WithdrawalManagement as a small number, 0 (none) to 4 (inpatient): the same
// scale as the withdrawal dimension's rating, which is derived from it.
type wmLevel int8

// wmOf is the small number of w.
func wmOf(w WithdrawalManagement) wmLevel {
	for i, x := range WithdrawalManagementLevels {
		if x.Level == w {
			return wmLevel(i)
		}
	}
	return 0
}

// The substances used now, as bits of inputs.substances.
const (
	useAlcohol uint8 = 1 << iota
	useSedatives
	useOpioids
	useStimulants
	useCannabis
	useOther
)

// sedatingUse are the substances whose withdrawal can bring seizures and delirium: alcohol,
// sedatives, and anything not named, which carepath treats as if it could.
const sedatingUse = useAlcohol | useSedatives | useOther

// The complications of earlier withdrawals, as bits of inputs.history.
const (
	histSeizures uint8 = 1 << iota
	histDeliriumTremens
	histComplicated
)

// evaluateFloor works out, from the risk answers in in, which floor rules hold, and with them
// the floor, the urgency, withdrawal management and whether the answers show a crisis. It
// reads answers only, never a rating a clinician gave.
func (f *facts) evaluateFloor(in *inputs) {
	var held uint32

	// Suicide risk: the most serious tier of the C-SSRS screener, and thoughts of death or
	// self-harm on PHQ-9 item 9 or the self-harm question.
	yes := func(q int) bool { return in.cssrsYes&(1<<q) != 0 }
	if in.cssrs != notAsked {
		switch {
		case yes(instrument.CSSRSIntent) || yes(instrument.CSSRSPlan) || in.cssrsBehavior == instrument.CSSRSBehaviorPast3Months:
			held |= bit(fCSSRSHigh, yes(instrument.CSSRSIntent) || yes(instrument.CSSRSPlan) || !in.cssrsUndated)
			held |= bit(fCSSRSUndated, in.cssrsUndated)
		case yes(instrument.CSSRSMethod) || in.cssrsBehavior == instrument.CSSRSBehaviorEarlier:
			held |= bit(fCSSRSMethod, yes(instrument.CSSRSMethod))
			held |= bit(fCSSRSBehaviorEarlier, in.cssrsBehavior == instrument.CSSRSBehaviorEarlier)
		default:
			held |= bit(fCSSRSIdeation, yes(instrument.CSSRSWishDead) || yes(instrument.CSSRSActiveThoughts))
		}
	}
	thoughts := in.item9 || in.selfHarm
	held |= bit(fSelfHarmUnscreened, thoughts && in.cssrs == notAsked)
	held |= bit(fSelfHarmScreened, thoughts && in.cssrs != notAsked)
	f.crisis = thoughts || in.cssrs > 0

	held |= bit(fIntoxicationSevere, in.intoxication == sevSevere)
	held |= bit(fIntoxicationModerate, in.intoxication == sevModerate)

	if in.withdrawalAnswers() {
		held |= withdrawalRulesHeld(in, f.crisis)
	}

	f.floorRules, f.floor, f.urgency, f.ruleWM = held, rankNone, uRoutine, 0
	for b := held; b != 0; b &= b - 1 {
		i := bits.TrailingZeros32(b)
		f.floor = max(f.floor, floorRanks[i])
		f.urgency = max(f.urgency, floorUrgencies[i])
		f.ruleWM = max(f.ruleWM, floorWM[i])
	}
}

// withdrawalAnswers reports whether any answer the withdrawal rules read is there: reported
// withdrawal, a CIWA-Ar or COWS above 0, a withdrawal history, signs of dependence or a
// pregnancy. Without one, none of them holds.
func (in *inputs) withdrawalAnswers() bool {
	return in.withdrawal > sevNone || in.ciwa > sevNone || in.cows > 0 || in.history != 0 || in.dependence ||
		in.dastWithdrawal || in.pregnant || (in.withdrawal == notAsked && (in.auditZone4 || in.use >= 4))
}

// withdrawalRulesHeld returns the withdrawal rules of FloorRules that hold (bit i for
// FloorRules[i]); crisis says whether thoughts of suicide or self-harm make withdrawal riskier.
func withdrawalRulesHeld(in *inputs, crisis bool) uint32 {
	var held uint32
	// Withdrawal, by kind of substance. Reported withdrawal counts for every kind the person
	// uses; with no substance named it counts as alcohol or sedative withdrawal, the kind that
	// can kill.
	rep, ciwa, cows := in.withdrawal, in.ciwa, in.cows
	if in.detoxed {
		rep, ciwa, cows = sevNone, notAsked, notAsked
	}
	used := in.substances
	sedating := used == 0 || used&sedatingUse != 0
	sedSev, opSev, otherSev := ciwa, cows, notAsked
	if sedating {
		sedSev = max(sedSev, rep)
	}
	if used&useOpioids != 0 && rep != notAsked {
		opSev = max(opSev, [4]int8{0, 1, 2, 4}[rep]) // severe withdrawal ranks with a severe COWS
	}
	if used != 0 && used&^(useStimulants|useCannabis) == 0 {
		otherSev = rep
	}
	using := !in.saysNoUse && !(in.substancesGiven && used == 0) && !in.detoxed
	history := in.history&(histSeizures|histDeliriumTremens) != 0 && using && sedating
	riskier := (in.age >= 65 || (in.age >= 0 && in.age < 18)) || in.medical >= sevModerate || in.support == noSupport ||
		in.housing == housingUnstable || in.withUsers || crisis || in.history&histComplicated != 0
	held |= bit(fWithdrawalSevere, sedSev == sevSevere)
	held |= bit(fWithdrawalHistoryWithSymptoms, history && sedSev >= sevMild)
	held |= bit(fWithdrawalPregnant, in.pregnant && sedSev >= sevModerate)
	held |= bit(fWithdrawalModerateWithRisk, sedSev == sevModerate && riskier)
	held |= bit(fWithdrawalHistory, history)
	held |= bit(fWithdrawalModerate, sedSev == sevModerate)
	held |= bit(fOpioidWithdrawalSevere, opSev == 4)
	held |= bit(fOpioidWithdrawalModeratelySevere, opSev == 3)
	held |= bit(fOpioidWithdrawalModerate, opSev == 2)
	held |= bit(fOtherWithdrawalSevere, otherSev == sevSevere)
	held |= bit(fWithdrawalMild, sedSev == sevMild || opSev == 1 || otherSev == sevMild || otherSev == sevModerate)
	signs := in.dependence || in.dastWithdrawal || in.history&histComplicated != 0 ||
		(rep == notAsked && (in.auditZone4 || in.use >= 4))
	held |= bit(fWithdrawalNotRuledOut, signs && using && max(sedSev, opSev, otherSev) <= sevNone)
	held |= bit(fPregnantOpioids, in.pregnant && used&useOpioids != 0)

	return held
}

// bit is the bit of floor rule rule when it holds, and 0 when it does not.
func bit(rule int, holds bool) uint32 {
	if holds {
		return 1 << rule
	}
	return 0
}

// copyFloor copies into f what evaluateFloor worked out into from, for a what-if that changes
// no risk answer.
func (f *facts) copyFloor(from *facts) {
	f.floorRules, f.floor, f.urgency, f.ruleWM, f.crisis = from.floorRules, from.floor, from.urgency, from.ruleWM, from.crisis
}

// withdrawalRules are the floor rules about withdrawal (bit i for FloorRules[i]), those with a
// withdrawalRuleBasis.
var withdrawalRules = func() (rules uint32) {
	for i, b := range withdrawalRuleBasis {
		if b != basisUnset {
			rules |= 1 << i
		}
	}
	return rules
}()

// withdrawalRuleBasis is the basis of a derived withdrawal rating set by each withdrawal rule,
// the first that holds in FloorRules order.
var withdrawalRuleBasis = [nFloorRules]basis{
	fWithdrawalSevere:                 basisSevereWithdrawal,
	fWithdrawalHistoryWithSymptoms:    basisWithdrawalHistorySymptoms,
	fWithdrawalPregnant:               basisWithdrawalPregnant,
	fWithdrawalModerateWithRisk:       basisWithdrawalModerateRisk,
	fWithdrawalHistory:                basisWithdrawalHistory,
	fWithdrawalModerate:               basisModerateWithdrawal,
	fOpioidWithdrawalSevere:           basisOpioidWithdrawal,
	fOpioidWithdrawalModeratelySevere: basisOpioidWithdrawal,
	fOpioidWithdrawalModerate:         basisOpioidWithdrawal,
	fOtherWithdrawalSevere:            basisOtherWithdrawal,
	fWithdrawalMild:                   basisMildWithdrawal,
	fWithdrawalNotRuledOut:            basisWithdrawalNotRuledOut,
}
