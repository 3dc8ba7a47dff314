package outcome

import (
	"fmt"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/instrument"
)

// useWindow is how far back the review looks at use: the last 30 days, the window of the
// check-in's second question.
const useWindow = 30 * 24 * time.Hour

// checkInFresh is how old the latest check-in may be for the check-ins to speak for the last
// 30 days: a week and the 3 days' grace of a weekly schedule.
const checkInFresh = 10 * 24 * time.Hour

// positiveScreen reports whether m is a positive substance screen: an AUDIT of 8 or more, an
// AUDIT-C of 3 or more (the lower, safer cut-off, since the review does not know the client's
// sex) or a DAST-10 of 3 or more.
func positiveScreen(m *Measure) bool {
	switch m.Instrument {
	case instrument.AUDIT:
		return m.Total >= 8
	case instrument.AUDITC, instrument.DAST10:
		return m.Total >= 3
	}
	return false
}

// positiveItem9 holds when the latest PHQ-9 scores 1 or more on item 9.
var positiveItem9 = Condition{Name: "positive item 9", Test: func(f *facts) (bool, string) {
	if f.lastPHQ9 == nil || f.lastPHQ9.Item9() < 1 {
		return false, ""
	}
	return true, fmt.Sprintf("The latest PHQ-9 (%s) scores %d on item 9, thoughts of death or self-harm.",
		f.lastPHQ9.TakenAt.Format(carepath.DateLayout), f.lastPHQ9.Item9())
}}

// reliablyWorse holds when the latest measure of a judged instrument is reliably worse than
// its baseline.
var reliablyWorse = Condition{Name: "reliable deterioration", Test: func(f *facts) (bool, string) {
	for _, id := range f.judged {
		if ch, ok := f.in.Config.Latest(f.in.Measures, id); ok && ch.ReliableDeterioration {
			return true, fmt.Sprintf("%s is reliably worse than at baseline: %d → %d (+%d).",
				instrumentName(id), ch.Baseline, ch.Latest, ch.Delta)
		}
	}
	return false, ""
}}

// remissionTwice holds when the last two measures of every judged instrument the client has
// answered are in remission, and there are two on at least one.
var remissionTwice = Condition{Name: "remission twice", Test: func(f *facts) (bool, string) {
	var names []string
	for _, id := range f.judged {
		s := series(f.in.Measures, id)
		if len(s) == 0 {
			continue
		}
		if len(s) < 2 {
			return false, ""
		}
		t := f.in.Config.Thresholds[id]
		if s[len(s)-1].Total >= t.Remission || s[len(s)-2].Total >= t.Remission {
			return false, ""
		}
		names = append(names, fmt.Sprintf("%s %d then %d", instrumentName(id), s[len(s)-2].Total, s[len(s)-1].Total))
	}
	if len(names) == 0 {
		return false, ""
	}
	return true, fmt.Sprintf("In remission on the last two measures: %s.", joinAnd(names))
}}

// attendanceAtLeast holds when at least p percent of the sessions of the last 4 weeks were attended.
func attendanceAtLeast(p int) Condition {
	return Condition{Name: fmt.Sprintf("attendance ≥ %d %%", p), Test: func(f *facts) (bool, string) {
		a := f.in.Attendance
		if a.Scheduled == 0 || !a.percentAtLeast(p) {
			return false, ""
		}
		return true, fmt.Sprintf("Attended %s over the last 4 weeks, at least %d %%.", a, p)
	}}
}

// attendanceBelow holds when fewer than p percent of the sessions of the last 4 weeks were attended.
func attendanceBelow(p int) Condition {
	return Condition{Name: fmt.Sprintf("attendance < %d %%", p), Test: func(f *facts) (bool, string) {
		a := f.in.Attendance
		if a.Scheduled == 0 || a.percentAtLeast(p) {
			return false, ""
		}
		return true, fmt.Sprintf("Attended %s over the last 4 weeks, below %d %%.", a, p)
	}}
}

