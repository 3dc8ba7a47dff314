package placement

import (
	"encoding/json"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/cost"
)

// contextFields lists every context field with the place it decodes into.
func contextFields(c *Context) (bools map[string]*bool, optBools map[string]**bool, enums map[string]enumField) {
	bools = map[string]*bool{
		"completed_recent_level":     &c.CompletedRecentLevel,
		"relapsed_after_treatment":   &c.RelapsedAfterTreatment,
		"at_risk_of_hospitalization": &c.AtRiskOfHospitalization,
		"needs_24h_supervision":      &c.NeedsTwentyFourHourCare,
		"lives_with_active_users":    &c.LivesWithActiveUsers,
		"trouble_keeping_schedule":   &c.TroubleKeepingSchedule,
		"must_keep_working":          &c.MustKeepWorking,
		"self_harm":                  &c.SelfHarm,
	}
	optBools = map[string]**bool{
		"substance_use":  &c.SubstanceUse,
		"stable_housing": &c.StableHousing,
		"pregnant":       &c.Pregnant,
	}
	enums = map[string]enumField{
		"sex":          {(*string)(&c.Sex), []string{"female", "male", "unknown"}},
		"recent_level": {(*string)(&c.RecentLevel), []string{"none", "outpatient", "iop", "php", "residential", "inpatient"}},
		"support":      {(*string)(&c.Support), []string{"strong", "some", "none"}},
		"preference":   {(*string)(&c.Preference), []string{"individual", "group", "none"}},
		"withdrawal":   {(*string)(&c.Withdrawal), []string{"none", "mild", "moderate", "severe"}},
		"medical":      {(*string)(&c.MedicalNeeds), []string{"none", "mild", "moderate", "severe"}},
		"readiness":    {(*string)(&c.Readiness), []string{"ready", "unsure", "not_ready"}},
		"intoxication": {(*string)(&c.Intoxication), []string{"none", "mild", "moderate", "severe"}},
	}
	return bools, optBools, enums
}

// enumField is a string field that takes one of a fixed set of words.
type enumField struct {
	dst     *string
	allowed []string
}

func (d *decoder) context(raw json.RawMessage, c *Context) {
	bools, optBools, enums := contextFields(c)
	known := []string{"weekly_hours_available", "age", "substances", "withdrawal_history"}
	for k := range bools {
		known = append(known, k)
	}
	for k := range optBools {
		known = append(known, k)
	}
	for k := range enums {
		known = append(known, k)
	}
	m := d.object("context", raw, known...)
	for k, v := range m {
		path := "context." + k
		if dst, ok := bools[k]; ok {
			if json.Unmarshal(v, dst) != nil {
				d.errs.Add(path, "type", "must be true or false")
			}
		}
		if dst, ok := optBools[k]; ok {
			var b bool
			if json.Unmarshal(v, &b) != nil {
				d.errs.Add(path, "type", "must be true or false")
			} else {
				*dst = &b
			}
		}
		if e, ok := enums[k]; ok {
			var s string
			if json.Unmarshal(v, &s) != nil || !contains(e.allowed, s) {
				d.errs.Add(path, "enum", "must be one of: %s", strings.Join(e.allowed, ", "))
			} else {
				*e.dst = s
			}
		}
	}
	if v, ok := m["weekly_hours_available"]; ok {
		var n int
		if json.Unmarshal(v, &n) != nil || n < 0 || n > 168 {
			d.errs.Add("context.weekly_hours_available", "range", "must be a whole number of hours from 0 to 168")
		} else {
			c.WeeklyHoursAvailable = &n
		}
	}
	if v, ok := m["age"]; ok {
		var n int
		if json.Unmarshal(v, &n) != nil || n < 0 || n > maxAge {
			d.errs.Add("context.age", "range", "must be a whole number of years from 0 to %d", maxAge)
		} else {
			c.Age = &n
		}
	}
	if v, ok := m["substances"]; ok {
		d.enumList("context.substances", v, words(Substances), func(w []string) {
			c.Substances = make([]Substance, len(w))
			for i, x := range w {
				c.Substances[i] = Substance(x)
			}
		})
	}
	if v, ok := m["withdrawal_history"]; ok {
		d.enumList("context.withdrawal_history", v, words(WithdrawalEvents), func(w []string) {
			c.WithdrawalHistory = make([]WithdrawalEvent, len(w))
			for i, x := range w {
				c.WithdrawalHistory[i] = WithdrawalEvent(x)
			}
		})
	}
	if c.Sex == "" && m["sex"] == nil {
		c.Sex = carepath.SexUnknown
	}
}

// maxAge is the oldest age, in years, a profile may give.
const maxAge = 120

// words returns the words of a list of enum values.
func words[T ~string](list []T) []string {
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = string(x)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (d *decoder) coverage(raw json.RawMessage) *cost.Coverage {
	m := d.object("coverage", raw, "deductible_remaining_cents", "coinsurance_percent", "copay_cents", "out_of_pocket_remaining_cents")
	if m == nil {
		return nil
	}
	c := &cost.Coverage{}
	money := map[string]**carepath.Cents{
		"deductible_remaining_cents":    &c.DeductibleRemaining,
		"copay_cents":                   &c.Copay,
		"out_of_pocket_remaining_cents": &c.OutOfPocketRemaining,
	}
	for k, dst := range money {
		v, ok := m[k]
		if !ok {
			continue
		}
		var n int64
		if json.Unmarshal(v, &n) != nil || n < 0 || n > 100_000_000_00 {
			d.errs.Add("coverage."+k, "range", "must be a whole number of cents, 0 or more")
			continue
		}
		cents := carepath.Cents(n)
		*dst = &cents
	}
	if v, ok := m["coinsurance_percent"]; ok {
		var n int
		if json.Unmarshal(v, &n) != nil || n < 0 || n > 100 {
			d.errs.Add("coverage.coinsurance_percent", "range", "must be a whole percentage from 0 to 100")
		} else {
			c.CoinsurancePercent = &n
		}
	}
	return c
}
