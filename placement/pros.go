package placement

import (
	"slices"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/cost"
)

// personal holds what about a person changes the pros and cons of a level, one bit each.
type personal uint16

const (
	pPrefersIndividual personal = 1 << iota
	pPrefersGroup
	pMustKeepWorking
	pStrongSupport
	pNoSupport
	pRelapsed
	pTroubleWithSchedule
	pSerious // the main problem is rated 3 or more, or there is a safety concern
	pHoursShort
	personalCombos = 1 << iota // the combinations prosConsOf holds
)

// The bits that few people have, which prosConsOf does not hold: their pros and cons are built
// when asked for, which keeps the shared table small.
const (
	pOpioids    personal = personalCombos << iota // uses opioids: medication for opioid use disorder at every level
	pAdolescent                                   // under 18: adolescent programs and their hours
)

// personalBits sums up what about this person changes the pros and cons of every level; the
// time a person has is checked per level, by prosAndConsFor.
func personalBits(c *Context, f *facts) personal {
	var b personal
	set := func(bit personal, on bool) {
		if on {
			b |= bit
		}
	}
	set(pPrefersIndividual, c.Preference == PreferIndividual)
	set(pPrefersGroup, c.Preference == PreferGroup)
	set(pMustKeepWorking, c.MustKeepWorking)
	set(pStrongSupport, c.Support == SupportStrong)
	set(pNoSupport, c.Support == SupportNone)
	set(pRelapsed, c.RelapsedAfterTreatment)
	set(pTroubleWithSchedule, c.TroubleKeepingSchedule)
	set(pSerious, f.worst() >= 3 || f.crisis)
	set(pOpioids, hasSubstance(c.Substances, SubstanceOpioids))
	set(pAdolescent, adolescent(c))
	return b
}

// hasSubstance reports whether list names s.
func hasSubstance(list []Substance, s Substance) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// adolescent reports whether the person is under 18.
func adolescent(c *Context) bool { return c.Age != nil && *c.Age < 18 }

// prosCons is the pros and cons of one level for one combination of personal bits.
type prosCons struct{ pros, cons []string }

// prosConsSets holds every distinct prosCons, and prosConsOf the index into it for each level
// and combination of personal bits. They are built once, so a recommendation shares these
// read-only slices instead of building them. Most combinations share a set, and the index
// holds no pointers: the garbage collector has a few hundred small objects to trace instead of
// thousands.
var prosConsSets, prosConsOf = func() (sets []prosCons, of [6][personalCombos]uint16) {
	seen := map[string]uint16{}
	for li, l := range carepath.Levels {
		for b := range personal(personalCombos) {
			pros, cons := prosAndCons(l, b)
			key := strings.Join(pros, "\x00") + "\x00\x00" + strings.Join(cons, "\x00")
			i, ok := seen[key]
			if !ok {
				i = uint16(len(sets))
				seen[key] = i
				sets = append(sets, prosCons{slices.Clip(pros), slices.Clip(cons)})
			}
			of[li][b] = i
		}
	}
	return sets, of
}()

// prosAndConsFor returns the shared, read-only pros and cons of level l for this person, whose
// personal bits (but for pHoursShort) are b.
func prosAndConsFor(c *Context, b personal, l rank) (pros, cons []string) {
	need := minHours[l]
	if b&pAdolescent != 0 {
		need = minHoursAdolescent[l]
	}
	if c.WeeklyHoursAvailable != nil && need > 0 && need < 168 && *c.WeeklyHoursAvailable < need {
		b |= pHoursShort
	}
	if b&(pOpioids|pAdolescent) != 0 {
		return prosAndCons(l.level(), b)
	}
	pc := &prosConsSets[prosConsOf[l][b]]
	return pc.pros, pc.cons
}

