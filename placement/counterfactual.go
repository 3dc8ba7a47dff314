package placement

import (
	"strconv"

	"github.com/carepath/carepath"
)

// whatIf is one change to a profile that the engine tries, to tell a person what would move the
// recommendation. Apply changes the copy of the flattened profile it is given and reports
// whether the change applies to this person at all.
type whatIf struct {
	Code string
	Text string
	// ChangesRisk marks a what-if about the risk answers themselves (withdrawal safely behind
	// the person), which may lower the safety floor. Every other what-if keeps the floor of the
	// answers as given.
	ChangesRisk bool
	// Floor says how the what-if can change what the safety floor reads, so that the floor is
	// worked out again only when it can change.
	Floor floorEffect
	// Apply changes in; it returns false when the change makes no sense here (for example
	// "if support were strong" when it already is).
	Apply func(in *inputs) bool
}

// floorEffect says how a what-if can change what the safety floor reads.
type floorEffect int8

// The effects a what-if can have on the floor.
const (
	floorUntouched floorEffect = iota // it changes nothing the floor reads
	floorViaHome                      // home and support: they matter only to moderate alcohol or sedative withdrawal
	floorViaScores                    // the scores: they matter only when withdrawal was not asked about
	floorChanged                      // it changes a risk answer
)

// keepsFloor reports whether a what-if of effect e, tried on the inputs in whose facts are
// base, leaves the floor as base has it.
func (e floorEffect) keepsFloor(in *inputs, base *facts) bool {
	switch e {
	case floorUntouched:
		return true
	case floorViaHome:
		return base.floorRules&(1<<fWithdrawalModerate) == 0
	case floorViaScores:
		return in.withdrawal != notAsked
	}
	return false
}

// homeAsked reports whether the person answered the questions about home (support or
// housing): what-ifs about home are offered only then.
func (in *inputs) homeAsked() bool {
	return in.support != supportNotAsked || in.housing != housingNotAsked
}

// withdrawalAsked reports whether the person was asked about withdrawal, or a clinician rated
// it: what-ifs about withdrawal are offered only then.
func (in *inputs) withdrawalAsked() bool {
	return in.withdrawal != notAsked || in.ciwa != notAsked || in.cows != notAsked || in.history != 0
}

// whatIfs are the changes tried, each in plain words. None is offered about home or withdrawal
// when the person was not asked about them.
var whatIfs = [...]whatIf{
	{"symptoms_improve", "If your symptoms improved by one band on each questionnaire", false, floorViaScores,
		func(in *inputs) bool {
			if in.mood == 0 && in.use == 0 {
				return false
			}
			in.mood, in.use = max(in.mood-1, 0), max(in.use-1, 0)
			return true
		}},
	{"symptoms_worsen", "If your symptoms got worse by one band", false, floorViaScores,
		func(in *inputs) bool {
			if !in.moodAnswered && !in.useAnswered {
				return false
			}
			in.mood, in.use = min(in.mood+1, 4), min(in.use+1, 4)
			return true
		}},
	{"support_strong", "If you had strong support from family, friends or a recovery community", false, floorViaHome,
		func(in *inputs) bool {
			ok := in.support != supportNotAsked && in.support != strongSupport
			in.support = strongSupport
			return ok
		}},
	{"support_lost", "If you lost the support you have now", false, floorViaHome,
		func(in *inputs) bool {
			ok := in.support == strongSupport || in.support == someSupport
			in.support = noSupport
			return ok
		}},
	{"housing_stable", "If you had a stable place to live", false, floorViaHome,
		func(in *inputs) bool { ok := in.housing == housingUnstable; in.housing = housingStable; return ok }},
	{"housing_lost", "If you lost stable housing and found it hard to keep a schedule", false, floorViaHome,
		func(in *inputs) bool {
			ok := in.housing == housingStable
			in.housing, in.noSchedule = housingUnstable, true
			return ok
		}},
	{"away_from_users", "If you lived somewhere without people who drink heavily or use drugs", false, floorViaHome,
		func(in *inputs) bool { ok := in.withUsers; in.withUsers = false; return ok }},
	{"with_users", "If you lived with people who drink heavily or use drugs", false, floorViaHome,
		func(in *inputs) bool {
			ok := !in.withUsers && in.homeAsked() && (in.useScreen || in.saysUse || in.substances != 0)
			in.withUsers = true
			return ok
		}},
	{"withdrawal_managed", "Once withdrawal is safely behind you (after medically supervised withdrawal management)", true, floorChanged,
		func(in *inputs) bool {
			ok := in.withdrawalAsked() && !in.detoxed
			in.detoxed = true
			return ok
		}},
	{"withdrawal_severe", "If you had severe withdrawal symptoms (seizures, hallucinations, severe shaking)", false, floorChanged,
		func(in *inputs) bool {
			ok := in.withdrawal != notAsked && in.withdrawal != sevSevere
			in.withdrawal = sevSevere
			return ok
		}},
	{"relapse", "If you relapsed after treatment", false, floorUntouched,
		func(in *inputs) bool { ok := !in.relapsed; in.relapsed = true; return ok }},
	{"hospital_risk", "If you were at risk of going to hospital", false, floorUntouched,
		func(in *inputs) bool { ok := !in.hospitalRisk; in.hospitalRisk = true; return ok }},
	{"hospital_risk_passed", "Once you are no longer at risk of going to hospital", false, floorUntouched,
		func(in *inputs) bool { ok := in.hospitalRisk; in.hospitalRisk = false; return ok }},
	{"needs_24h", "If you needed 24-hour supervision for your health or safety", false, floorUntouched,
		func(in *inputs) bool { ok := !in.needs24h; in.needs24h = true; return ok }},
	{"self_harm", "If you had thoughts of hurting yourself", false, floorChanged,
		func(in *inputs) bool {
			ok := !in.selfHarm && !in.item9 && in.cssrs <= 0
			in.selfHarm = true
			return ok
		}},
}

