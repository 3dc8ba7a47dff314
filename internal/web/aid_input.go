package web

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/cost"
	"github.com/carepath/carepath/instrument"
	"github.com/carepath/carepath/placement"
)

// aidAnswers are the decision aid's answers as posted: every step's answers travel with every
// form, in hidden fields, so nothing is stored on the server and nothing goes in a URL.
type aidAnswers url.Values

// get returns the answer to field, trimmed.
func (a aidAnswers) get(field string) string { return strings.TrimSpace(url.Values(a).Get(field)) }

// all returns every answer to a tick-all-that-apply field.
func (a aidAnswers) all(field string) []string { return url.Values(a)[field] }

// choiceIndex returns the answer to a questionnaire question as an option index below n.
func (a aidAnswers) choiceIndex(field string, n int) (int, bool) {
	i, err := strconv.Atoi(a.get(field))
	return i, err == nil && i >= 0 && i < n
}

// total adds the answers to questions from through to of a questionnaire whose fields are
// <prefix>_<n>; ok is false when one is missing.
func (a aidAnswers) total(prefix string, from, to, options int) (sum int, ok bool) {
	for i := from; i <= to; i++ {
		v, valid := a.choiceIndex(prefix+"_"+strconv.Itoa(i), options)
		if !valid {
			return sum, false
		}
		sum += v
	}
	return sum, true
}

// whole reads a whole number from 0 to max typed into field.
func (a aidAnswers) whole(field string, max int) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(strings.ReplaceAll(a.get(field), ",", "")))
	return n, err == nil && n >= 0 && n <= max
}

// age returns the age typed, and false when none (or no valid one) was.
func (a aidAnswers) age() (int, bool) { return a.whole("age", 120) }

// sex returns the sex chosen, unknown when none was.
func (a aidAnswers) sex() carepath.Sex {
	switch s := carepath.Sex(a.get("sex")); s {
	case carepath.SexFemale, carepath.SexMale:
		return s
	}
	return carepath.SexUnknown
}

// checkStep checks the answers to the questions of step s, returning a message per field.
func checkStep(s *aidStep, a aidAnswers) map[string]string {
	errs := map[string]string{}
	for _, q := range s.Questions(a) {
		if msg := checkQuestion(q, a); msg != "" {
			errs[q.Field] = msg
		}
	}
	return errs
}

// checkQuestion returns what is wrong with the answer to q, or "".
func checkQuestion(q aidQuestion, a aidAnswers) string {
	raw := a.get(q.Field)
	switch q.Kind {
	case "age":
		if _, ok := a.age(); raw != "" && !ok {
			return "Please type your age as a whole number of years, or leave it empty."
		}
	case "count":
		if _, ok := a.whole(q.Field, instrument.SingleDrugScreen.MaxCount); !ok {
			return "Please type a number of times, for example 0 if never."
		}
	case "multi":
		got := a.all(q.Field)
		if len(got) == 0 {
			return "Please tick at least one answer, or \"" + q.Choices[len(q.Choices)-1].Label + "\"."
		}
		for _, v := range got {
			if !validChoice(q.Choices, v) {
				return "Please tick only the answers shown."
			}
		}
		if slices.Contains(got, "none") && len(got) > 1 {
			return "\"" + q.Choices[len(q.Choices)-1].Label + "\" cannot be ticked together with another answer."
		}
	default:
		if raw == "" && q.Optional {
			return ""
		}
		if !validChoice(q.Choices, raw) {
			return "Please choose an answer."
		}
	}
	return ""
}

func validChoice(choices []choice, v string) bool {
	for _, c := range choices {
		if c.Value == v {
			return true
		}
	}
	return false
}

// aidProfile turns the answers to the steps of path, and only those, into a placement profile:
// an answer left behind on a step that no longer applies (after Back and a changed answer)
// does not count.
func aidProfile(a aidAnswers, path []*aidStep) placement.Profile {
	var p placement.Profile
	on := map[string]bool{}
	for _, s := range path {
		on[s.ID] = true
	}
	c := &p.Context
	c.Sex = a.sex()
	if n, ok := a.age(); ok && on["about"] {
		c.Age = &n
	}
	ints := func(prefix string, from, to, options int) []int {
		out := make([]int, 0, to-from+1)
		for i := from; i <= to; i++ {
			v, _ := a.choiceIndex(prefix+"_"+strconv.Itoa(i), options)
			out = append(out, v)
		}
		return out
	}
	if on["mood_more"] {
		p.Answers.PHQ9 = ints("phq9", 1, 9, 4)
	} else if on["mood"] {
		p.Answers.PHQ2 = ints("phq9", 1, 2, 4)
	}
	if on["anxiety_more"] {
		p.Answers.GAD7 = ints("gad7", 1, 7, 4)
	} else if on["anxiety"] {
		p.Answers.GAD2 = ints("gad7", 1, 2, 4)
	}
	if on["alcohol_more"] {
		p.Answers.AUDIT = append(ints("audit", 1, 8, 5), ints("audit", 9, 10, 3)...)
	} else if on["alcohol"] {
		p.Answers.AUDITC = ints("audit", 1, 3, 5)
	}
	if n, ok := a.whole("drug_screen", instrument.SingleDrugScreen.MaxCount); ok && on["drugs"] {
		p.Answers.SingleDrugScreen = &n
	}
	if on["drugs_more"] {
		for i := 1; i <= 10; i++ {
			p.Answers.DAST10 = append(p.Answers.DAST10, a.get("dast10_"+strconv.Itoa(i)) == "yes")
		}
	}
	c.SelfHarm = on["safety"] && a.get("self_harm") == "yes"
	if on["cssrs"] {
		yes := make([]bool, 6)
		for i := 1; i <= 5; i++ {
			yes[i-1] = a.get("cssrs_"+strconv.Itoa(i)) == "yes" && (i <= 2 || a.get("cssrs_2") == "yes")
		}
		switch a.get("cssrs_6") {
		case "recent":
			yes[5], p.Answers.CSSRSBehaviorPast3Months = true, ptrTo(true)
		case "earlier":
			yes[5], p.Answers.CSSRSBehaviorPast3Months = true, ptrTo(false)
		}
		p.Answers.CSSRS = yes
	}
	if a.substanceUse() {
		c.SubstanceUse = ptrTo(true)
	}
	if on["use"] {
		useContext(a, c)
	}
	if on["health"] {
		c.NeedsTwentyFourHourCare = a.get("needs_24h_supervision") == "yes"
		c.AtRiskOfHospitalization = a.get("at_risk_of_hospitalization") == "yes"
		c.MedicalNeeds = placement.Severity(a.get("medical"))
	}
	if on["home"] {
		c.Support = placement.Support(a.get("support"))
		c.StableHousing = ptrTo(a.get("stable_housing") == "yes")
		c.LivesWithActiveUsers = a.get("lives_with_active_users") == "yes"
	}
	if on["treatment"] {
		c.RecentLevel = carepath.Level(a.get("recent_level"))
		c.RelapsedAfterTreatment = a.get("relapsed_after_treatment") == "yes"
		c.Readiness = placement.Readiness(a.get("readiness"))
	}
	c.CompletedRecentLevel = on["treatment_more"] && a.get("completed_recent_level") == "yes"
	p.Coverage, _ = practicalAnswers(a, c)
	return p
}