// relapseWithin holds when a relapse happened in the last days days.
func relapseWithin(days int) Condition {
	return Condition{Name: fmt.Sprintf("relapse within %d days", days), Test: func(f *facts) (bool, string) {
		if f.lastRelapse.IsZero() || f.in.Now.Sub(f.lastRelapse) > time.Duration(days)*24*time.Hour {
			return false, ""
		}
		return true, fmt.Sprintf("A relapse was reported on %s, within the last %d days.", f.lastRelapse.Format(carepath.DateLayout), days)
	}}
}

// noRelapseFor holds when no relapse happened in the last days days.
func noRelapseFor(days int) Condition {
	within := relapseWithin(days)
	return Condition{Name: fmt.Sprintf("no relapse for %d days", days), Test: func(f *facts) (bool, string) {
		if ok, _ := within.Test(f); ok {
			return false, ""
		}
		return true, fmt.Sprintf("No relapse reported in the last %d days.", days)
	}}
}

// joinAnd joins items as "a", "a and b" or "a, b and c".
func joinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	out := items[0]
	for _, s := range items[1 : len(items)-1] {
		out += ", " + s
	}
	return out + " and " + items[len(items)-1]
}

// positiveCSSRS holds when the latest C-SSRS screener has any yes.
var positiveCSSRS = Condition{Name: "positive C-SSRS", Test: func(f *facts) (bool, string) {
	if f.lastCSSRS == nil || f.lastCSSRS.Total < 1 {
		return false, ""
	}
	return true, fmt.Sprintf("The latest C-SSRS screener (%s) has %d yes answers about suicidal thoughts or behaviour: "+
		"a safety evaluation and safety plan come first.", f.lastCSSRS.TakenAt.Format(carepath.DateLayout), f.lastCSSRS.Total)
}}

// withdrawalRated holds when a CIWA-Ar of 10 or more or a COWS of 13 or more (moderate
// withdrawal or worse) was rated in the last 7 days.
var withdrawalRated = Condition{Name: "withdrawal rated moderate or worse", Test: func(f *facts) (bool, string) {
	for _, r := range []struct {
		m    *Measure
		from int
	}{{f.lastCIWA, 10}, {f.lastCOWS, 13}} {
		if r.m != nil && r.m.Total >= r.from && f.in.Now.Sub(r.m.TakenAt) <= 7*24*time.Hour {
			return true, fmt.Sprintf("The %s of %s is %d, moderate withdrawal or worse: a medical withdrawal assessment today, "+
				"and withdrawal management alongside the program.", instrumentName(r.m.Instrument), r.m.TakenAt.Format(carepath.DateLayout), r.m.Total)
		}
	}
	return false, ""
}}

// caseAtBaseline holds when the first measure of a judged instrument was at caseness: only
// then can remission show improvement rather than a client who was never a case.
var caseAtBaseline = Condition{Name: "a case at baseline", Test: func(f *facts) (bool, string) {
	for _, id := range f.judged {
		if s := series(f.in.Measures, id); len(s) > 0 && s[0].Total >= f.in.Config.Thresholds[id].Caseness {
			return true, fmt.Sprintf("%s was %d at baseline, at caseness.", instrumentName(id), s[0].Total)
		}
	}
	return false, ""
}}

// substanceOnly holds for a client treated for substance use whose mood and anxiety measures
// were never at caseness: neither at baseline nor at the latest measure.
var substanceOnly = Condition{Name: "treated for substance use alone", Test: func(f *facts) (bool, string) {
	if !f.substance {
		return false, ""
	}
	for _, id := range f.judged {
		s := series(f.in.Measures, id)
		if len(s) > 0 && (s[0].Total >= f.in.Config.Thresholds[id].Caseness || s[len(s)-1].Total >= f.in.Config.Thresholds[id].Caseness) {
			return false, ""
		}
	}
	return true, "Treated for substance use; mood and anxiety measures are below caseness."
}}

