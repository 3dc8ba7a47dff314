package placement

import (
	"github.com/carepath/carepath"
	"github.com/carepath/carepath/instrument"
)

// severities is what the rubric takes from the questionnaires: each problem as a 0–4 severity
// it can compare, and a few flags. It holds no pointers, so the what-ifs copy it freely.
type severities struct {
	mood         int8 // worst of PHQ-9 and GAD-7: 0 minimal … 4 severe (GAD-7 tops out at 3)
	use          int8 // worst of AUDIT, AUDIT-C and DAST-10: 0 none … 4 severe
	item9        bool // PHQ-9 item 9 scored 1 or more
	useScreen    bool // a substance screen is positive
	answered     bool // at least one questionnaire was answered
	moodAnswered bool // the PHQ-9 or the GAD-7 was answered
	useAnswered  bool // the AUDIT, AUDIT-C or DAST-10 was answered
	auditZone4   bool // the AUDIT is in risk zone 4 (possible dependence)
}

// bandRank maps a band code to the 0–4 severity the rubric uses. GAD-7 has no
// "moderately_severe" band, so its "severe" ranks 3: severe anxiety alone calls for an IOP.
func bandRank(id instrument.ID, band string) int8 {
	switch band {
	case "minimal", "none":
		return 0
	case "mild", "low":
		return 1
	case "moderate":
		return 2
	case "moderately_severe", "substantial":
		return 3
	case "severe":
		if id == instrument.GAD7 {
			return 3
		}
		return 4
	}
	return 0
}

// scorer scores the questionnaires of one profile into mem.
type scorer struct {
	sex carepath.Sex
	mem *[5]instrument.Score
}

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
	sc.mem[slot] = s
	return &sc.mem[slot]
}

// scoreAnswers scores every answered questionnaire into mem, in the order of Scores. Field
// errors name answers.<instrument>.
func scoreAnswers(mem *[5]instrument.Score, a *Answers, sex carepath.Sex, errs *carepath.FieldErrors) (Scores, severities) {
	var out Scores
	sc := scorer{sex: sex, mem: mem}
	out.PHQ9 = sc.score(0, instrument.PHQ9, a.PHQ9, errs)
	out.GAD7 = sc.score(1, instrument.GAD7, a.GAD7, errs)
	out.AUDIT = sc.score(2, instrument.AUDIT, a.AUDIT, errs)
	if out.AUDIT != nil {
		// The AUDIT-C is the AUDIT's first three questions: a separate AUDIT-C is not read.
		if c, ok := out.AUDIT.AUDITC(sex); ok {
			out.AUDITC = sc.keep(3, c)
		}
	} else {
		out.AUDITC = sc.score(3, instrument.AUDITC, a.AUDITC, errs)
	}
	if a.DAST10 != nil {
		out.DAST10 = sc.score(4, instrument.DAST10, instrument.YesNo(a.DAST10), errs)
	}
	return out, out.severities()
}

// severities turns the scores into the severities the rubric compares.
func (sc *Scores) severities() severities {
	var s severities
	s.answered = sc.PHQ9 != nil || sc.GAD7 != nil || sc.AUDIT != nil || sc.AUDITC != nil || sc.DAST10 != nil
	s.moodAnswered = sc.PHQ9 != nil || sc.GAD7 != nil
	s.useAnswered = sc.AUDIT != nil || sc.AUDITC != nil || sc.DAST10 != nil
	if sc.PHQ9 != nil {
		s.mood = max(s.mood, bandRank(instrument.PHQ9, sc.PHQ9.Band))
		s.item9 = len(sc.PHQ9.Critical) > 0
	}
	if sc.GAD7 != nil {
		s.mood = max(s.mood, bandRank(instrument.GAD7, sc.GAD7.Band))
	}
	if sc.AUDIT != nil {
		s.use = max(s.use, int8(sc.AUDIT.Zone-1))
		s.useScreen = s.useScreen || sc.AUDIT.Zone >= 2
		s.auditZone4 = sc.AUDIT.Zone == 4
	}
	if sc.AUDITC != nil && sc.AUDITC.Positive != nil && *sc.AUDITC.Positive {
		s.use = max(s.use, 1)
		s.useScreen = true
	}
	if sc.DAST10 != nil {
		r := bandRank(instrument.DAST10, sc.DAST10.Band)
		s.use = max(s.use, r)
		s.useScreen = s.useScreen || r >= 1
	}
	return s
}

// severe reports whether the answers put a problem in its most severe band, or show a
// moderately severe mental-health problem and substance problem together.
func (s *severities) severe() bool {
	return s.mood >= 4 || s.use >= 4 || (s.mood >= 3 && s.use >= 3)
}