// prosAndCons lists what speaks for and against level l: the general points the articles make,
// sharpened by what the person told us (the bits b).
func prosAndCons(l carepath.Level, b personal) (pros, cons []string) {
	has := func(bit personal) bool { return b&bit != 0 }
	switch l {
	case carepath.LevelNone:
		pros = append(pros, "No cost and no time commitment.")
		cons = append(cons, "No regular support if things get harder.")
	case carepath.LevelOutpatient:
		pros = append(pros, "One-on-one attention and a steady relationship with one therapist.",
			"Flexible: about an hour a week, scheduled around your life.", "Usually the least expensive option.")
		cons = append(cons, "No peer group; some people feel on their own.", "Needs motivation between weekly sessions.")
		if has(pPrefersIndividual) {
			pros = append(pros, "Matches your wish for one-on-one privacy.")
		}
		if has(pSerious) {
			cons = append(cons, "One session a week is probably not enough support for what your answers show.")
		}
	case carepath.LevelIOP:
		pros = append(pros, "Structure several days a week while you live at home.",
			"Group therapy brings peer support and accountability; individual sessions are included.",
			"Relapse prevention and life-skills training.")
		cons = append(cons, "A bigger time commitment: at least "+strconv.Itoa(hoursFor(l, b))+" hours a week.", "Costs more than weekly therapy.",
			"Ask about group sizes, one-on-one time and therapist turnover: programs differ a lot.")
		if has(pAdolescent) {
			pros = append(pros, "Adolescent IOPs often meet after school and include family sessions.")
		}
		if has(pMustKeepWorking) {
			pros = append(pros, "You can keep working: evening tracks are common.")
		}
		if has(pStrongSupport) {
			pros = append(pros, "Your strong support at home is what makes an IOP work.")
		}
		if has(pNoSupport) {
			cons = append(cons, "IOPs work best with support at home, which you said you lack.")
		}
		if has(pRelapsed) {
			pros = append(pros, "After a relapse, the extra structure helps rebuild coping tools.")
		}
		if has(pPrefersGroup) {
			pros = append(pros, "Matches your wish for a group.")
		}
		if has(pTroubleWithSchedule) {
			cons = append(cons, "Needs regular attendance, which you said is hard.")
		}
	case carepath.LevelPHP:
		pros = append(pros, "Most of the day, most days, in treatment, and home each night.",
			"Closer medical and psychiatric follow-up than an IOP.")
		cons = append(cons, "20 or more hours a week: hard to combine with a job.", "Costs more than an IOP.")
		if has(pMustKeepWorking) {
			cons = append(cons, "You said you must keep working; this usually needs leave from work.")
		}
	case carepath.LevelResidential:
		pros = append(pros, "A safe, structured place to live away from triggers.", "Support around the clock.")
		cons = append(cons, "Time away from home, work and family.", "The most expensive option after inpatient care.")
	case carepath.LevelInpatient:
		pros = append(pros, "Medical care around the clock for safe withdrawal or stabilization.")
		cons = append(cons, "Time away from home, work and family.", "The most expensive option, usually short.")
	}
	if has(pOpioids) {
		switch l {
		case carepath.LevelNone:
			cons = append(cons, "No help to start medication for opioid use disorder; keep naloxone at hand all the same.")
		case carepath.LevelResidential, carepath.LevelInpatient:
			pros = append(pros, "Medication for opioid use disorder (buprenorphine, methadone or naltrexone) can start or continue during "+
				"the stay: ask before admission, since not every program offers it.")
		default:
			pros = append(pros, "Medication for opioid use disorder (buprenorphine, methadone or naltrexone) can start or continue here.")
		}
	}
	if has(pHoursShort) {
		cons = append(cons, "Needs at least "+strconv.Itoa(hoursFor(l, b))+" hours a week, more than you said you have.")
	}
	return pros, cons
}

// hoursFor is the least weekly time of level l in cost's defaults, for an adolescent when b
// says so.
func hoursFor(l carepath.Level, b personal) int {
	if b&pAdolescent != 0 {
		if s, ok := cost.AdolescentDefaults[l]; ok {
			return s.HoursPerWeekMin
		}
	}
	return cost.Defaults[l].HoursPerWeekMin
}
