package delivery

import (
	"slices"
)

// daysPerYear is the length of the year that turnover is annualized to.
const daysPerYear = 365

// MinDaysToAnnualize is the shortest period whose turnover is scaled to a year: over a
// shorter one, a single departure reads as a rate several times too high or a quiet month
// as none at all, so only the counts are given.
const MinDaysToAnnualize = 90

func turnover(staff []Employment, primary primaryIndex, first, last Date) TurnoverFigure {
	t := TurnoverFigure{Days: first.DaysUntil(last) + 1,
		Method: "Separations are staff whose last day worked falls in the period. Average headcount is the mean, " +
			"over every day of the period, of the staff employed that day. The annualized rate is separations ÷ " +
			"average headcount × 365 ÷ days in the period, given only for a period of at least 90 days and with someone " +
			"employed in it (shorter periods show the counts alone). Clients whose clinician left are those whose primary " +
			"clinician on that staff member's last day worked was the one who left."}
	var personDays int
	left := map[string]bool{}
	for _, e := range staff {
		// Days of the period on which e was employed: [max(first, Start), min(last, Until-1)].
		lo, hi := e.Start, last
		if lo.Before(first) {
			lo = first
		}
		if !e.Until.IsZero() && e.Until.AddDays(-1).Before(hi) {
			hi = e.Until.AddDays(-1)
		}
		if !hi.Before(lo) {
			personDays += lo.DaysUntil(hi) + 1
		}
		if e.Until.IsZero() {
			continue
		}
		lastDay := e.Until.AddDays(-1)
		if lastDay.Before(first) || lastDay.After(last) {
			continue
		}
		t.Separations++
		for client := range primary {
			if primary.on(client, lastDay) == e.StaffID {
				left[client] = true
			}
		}
	}
	for client := range left {
		t.ClientsWhoseClinicianLeft = append(t.ClientsWhoseClinicianLeft, client)
	}
	slices.Sort(t.ClientsWhoseClinicianLeft)
	t.AverageHeadcount = float64(personDays) / float64(t.Days)
	t.Annualizable = t.AverageHeadcount > 0 && t.Days >= MinDaysToAnnualize
	if t.Annualizable {
		t.AnnualizedRate = float64(t.Separations) / t.AverageHeadcount * daysPerYear / float64(t.Days)
	}
	return t
}
