package placement

import (
	"github.com/carepath/carepath"
	"github.com/carepath/carepath/instrument"
)

// severities is what the rubric takes from the questionnaires: each problem as a 0–4 severity
// it can compare, and a few flags. It holds no pointers, so the what-ifs copy it freely.
type severities struct {
	mood           int8  // worst of PHQ-9 and GAD-7: 0 minimal … 4 severe (each one's top band is 4); 1 for a positive PHQ-2 or GAD-2 alone
	use            int8  // worst of AUDIT, AUDIT-C and DAST-10: 0 none … 4 severe; 1 for a positive screen alone
	item9          bool  // PHQ-9 item 9 scored 1 or more
	useScreen      bool  // a substance screen is positive
	answered       bool  // at least one questionnaire was answered
	moodAnswered   bool  // the PHQ-9, PHQ-2, GAD-7 or GAD-2 was answered
	useAnswered    bool  // the AUDIT, AUDIT-C, DAST-10 or the single drug-use question was answered
	moodFrom       uint8 // which mood questionnaires were answered (see asked)
	useFrom        uint8 // which substance questionnaires were answered (see asked)
	moodLift       bool  // mood is 1 only because a short screen is positive and its full questionnaire was not asked
	useLift        bool  // use is 1 only because a short screen is positive and its full questionnaire was not asked
	unconfirmed    bool  // a short screen is positive and its full questionnaire was not asked
	auditZone4     bool  // the AUDIT is in risk zone 4 (possible dependence)
	dependence     bool  // AUDIT items 4–6 point to dependence (see dependenceSigns)
	dastWithdrawal bool  // DAST-10 item 9: withdrawal symptoms when drug use stopped
	cssrs          int8  // the C-SSRS risk, an index into its bands (0 none … 3 high); notAsked when not answered
	cssrsYes       uint8 // bit i set when C-SSRS question i+1 (1–5) is yes
	cssrsBehavior  int8  // C-SSRS question 6 as an option index: within 3 months, earlier, or no
	cssrsUndated   bool  // C-SSRS question 6 is yes and when it happened was not given
	ciwa           int8  // CIWA-Ar: 0 none, 1 minimal, 2 moderate, 3 severe; notAsked when not rated
	cows           int8  // COWS: 0 none, 1 mild, 2 moderate, 3 moderately severe, 4 severe; notAsked when not rated
}

// bandRank maps a band of a severity-banded instrument to the 0–4 severity the rubric uses:
// every instrument's top band is 4, severe, and the bands below it count up from 0 and stop at
// 3. So the AUDIT's zone IV (20–40) ranks with the DAST-10's severe band, and the GAD-7's
// severe with the PHQ-9's. TestBandRanksFollowBandOrder holds this switch to that rule.
func bandRank(band string) int8 {
	switch band {
	case "severe", "possible_dependence":
		return 4
	case "moderately_severe", "substantial":
		return 3
	case "moderate", "harmful":
		return 2
	case "mild", "low", "hazardous":
		return 1
	}
	return 0 // minimal, none, low_risk
}

// dependenceSigns reports whether AUDIT item points show dependence: a morning drink to get
// going (item 6) monthly or more often, or items 4–6 (not able to stop, failing expectations,
// a morning drink) adding up to 4 or more. Both mean stopping may bring withdrawal.
func dependenceSigns(points []int) bool {
	return points[5] >= 2 || points[3]+points[4]+points[5] >= 4
}

// scorer scores the questionnaires of one profile into mem, and the safety scales, which most
// profiles do not hold, into scales, allocated when one is answered.
type scorer struct {
	sex    carepath.Sex
	mem    *[nQuestionnaires]instrument.Score
	scales *[nScores - nQuestionnaires]instrument.Score
}

// The slots of the scores in memory, in the order of Scores.
const (
	slotPHQ9 = iota
	slotPHQ2
	slotGAD7
	slotGAD2
	slotAUDIT
	slotAUDITC
	slotDAST10
	slotDrugScreen
	nQuestionnaires // the questionnaires a person answers; then the safety scales
	slotCSSRS       = iota - 1
	slotCIWAAr
	slotCOWS
	nScores
)

