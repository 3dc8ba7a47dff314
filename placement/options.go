package placement

import (
	"github.com/carepath/carepath"
	"github.com/carepath/carepath/cost"
)

// Option is one level of care set side by side with the others: time, length, money, and pros
// and cons for this person.
type Option struct {
	Level        carepath.Level `json:"level"`
	Name         string         `json:"name"`
	Fit          string         `json:"fit"` // "recommended", "more_than_needed" or "not_enough"
	HoursPerWeek HoursRange     `json:"hours_per_week"`
	DaysPerWeek  int            `json:"days_per_week"`
	Weeks        WeeksRange     `json:"weeks"`
	Rate         carepath.Cents `json:"rate_cents"`
	RateUnit     string         `json:"rate_unit"`
	cost.Estimate
	Pros   []string `json:"pros"`
	Cons   []string `json:"cons"`
	Source string   `json:"source"`
}

// HoursRange is the usual weekly hours of a level, with the typical figure the estimate uses.
type HoursRange struct {
	Min     int `json:"min"`
	Max     int `json:"max"`
	Typical int `json:"typical"`
}

// WeeksRange is the usual length of a level in weeks.
type WeeksRange struct {
	Min     int `json:"min"`
	Max     int `json:"max"`
	Typical int `json:"typical"`
}

// optionLevels are the levels always compared; the recommended level is added when it is not
// among them: first when it is none, last when it is more intensive.
var optionLevels = [...]rank{rankOutpatient, rankIOP, rankPHP}

// options compares the levels side by side for a person whose recommended level is rec.
func (cfg Config) options(p *Profile, f *facts, rec rank) []Option {
	levels := make([]rank, 0, len(optionLevels)+1)
	if rec == rankNone {
		levels = append(levels, rec)
	}
	levels = append(levels, optionLevels[:]...)
	if rec > rankPHP {
		levels = append(levels, rec)
	}
	b := personalBits(&p.Context, f)
	out := make([]Option, 0, len(levels))
	young := adolescent(&p.Context)
	for _, l := range levels {
		level := l.level()
		s := cfg.Schedules[level]
		if young {
			if a, ok := cfg.AdolescentSchedules[level]; ok {
				s = a
			}
		}
		fit := "recommended"
		switch {
		case l < rec:
			fit = "not_enough"
		case l > rec:
			fit = "more_than_needed"
		}
		pros, cons := prosAndConsFor(&p.Context, b, l)
		out = append(out, Option{
			Level: level, Name: levelNames[l], Fit: fit,
			HoursPerWeek: HoursRange{s.HoursPerWeekMin, s.HoursPerWeekMax, s.TypicalHours},
			DaysPerWeek:  s.DaysPerWeek,
			Weeks:        WeeksRange{s.WeeksMin, s.WeeksMax, s.TypicalWeeks},
			Rate:         s.Rate, RateUnit: s.RateUnit,
			Estimate: cost.Price(s, p.Coverage),
			Pros:     pros, Cons: cons, Source: s.Source,
		})
	}
	return out
}
