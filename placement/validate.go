package placement

import (
	"strconv"
	"strings"

	"github.com/carepath/carepath"
)

// validateProfile checks what the types cannot: ratings in range, enum values, money, hours, and
// that the profile holds at least one answer set or dimension rating. Answer counts and ranges
// are checked when the answers are scored.
func validateProfile(p *Profile, errs *carepath.FieldErrors) {
	a := &p.Answers
	hasAnswers := a.answered()
	hasRating := false
	for i := range carepath.Dimensions {
		r, ok := p.Dimensions.at(i)
		if !ok {
			continue
		}
		hasRating = true
		if r < 0 || r > carepath.MaxRating {
			errs.Add("dimensions."+string(carepath.Dimensions[i]), "range", "must be a whole number from 0 (no risk) to 4 (severe risk)")
		}
	}
	if !hasAnswers && !hasRating {
		errs.Add("answers", "required", "answer at least one questionnaire or give at least one dimension rating")
	}
	c := &p.Context
	check := func(field string, ok bool, allowed string) {
		if !ok {
			errs.Add("context."+field, "enum", "must be one of: %s", allowed)
		}
	}
	check("sex", c.Sex == "" || c.Sex == carepath.SexUnknown || c.Sex == carepath.SexFemale || c.Sex == carepath.SexMale, "female, male, unknown")
	check("recent_level", c.RecentLevel == "" || c.RecentLevel.Valid(), "none, outpatient, iop, php, residential, inpatient")
	check("support", c.Support == SupportUnknown || c.Support == SupportStrong || c.Support == SupportSome || c.Support == SupportNone, "strong, some, none")
	check("preference", c.Preference == "" || c.Preference == PreferNone || c.Preference == PreferIndividual || c.Preference == PreferGroup, "individual, group, none")
	check("withdrawal", severityRating(c.Withdrawal) >= 0, "none, mild, moderate, severe")
	check("medical", severityRating(c.MedicalNeeds) >= 0, "none, mild, moderate, severe")
	check("readiness", c.Readiness == ReadinessUnknown || c.Readiness == ReadinessReady || c.Readiness == ReadinessUnsure || c.Readiness == ReadinessNotReady, "ready, unsure, not_ready")
	check("intoxication", severityRating(c.Intoxication) >= 0, "none, mild, moderate, severe")
	for i, u := range c.Substances {
		if substanceBits[u] == 0 {
			errs.Add("context.substances["+strconv.Itoa(i)+"]", "enum", "must be one of: %s", strings.Join(words(Substances), ", "))
		}
	}
	for i, h := range c.WithdrawalHistory {
		if historyBits[h] == 0 {
			errs.Add("context.withdrawal_history["+strconv.Itoa(i)+"]", "enum", "must be one of: %s", strings.Join(words(WithdrawalEvents), ", "))
		}
	}
	if age := c.Age; age != nil && (*age < 0 || *age > maxAge) {
		errs.Add("context.age", "range", "must be a whole number of years from 0 to %d", maxAge)
	}
	if a.CSSRS == nil && a.CSSRSBehaviorPast3Months != nil {
		errs.Add("answers.cssrs_behavior_past_3_months", "required", "is asked only after question 6 of the C-SSRS screener (answers.cssrs)")
	}
	if h := c.WeeklyHoursAvailable; h != nil && (*h < 0 || *h > 168) {
		errs.Add("context.weekly_hours_available", "range", "must be a whole number of hours from 0 to 168")
	}
	if cov := p.Coverage; cov != nil {
		money := []struct {
			field string
			v     *carepath.Cents
		}{{"deductible_remaining_cents", cov.DeductibleRemaining}, {"copay_cents", cov.Copay}, {"out_of_pocket_remaining_cents", cov.OutOfPocketRemaining}}
		for _, m := range money {
			if m.v != nil && *m.v < 0 {
				errs.Add("coverage."+m.field, "range", "must be a whole number of cents, 0 or more")
			}
		}
		if pc := cov.CoinsurancePercent; pc != nil && (*pc < 0 || *pc > 100) {
			errs.Add("coverage.coinsurance_percent", "range", "must be a whole percentage from 0 to 100")
		}
	}
}