// score scores answers with questionnaire id into slot. It returns nil when the questionnaire
// was not answered, and adds to errs and returns nil when the answers are wrong.
func (sc *scorer) score(slot int, id instrument.ID, answers []int, errs *carepath.FieldErrors) *instrument.Score {
	if answers == nil {
		return nil
	}
	in, _ := instrument.Get(id)
	s, err := in.Score(answers, sc.sex)
	if err != nil {
		*errs = append(*errs, carepath.ErrorFields(err)...)
		return nil
	}
	return sc.keep(slot, s)
}

// keep stores s in slot and returns where it lives.
func (sc *scorer) keep(slot int, s instrument.Score) *instrument.Score {
	if slot < nQuestionnaires {
		sc.mem[slot] = s
		return &sc.mem[slot]
	}
	if sc.scales == nil {
		sc.scales = new([nScores - nQuestionnaires]instrument.Score)
	}
	sc.scales[slot-nQuestionnaires] = s
	return &sc.scales[slot-nQuestionnaires]
}

// scoreAnswers scores every answered questionnaire into mem, in the order of Scores. Field
// errors name answers.<instrument>.
func scoreAnswers(mem *[nQuestionnaires]instrument.Score, a *Answers, sex carepath.Sex, errs *carepath.FieldErrors) (Scores, severities) {
	var out Scores
	sc := scorer{sex: sex, mem: mem}
	out.PHQ9 = sc.score(slotPHQ9, instrument.PHQ9, a.PHQ9, errs)
	if out.PHQ9 == nil && a.PHQ9 == nil {
		// The PHQ-2 is the PHQ-9's first two questions: with the PHQ-9 asked it is not read.
		out.PHQ2 = sc.score(slotPHQ2, instrument.PHQ2, a.PHQ2, errs)
	}
	out.GAD7 = sc.score(slotGAD7, instrument.GAD7, a.GAD7, errs)
	if out.GAD7 == nil && a.GAD7 == nil {
		out.GAD2 = sc.score(slotGAD2, instrument.GAD2, a.GAD2, errs)
	}
	out.AUDIT = sc.score(slotAUDIT, instrument.AUDIT, a.AUDIT, errs)
	if out.AUDIT != nil {
		// The AUDIT-C is the AUDIT's first three questions: a separate AUDIT-C is not read.
		if c, ok := out.AUDIT.AUDITC(sex); ok {
			out.AUDITC = sc.keep(slotAUDITC, c)
		}
	} else {
		out.AUDITC = sc.score(slotAUDITC, instrument.AUDITC, a.AUDITC, errs)
	}
	if a.DAST10 != nil {
		out.DAST10 = sc.score(slotDAST10, instrument.DAST10, instrument.YesNo(a.DAST10), errs)
	}
	if a.SingleDrugScreen != nil {
		if s, err := instrument.SingleDrugScreen.Score(*a.SingleDrugScreen); err != nil {
			*errs = append(*errs, carepath.ErrorFields(err)...)
		} else {
			out.SingleDrugScreen = sc.keep(slotDrugScreen, s)
		}
	}
	if a.CSSRS != nil {
		indices, err := instrument.CSSRSAnswers(a.CSSRS, a.CSSRSBehaviorPast3Months)
		*errs = append(*errs, carepath.ErrorFields(err)...)
		out.CSSRS = sc.score(slotCSSRS, instrument.CSSRS, indices, errs)
	}
	out.CIWAAr = sc.score(slotCIWAAr, instrument.CIWAAr, a.CIWAAr, errs)
	out.COWS = sc.score(slotCOWS, instrument.COWS, a.COWS, errs)
	s := out.severities()
	if out.CSSRS != nil {
		for i, yes := range a.CSSRS[:instrument.CSSRSBehavior] {
			if yes {
				s.cssrsYes |= 1 << i
			}
		}
		s.cssrsBehavior = instrument.CSSRSBehaviorNo
		if a.CSSRS[instrument.CSSRSBehavior] {
			s.cssrsBehavior = instrument.CSSRSBehaviorPast3Months
			if p := a.CSSRSBehaviorPast3Months; p != nil && !*p {
				s.cssrsBehavior = instrument.CSSRSBehaviorEarlier
			}
		}
		s.cssrsUndated = a.CSSRS[instrument.CSSRSBehavior] && a.CSSRSBehaviorPast3Months == nil
	}
	return out, s
}

// What was asked of each area, in severities.moodFrom and useFrom: two bits for each of its two
// questionnaires, none, the short screen or the full questionnaire.
const (
	askedNone   uint8 = 0
	askedScreen uint8 = 1
	askedFull   uint8 = 2
)