// abstinence reports whether the check-ins speak for the last 30 days and report no use in
// them: the latest is recent and counts 30 days without use, and none in the window reports
// use. It returns the reason when they do.
func (f *facts) abstinence() (bool, string) {
	n := len(f.checkIns)
	if n == 0 || f.in.Now.Sub(f.checkInAt[n-1]) > checkInFresh || f.checkIns[n-1].DaysAbstinent30 < 30 {
		return false, ""
	}
	for _, c := range f.checkIns {
		if c.Used() {
			return false, ""
		}
	}
	return true, fmt.Sprintf("The check-ins report no use in the last 30 days (%d check-ins; the latest on %s: 30 of 30 days without use).",
		n, f.checkInAt[n-1].Format(carepath.DateLayout))
}

// noUseFor30Days holds when the check-ins show no use in the last 30 days, or, for a client not
// treated for substance use, when nothing points to use.
var noUseFor30Days = Condition{Name: "no use in 30 days", Test: func(f *facts) (bool, string) {
	if !f.substance {
		return true, "No substance use is recorded: no check-ins and no positive screen."
	}
	return f.abstinence()
}}

// sustainedAbstinence holds when at least two check-ins in the last 30 days, the latest recent,
// report no use at all.
var sustainedAbstinence = Condition{Name: "sustained abstinence", Test: func(f *facts) (bool, string) {
	if len(f.checkIns) < 2 {
		return false, ""
	}
	return f.abstinence()
}}

// useReported holds when the latest check-in of the last 30 days reports use.
var useReported = Condition{Name: "use reported", Test: func(f *facts) (bool, string) {
	n := len(f.checkIns)
	if n == 0 || !f.checkIns[n-1].Used() {
		return false, ""
	}
	c := f.checkIns[n-1]
	return true, fmt.Sprintf("The check-in of %s reports use on %d of the last 7 days (craving %d of 10).",
		f.checkInAt[n-1].Format(carepath.DateLayout), 7-c.DaysAbstinent7, c.Craving)
}}

// continuedUse holds when, despite the program, the latest check-in of the last 30 days
// reports use on 4 or more of the last 7 days, or the last two both report use.
var continuedUse = Condition{Name: "continued use", Test: func(f *facts) (bool, string) {
	n := len(f.checkIns)
	if n == 0 || !f.checkIns[n-1].Used() {
		return false, ""
	}
	c := f.checkIns[n-1]
	if 7-c.DaysAbstinent7 < 4 && (n < 2 || !f.checkIns[n-2].Used()) {
		return false, ""
	}
	return true, fmt.Sprintf("Use continues during the program: the check-in of %s reports use on %d of the last 7 days (craving %d of 10).",
		f.checkInAt[n-1].Format(carepath.DateLayout), 7-c.DaysAbstinent7, c.Craving)
}}

// newlyPositiveScreen holds when a substance screen taken in the last 30 days is positive and
// the one before it on the same instrument was not.
var newlyPositiveScreen = Condition{Name: "newly positive screen", Test: func(f *facts) (bool, string) {
	for _, id := range []instrument.ID{instrument.AUDIT, instrument.AUDITC, instrument.DAST10} {
		var s []Measure
		for _, m := range series(f.in.Measures, id) {
			if !m.TakenAt.After(f.in.Now) {
				s = append(s, m)
			}
		}
		n := len(s)
		if n < 2 || f.in.Now.Sub(s[n-1].TakenAt) > useWindow || !positiveScreen(&s[n-1]) || positiveScreen(&s[n-2]) {
			continue
		}
		return true, fmt.Sprintf("The %s of %s is positive (%d), where the one before it was not (%d).",
			instrumentName(id), s[n-1].TakenAt.Format(carepath.DateLayout), s[n-1].Total, s[n-2].Total)
	}
	return false, ""
}}