// useContext reads the withdrawal questions. With nothing ticked the substances stay unknown,
// which the engine reads the cautious way; "none now" is an empty list.
func useContext(a aidAnswers, c *placement.Context) {
	if got := a.all("substances"); len(got) > 0 {
		c.Substances = []placement.Substance{}
		for _, v := range got {
			if v != "none" && validChoice(qSubstances.Choices, v) {
				c.Substances = append(c.Substances, placement.Substance(v))
			}
		}
	}
	c.Withdrawal = placement.Severity(a.get("withdrawal"))
	if !validChoice(qWithdrawal.Choices, string(c.Withdrawal)) {
		c.Withdrawal = placement.SeverityUnknown
	}
	if got := a.all("withdrawal_history"); len(got) > 0 {
		c.WithdrawalHistory = []placement.WithdrawalEvent{}
		for _, v := range got {
			if v != "none" && validChoice(qWithdrawalHistory.Choices, v) {
				c.WithdrawalHistory = append(c.WithdrawalHistory, placement.WithdrawalEvent(v))
			}
		}
	}
	if v := a.get("pregnant"); v != "" {
		c.Pregnant = ptrTo(v == "yes")
	}
}

func ptrTo[T any](v T) *T { return &v }

// practicalAnswers reads the optional questions of the result page — hours, work, format and
// insurance — into c and a coverage (nil when no insurance figure was given), with a message
// per field that is not understood.
func practicalAnswers(a aidAnswers, c *placement.Context) (*cost.Coverage, map[string]string) {
	errs := map[string]string{}
	if raw := a.get("weekly_hours_available"); raw != "" {
		if n, ok := a.whole("weekly_hours_available", 168); ok {
			c.WeeklyHoursAvailable = &n
		} else {
			errs["weekly_hours_available"] = "Please give a whole number of hours from 0 to 168."
		}
	}
	c.MustKeepWorking = a.get("must_keep_working") == "yes"
	if v := placement.Preference(a.get("preference")); v == placement.PreferIndividual || v == placement.PreferGroup || v == placement.PreferNone {
		c.Preference = v
	}
	var cov cost.Coverage
	given := false
	for _, f := range []struct {
		field string
		dst   **carepath.Cents
	}{{"deductible_remaining", &cov.DeductibleRemaining}, {"copay", &cov.Copay}, {"out_of_pocket_remaining", &cov.OutOfPocketRemaining}} {
		if raw := a.get(f.field); raw != "" {
			if cents, ok := parseDollars(raw); ok {
				*f.dst, given = &cents, true
			} else {
				errs[f.field] = "Please give an amount in dollars, for example 1500 or 1,500.00."
			}
		}
	}
	if raw := a.get("coinsurance_percent"); raw != "" {
		if n, err := strconv.Atoi(strings.TrimSuffix(raw, "%")); err == nil && n >= 0 && n <= 100 {
			cov.CoinsurancePercent, given = &n, true
		} else {
			errs["coinsurance_percent"] = "Please give a whole percentage from 0 to 100."
		}
	}
	if !given {
		return nil, errs
	}
	return &cov, errs
}

// parseDollars reads "1,500", "$1500.5" or "1500.50" as cents; negative or malformed amounts fail.
func parseDollars(s string) (carepath.Cents, bool) {
	s = strings.ReplaceAll(strings.TrimPrefix(strings.TrimSpace(s), "$"), ",", "")
	whole, frac, hasFrac := strings.Cut(s, ".")
	if whole == "" {
		whole = "0"
	}
	d, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || d < 0 || d > 10_000_000 || (hasFrac && (len(frac) == 0 || len(frac) > 2)) {
		return 0, false
	}
	c := int64(0)
	if hasFrac {
		if len(frac) == 1 {
			frac += "0"
		}
		if c, err = strconv.ParseInt(frac, 10, 64); err != nil || c < 0 {
			return 0, false
		}
	}
	return carepath.Cents(d*100 + c), true
}
