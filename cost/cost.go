// Package cost estimates what each level of care costs in total and what the client pays under a
// coverage plan. It is pure. Every figure is a default that a program can change, and says where
// it comes from.
package cost

import "github.com/carepath/carepath"

// Coverage is the part of a person's insurance that decides their share. Nil pointers mean "not
// known"; a nil *Coverage means no insurance was given, so the estimate is self-pay.
type Coverage struct {
	DeductibleRemaining  *carepath.Cents `json:"deductible_remaining_cents,omitempty"`
	CoinsurancePercent   *int            `json:"coinsurance_percent,omitempty"`
	Copay                *carepath.Cents `json:"copay_cents,omitempty"`
	OutOfPocketRemaining *carepath.Cents `json:"out_of_pocket_remaining_cents,omitempty"`
}

// Schedule is how a level is usually delivered: hours a week, days a week, weeks, and how it is
// billed. Ranges are the published ranges of each level; Typical* are the defaults used for one
// estimate.
type Schedule struct {
	Level           carepath.Level `json:"level"`
	HoursPerWeekMin int            `json:"hours_per_week_min"`
	HoursPerWeekMax int            `json:"hours_per_week_max"`
	TypicalHours    int            `json:"typical_hours_per_week"`
	DaysPerWeek     int            `json:"days_per_week"`
	WeeksMin        int            `json:"weeks_min"`
	WeeksMax        int            `json:"weeks_max"`
	TypicalWeeks    int            `json:"typical_weeks"`
	RateLow         carepath.Cents `json:"rate_low_cents"`
	RateHigh        carepath.Cents `json:"rate_high_cents"`
	Rate            carepath.Cents `json:"rate_cents"`
	RateUnit        string         `json:"rate_unit"` // "session" or "day"
	// Source says where the figures come from, in words a person understands: typical US
	// prices, or a rough estimate when no published typical price was found.
	Source string `json:"source"`
}

// Visits is how many billed units (sessions or days) the typical course has.
func (s Schedule) Visits() int { return s.DaysPerWeek * s.TypicalWeeks }

// Total is the estimated price of the typical course at the default rate.
func (s Schedule) Total() carepath.Cents { return s.Rate * carepath.Cents(s.Visits()) }

// TotalRange is the price of the typical course at the low and high rates.
func (s Schedule) TotalRange() (low, high carepath.Cents) {
	n := carepath.Cents(s.Visits())
	return s.RateLow * n, s.RateHigh * n
}

// Defaults are the schedules and prices carepath assumes when a program has not set its own.
// Outpatient and IOP figures are typical US prices as published; for PHP, residential and
// inpatient care carepath found no published typical price, so their prices are rough estimates
// and their Source says so, asking the person to get the program's own.
var Defaults = map[carepath.Level]Schedule{
	carepath.LevelNone: {Level: carepath.LevelNone, DaysPerWeek: 0, RateUnit: "session",
		Source: "a first consultation is often free or low-cost"},
	carepath.LevelOutpatient: {Level: carepath.LevelOutpatient, HoursPerWeekMin: 1, HoursPerWeekMax: 2,
		TypicalHours: 1, DaysPerWeek: 1, WeeksMin: 8, WeeksMax: 26, TypicalWeeks: 16,
		RateLow: 10000, RateHigh: 25000, Rate: 17500, RateUnit: "session",
		Source: "typical US prices of $100–$250 a session, for about 16 weekly sessions; your therapist's price may differ"},
	carepath.LevelIOP: {Level: carepath.LevelIOP, HoursPerWeekMin: 9, HoursPerWeekMax: 19,
		TypicalHours: 9, DaysPerWeek: 3, WeeksMin: 4, WeeksMax: 13, TypicalWeeks: 6,
		RateLow: 25000, RateHigh: 35000, Rate: 30000, RateUnit: "day",
		Source: "typical US prices of $250–$350 a program day, 3 days a week for about 6 weeks ($3,000–$10,000 for a whole program); your program's price may differ"},
	carepath.LevelPHP: {Level: carepath.LevelPHP, HoursPerWeekMin: 20, HoursPerWeekMax: 30,
		TypicalHours: 25, DaysPerWeek: 5, WeeksMin: 2, WeeksMax: 6, TypicalWeeks: 4,
		RateLow: 35000, RateHigh: 70000, Rate: 50000, RateUnit: "day",
		Source: "a rough estimate: we found no published typical price or length for day programs, so ask the program for its own"},
	carepath.LevelResidential: {Level: carepath.LevelResidential, HoursPerWeekMin: 168, HoursPerWeekMax: 168,
		TypicalHours: 168, DaysPerWeek: 7, WeeksMin: 2, WeeksMax: 13, TypicalWeeks: 4,
		RateLow: 50000, RateHigh: 120000, Rate: 80000, RateUnit: "day",
		Source: "a rough estimate: we found no published typical price or length for residential care, so ask the program for its own"},
	carepath.LevelInpatient: {Level: carepath.LevelInpatient, HoursPerWeekMin: 168, HoursPerWeekMax: 168,
		TypicalHours: 168, DaysPerWeek: 7, WeeksMin: 1, WeeksMax: 2, TypicalWeeks: 1,
		RateLow: 100000, RateHigh: 300000, Rate: 200000, RateUnit: "day",
		Source: "a rough estimate: we found no published typical price or length for a hospital stay, so ask the hospital or your insurer"},
}

