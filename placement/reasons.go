package placement

import (
	"math/bits"

	"github.com/carepath/carepath"
)

// reasons lists the rubric and floor rules that hold at the recommended level, or, at level
// none, why nothing more is needed. They never claim there is no risk.
func reasons(f *facts, level rank, fired uint64) []Reason {
	held := fired & rulesAt[level]
	floorHeld := f.floorRules & floorRulesAt[level]
	n := bits.OnesCount64(held) + bits.OnesCount32(floorHeld)
	if level == rankNone {
		n++
	}
	out := make([]Reason, 0, n)
	for b := floorHeld; b != 0; b &= b - 1 {
		r := &FloorRules[bits.TrailingZeros32(b)]
		out = append(out, Reason{Code: r.Code, Level: r.Level, Text: r.Text})
	}
	for ; held != 0; held &= held - 1 {
		i := bits.TrailingZeros64(held)
		r := &Rubric[i]
		dim := r.Dimension
		if mainProblemRules&(1<<i) != 0 && f.rating[iRelapse] > f.rating[iPsychiatric] {
			dim = carepath.DimRelapse
		}
		out = append(out, Reason{Code: r.Code, Dimension: dim, Level: r.Level, Text: r.Text})
	}
	if level == rankNone {
		if f.medicalReferral() {
			out = append(out, Reason{Code: "medical_referral", Dimension: carepath.DimBiomedical, Level: level.level(), Text: medicalReferralText})
		} else {
			out = append(out, Reason{Code: "no_current_need", Level: level.level(), Text: noCurrentNeedText})
		}
	}
	return out
}

// The reasons for recommending no program.
const (
	medicalReferralText = "A physical health problem is the main need now: a doctor (primary care or a specialist) is the right " +
		"next step rather than a behavioral-health program. A free consultation can still help if something else is on your mind."
	noCurrentNeedText = "Your answers show minimal symptoms and nothing that needs a treatment program now. " +
		"A free consultation can still help if something is on your mind."
)

// floorRulesAt holds, per level, the floor rules of that level (bit i for FloorRules[i]).
var floorRulesAt = func() (at [len(levelOfRank)]uint32) {
	for i := range FloorRules {
		at[floorRanks[i]] |= 1 << i
	}
	return at
}()

// notRecommended explains, in out, every other level: a lower one does not meet the need behind
// the strongest reason; a higher one is more than the answers call for.
func notRecommended(out *[len(levelOfRank) - 1]NotRecommended, f *facts, level rank, fired uint64) []NotRecommended {
	notEnough := "Not enough for what your answers show."
	if held := f.floorRules & floorRulesAt[level]; held != 0 {
		notEnough = floorNotEnoughWhy[bits.TrailingZeros32(held)] // the floor's most serious rule
	} else if held := fired & rulesAt[level]; held != 0 {
		notEnough = notEnoughWhy[bits.TrailingZeros64(held)] // the first rule is the strongest
	}
	n := 0
	for l := range rank(len(levelOfRank)) {
		why := higherWhy[l]
		switch {
		case l == level:
			continue
		case l < level:
			why = notEnough
		}
		out[n] = NotRecommended{Level: l.level(), Name: levelNames[l], Why: why}
		n++
	}
	return out[:n:n]
}

// notEnoughWhy and floorNotEnoughWhy say, for each rubric and floor rule, why a level below
// the one it asks for is not enough.
var (
	notEnoughWhy = func() []string {
		why := make([]string, len(Rubric))
		for i, r := range Rubric {
			why[i] = "Not enough for what your answers show: " + r.Text
		}
		return why
	}()
	floorNotEnoughWhy = func() (why [nFloorRules]string) {
		for i, r := range FloorRules {
			why[i] = "Not enough for what your answers show: " + r.Text
		}
		return why
	}()
)

// higherWhy says why a level above the recommendation was not chosen. It claims nothing about
// safety: it says only what the answers do not call for.
var higherWhy = [...]string{
	rankOutpatient:  "Nothing in the answers points to a problem that needs regular therapy now.",
	rankIOP:         "The answers do not call for several sessions a week.",
	rankPHP:         "The answers do not call for 20 or more hours of structure a week.",
	rankResidential: "The answers do not call for a 24-hour structured setting.",
	rankInpatient:   "The answers do not call for 24-hour medical care.",
}
