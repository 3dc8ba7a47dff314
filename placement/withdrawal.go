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
	set := func(rule int, holds bool) {
		if holds {
			held |= 1 << rule
		}
	}

	// Suicide risk: the most serious tier of the C-SSRS screener, and thoughts of death or
	// self-harm on PHQ-9 item 9 or the self-harm question.
	yes := func(q int) bool { return in.cssrsYes&(1<<q) != 0 }
	if in.cssrs != notAsked {
		switch {
		case yes(instrument.CSSRSIntent) || yes(instrument.CSSRSPlan) || in.cssrsBehavior == instrument.CSSRSBehaviorPast3Months:
			set(fCSSRSHigh, yes(instrument.CSSRSIntent) || yes(instrument.CSSRSPlan) || !in.cssrsUndated)
			set(fCSSRSUndated, in.cssrsUndated)
		case yes(instrument.CSSRSMethod) || in.cssrsBehavior == instrument.CSSRSBehaviorEarlier:
			set(fCSSRSMethod, yes(instrument.CSSRSMethod))
			set(fCSSRSBehaviorEarlier, in.cssrsBehavior == instrument.CSSRSBehaviorEarlier)
		default:
			set(fCSSRSIdeation, yes(instrument.CSSRSWishDead) || yes(instrument.CSSRSActiveThoughts))
		}
	}
	thoughts := in.item9 || in.selfHarm
	set(fSelfHarmUnscreened, thoughts && in.cssrs == notAsked)
	set(fSelfHarmScreened, thoughts && in.cssrs != notAsked)
	f.crisis = thoughts || in.cssrs > 0

	set(fIntoxicationSevere, in.intoxication == sevSevere)
	set(fIntoxicationModerate, in.intoxication == sevModerate)

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
		in.housing == housingUnstable || in.withUsers || f.crisis || in.history&histComplicated != 0
	set(fWithdrawalSevere, sedSev == sevSevere)
	set(fWithdrawalHistoryWithSymptoms, history && sedSev >= sevMild)
	set(fWithdrawalPregnant, in.pregnant && sedSev >= sevModerate)
	set(fWithdrawalModerateWithRisk, sedSev == sevModerate && riskier)
	set(fWithdrawalHistory, history)
	set(fWithdrawalModerate, sedSev == sevModerate)
	set(fOpioidWithdrawalSevere, opSev == 4)
	set(fOpioidWithdrawalModeratelySevere, opSev == 3)
	set(fOpioidWithdrawalModerate, opSev == 2)
	set(fOtherWithdrawalSevere, otherSev == sevSevere)
	set(fWithdrawalMild, sedSev == sevMild || opSev == 1 || otherSev == sevMild || otherSev == sevModerate)
	signs := in.dependence || in.dastWithdrawal || in.history&histComplicated != 0 ||
		(rep == notAsked && (in.auditZone4 || in.use >= 4))
	set(fWithdrawalNotRuledOut, signs && using && max(sedSev, opSev, otherSev) <= sevNone)
	set(fPregnantOpioids, in.pregnant && used&useOpioids != 0)

	f.floorRules, f.floor, f.urgency, f.wm = held, rankNone, uRoutine, 0
	for b := held; b != 0; b &= b - 1 {
		i := bits.TrailingZeros32(b)
		f.floor = max(f.floor, floorRanks[i])
		f.urgency = max(f.urgency, floorUrgencies[i])
		f.wm = max(f.wm, floorWM[i])
	}
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