// AdolescentDefaults are the schedules that replace Defaults for a person under 18, where they
// differ: an adolescent IOP gives at least 6 hours a week (for example 3 afternoons of 2
// hours after school), with family sessions. Prices are the adult IOP's.
var AdolescentDefaults = map[carepath.Level]Schedule{
	carepath.LevelIOP: {Level: carepath.LevelIOP, HoursPerWeekMin: 6, HoursPerWeekMax: 19,
		TypicalHours: 6, DaysPerWeek: 3, WeeksMin: 4, WeeksMax: 13, TypicalWeeks: 6,
		RateLow: 25000, RateHigh: 35000, Rate: 30000, RateUnit: "day",
		Source: "programs for under-18s give at least 6 hours a week, often 3 afternoons of 2 hours after school; priced like an adult program ($250–$350 a program day), and your program's price may differ"},
}

// Estimate is what a course of care costs and who pays it.
type Estimate struct {
	Total       carepath.Cents `json:"total_cents"`
	TotalLow    carepath.Cents `json:"total_low_cents"`
	TotalHigh   carepath.Cents `json:"total_high_cents"`
	ClientPays  carepath.Cents `json:"client_cost_cents"`
	InsurerPays carepath.Cents `json:"insurer_cost_cents"`
	Basis       string         `json:"basis"`
}

// Price prices the typical course of s and splits it between the client and the insurer:
// the client pays the remaining deductible first, then a copay per visit (or, with no copay, the
// coinsurance share), never more than the out-of-pocket maximum that remains. Without coverage
// the client pays everything.
func Price(s Schedule, c *Coverage) Estimate {
	total := s.Total()
	low, high := s.TotalRange()
	e := Estimate{Total: total, TotalLow: low, TotalHigh: high}
	if c == nil {
		e.ClientPays, e.Basis = total, "self-pay: no insurance details were given"
		return e
	}
	var client carepath.Cents
	rest := total
	if c.DeductibleRemaining != nil {
		d := min(*c.DeductibleRemaining, total)
		client += d
		rest -= d
	}
	switch {
	case c.Copay != nil && *c.Copay > 0:
		client += min(*c.Copay*carepath.Cents(s.Visits()), rest)
		e.Basis = "deductible, then a copay per visit"
	case c.CoinsurancePercent != nil:
		client += rest * carepath.Cents(*c.CoinsurancePercent) / 100
		e.Basis = "deductible, then your coinsurance share"
	default:
		e.Basis = "deductible only: no copay or coinsurance was given"
	}
	if c.OutOfPocketRemaining != nil && client > *c.OutOfPocketRemaining {
		client = *c.OutOfPocketRemaining
		e.Basis += ", capped at your remaining out-of-pocket maximum"
	}
	e.ClientPays, e.InsurerPays = client, total-client
	return e
}