// ratingSteps are the changes tried on each rating a clinician gave: one step down, one up.
var ratingSteps = [2]int8{-1, 1}

// work is what one recommendation decides in: the profile's inputs and facts, and a copy of the
// inputs that one what-if at a time changes, with its facts. The rules and the what-ifs are
// func values, so what they are given escapes to the heap; work holds no pointers and lives in
// the recommendation's memory.
type work struct {
	in, whatIf         inputs
	facts, whatIfFacts facts
}

// decideWhatIf returns the level w.whatIf leads to: the rubric's, never below the safety floor
// of the changed answers, nor, unless the what-if changes the risk answers themselves, below
// the floor of the answers as given. So no what-if suggests a level the floor forbids.
func (w *work) decideWhatIf(changesRisk bool, effect floorEffect) rank {
	f := &w.whatIfFacts
	var floorFrom *facts
	if effect.keepsFloor(&w.in, &w.facts) {
		floorFrom = &w.facts
	}
	derive(f, &w.whatIf, floorFrom)
	floor := f.floor
	if !changesRisk {
		floor = max(floor, w.facts.floor)
	}
	return max(decideLevel(f, floor), floor)
}

// wouldChange tries each what-if on a copy of w.in and reports those that move the level, with
// the level they move it to. Ratings a clinician gave are also tried one step up and one step
// down.
func wouldChange(w *work, level rank) []Change {
	// First the level each change leads to (rankUnknown: no change), then the answer, sized
	// exactly.
	var moved [len(whatIfs)]rank
	var rated [6][len(ratingSteps)]rank
	for i := range moved {
		moved[i] = rankUnknown
	}
	for i := range rated {
		rated[i] = [len(ratingSteps)]rank{rankUnknown, rankUnknown}
	}
	n := 0
	for i := range whatIfs {
		w.whatIf = w.in
		if !whatIfs[i].Apply(&w.whatIf) {
			continue
		}
		if l := w.decideWhatIf(whatIfs[i].ChangesRisk, whatIfs[i].Floor); l != level {
			moved[i] = l
			n++
		}
	}
	for i := range rated {
		g, ok := w.in.ratings.at(i)
		if !ok {
			continue
		}
		for j, step := range ratingSteps {
			if r := g + step; r >= 0 && r <= carepath.MaxRating {
				w.whatIf = w.in
				w.whatIf.ratings.setAt(i, int(r))
				if l := w.decideWhatIf(false, floorUntouched); l != level { // ratings are no risk answers
					rated[i][j] = l
					n++
				}
			}
		}
	}

	out := make([]Change, 0, n)
	add := func(code, text string, l rank) {
		dir := "down"
		if l > level {
			dir = "up"
		}
		out = append(out, Change{Code: code, Direction: dir, Level: l.level(), LevelName: levelNames[l], Text: text})
	}
	for i, l := range moved {
		if l != rankUnknown {
			add(whatIfs[i].Code, whatIfs[i].Text, l)
		}
	}
	for i := range rated {
		g, _ := w.in.ratings.at(i)
		for j, l := range rated[i] {
			if l != rankUnknown {
				r := g + ratingSteps[j]
				add(ratingCodes[i], "If "+dimensionNames[i]+" were rated "+strconv.Itoa(int(r))+" instead of "+strconv.Itoa(int(g)), l)
			}
		}
	}
	return out
}

// ratingCodes are the codes of the changes to a given rating, per dimension.
var ratingCodes = func() (codes [6]string) {
	for i, d := range carepath.Dimensions {
		codes[i] = "rating_" + string(d)
	}
	return codes
}()
