package placement

import (
	"slices"
	"strconv"

	"github.com/carepath/carepath/cost"
)

// conflicts lists the practical limits that do not fit the recommended level and what could
// make it work. They never change the level. The suggestions are shared, read-only slices.
func conflicts(p *Profile, f *facts, level rank) []Conflict {
	c := &p.Context
	var found [5]Conflict
	n := 0
	add := func(code, text string, suggestions []string) {
		found[n] = Conflict{Code: code, Text: text, Suggestions: suggestions}
		n++
	}
	need := minHours[level]
	if adolescent(c) {
		need = minHoursAdolescent[level]
	}
	if h := c.WeeklyHoursAvailable; h != nil && *h < need && level >= rankIOP {
		tips := hoursShortTips
		if level >= rankPHP {
			tips = hoursShortTipsWithLeave
		}
		add("hours_short", "You have about "+strconv.Itoa(*h)+" hours a week; "+levelNames[level]+" needs at least "+strconv.Itoa(need)+".", tips)
	}
	if c.MustKeepWorking && level >= rankPHP {
		add("must_keep_working", mustKeepWorkingText[level], mustKeepWorkingTips)
	}
	if c.Preference == PreferIndividual && (level == rankIOP || level == rankPHP) {
		add("prefers_individual", "You prefer one-on-one privacy, and this level is mostly group work.", prefersIndividualTips)
	}
	if c.Preference == PreferGroup && level == rankOutpatient {
		add("prefers_group", "You would like a group, and individual therapy is one-on-one.", prefersGroupTips)
	}
	if c.TroubleKeepingSchedule && (level == rankIOP || level == rankPHP) && f.rating[iEnvironment] < 4 {
		add("consistency", "Programs work only with regular attendance, and you said keeping a schedule is hard.", consistencyTips)
	}
	return slices.Clone(found[:n])
}

// The suggestions of each conflict.
var (
	hoursShortTips = []string{
		"Ask for an evening or weekend track so treatment fits around work.",
		"Ask whether part of the program can be done by telehealth, which saves travel time.",
		"Plan the step-down with your clinician now: intensive weeks first, then fewer hours as you improve.",
	}
	hoursShortTipsWithLeave = append(slices.Clip(hoursShortTips),
		"Ask your employer or HR about medical leave (FMLA) or short-term disability for the intensive weeks.")
	mustKeepWorkingTips = []string{
		"Ask your employer or HR about protected medical leave (FMLA) or short-term disability; your health information stays private.",
		"A short, intensive start can lead to an evening IOP that fits around work.",
	}
	prefersIndividualTips = []string{
		"Ask how many one-on-one minutes you would get each week and how big the groups are (process groups should stay under 10).",
		"Ask to keep the same individual therapist throughout, and to continue with them afterwards.",
	}
	prefersGroupTips = []string{
		"Add a therapy group or a peer support meeting (for example SMART Recovery, AA/NA or a DBSA group) alongside individual sessions.",
	}
	consistencyTips = []string{
		"Ask for reminders by text and a fixed weekly timetable.",
		"Ask about transport help or telehealth sessions on hard days.",
	}
)

// mustKeepWorkingText is the text of the must_keep_working conflict at each level.
var mustKeepWorkingText = func() (text [len(levelOfRank)]string) {
	for l, name := range levelNames {
		text[l] = "You need to keep working, but " + name + " takes most of the day."
	}
	return text
}()

// minHours and minHoursAdolescent are the least weekly time of each level in cost.Defaults
// and, for a person under 18, in cost.AdolescentDefaults, which the conflicts and the pros and
// cons compare with the time a person has. Like prosConsTable they are read once.
var minHours, minHoursAdolescent = func() (hours, young [len(levelOfRank)]int) {
	for l, level := range levelOfRank {
		hours[l] = cost.Defaults[level].HoursPerWeekMin
		young[l] = hours[l]
		if s, ok := cost.AdolescentDefaults[level]; ok {
			young[l] = s.HoursPerWeekMin
		}
	}
	return hours, young
}()