// asked packs what was asked of an area's first and second questionnaire.
func asked(first, second uint8) uint8 { return first | second<<2 }

// positive reports whether s is a positive screen.
func positive(s *instrument.Score) bool { return s != nil && s.Positive != nil && *s.Positive }

// severities turns the scores into the severities the rubric compares. A positive short screen
// whose full questionnaire was not asked counts as at least mild (1), never as nothing; a
// negative one as minimal.
func (sc *Scores) severities() severities {
	s := severities{cssrs: notAsked, ciwa: notAsked, cows: notAsked}
	var phq, gad, alcohol, drugs uint8
	var moodScreened, useScreened bool // a positive screen without its full questionnaire
	if sc.PHQ9 != nil {
		phq = askedFull
		s.mood = max(s.mood, bandRank(sc.PHQ9.Band))
		s.item9 = len(sc.PHQ9.Critical) > 0
	} else if sc.PHQ2 != nil {
		phq, moodScreened = askedScreen, positive(sc.PHQ2)
	}
	if sc.GAD7 != nil {
		gad = askedFull
		s.mood = max(s.mood, bandRank(sc.GAD7.Band))
	} else if sc.GAD2 != nil {
		gad, moodScreened = askedScreen, moodScreened || positive(sc.GAD2)
	}
	if sc.AUDIT != nil {
		alcohol = askedFull
		s.use = max(s.use, bandRank(sc.AUDIT.Band))
		s.useScreen = s.useScreen || sc.AUDIT.Zone >= 2
		s.auditZone4 = sc.AUDIT.Zone == 4
		s.dependence = dependenceSigns(sc.AUDIT.Points)
		if positive(sc.AUDITC) { // the AUDIT-C drawn from the AUDIT
			s.use = max(s.use, 1)
			s.useScreen = true
		}
	} else if sc.AUDITC != nil {
		alcohol = askedScreen
		useScreened = positive(sc.AUDITC)
	}
	if sc.DAST10 != nil {
		drugs = askedFull
		r := bandRank(sc.DAST10.Band)
		s.use = max(s.use, r)
		s.useScreen = s.useScreen || r >= 1
		s.dastWithdrawal = sc.DAST10.Points[8] == 1
	} else if sc.SingleDrugScreen != nil {
		drugs = askedScreen
		useScreened = useScreened || positive(sc.SingleDrugScreen)
	}
	s.useScreen = s.useScreen || useScreened || positive(sc.SingleDrugScreen)
	s.moodLift, s.useLift = moodScreened && s.mood < 1, useScreened && s.use < 1
	if moodScreened {
		s.mood = max(s.mood, 1)
	}
	if useScreened {
		s.use = max(s.use, 1)
	}
	s.unconfirmed = moodScreened || useScreened
	s.moodFrom, s.useFrom = asked(phq, gad), asked(alcohol, drugs)
	s.moodAnswered, s.useAnswered = s.moodFrom != 0, s.useFrom != 0
	s.answered = s.moodAnswered || s.useAnswered || sc.CSSRS != nil || sc.CIWAAr != nil || sc.COWS != nil
	if sc.CSSRS != nil {
		s.cssrs = cssrsRisk(sc.CSSRS.Band)
	}
	if sc.CIWAAr != nil {
		switch s.ciwa = sevNone; {
		case sc.CIWAAr.Band == "severe":
			s.ciwa = sevSevere
		case sc.CIWAAr.Band == "moderate":
			s.ciwa = sevModerate
		case sc.CIWAAr.Total > 0:
			s.ciwa = sevMild
		}
	}
	if sc.COWS != nil {
		s.cows = bandRank(sc.COWS.Band) // its five bands rank 0–4
	}
	return s
}

// cssrsRisk is the index of C-SSRS band code b: 0 none, 1 low, 2 moderate, 3 high.
func cssrsRisk(b string) int8 {
	switch b {
	case instrument.CSSRSLow:
		return 1
	case instrument.CSSRSModerate:
		return 2
	case instrument.CSSRSHigh:
		return 3
	}
	return 0
}

// severe reports whether the answers put a problem in its most severe band, or show a
// moderately severe mental-health problem and substance problem together.
func (s *severities) severe() bool {
	return s.mood >= 4 || s.use >= 4 || (s.mood >= 3 && s.use >= 3)
}
