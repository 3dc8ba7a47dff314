package outcome

import "time"

// DueNow returns the due dates that have come (today, or up to GraceDays ago, so their window
// is still open) and none of whose instruments has been answered in their window (the date
// plus or minus GraceDays) yet: the measures to ask for now, oldest first. A date whose window
// closed unanswered is missed (Missed), not due.
func (s *Schedule) DueNow(measures []Measure, now time.Time) []Due {
	today := s.day(now)
	taken := map[string][]int{}
	for i := range measures {
		m := &measures[i]
		taken[string(m.Instrument)] = append(taken[string(m.Instrument)], s.day(m.TakenAt))
	}
	var out []Due
	for _, d := range s.dueDays(today + s.GraceDays) {
		on := dayOf(d.On)
		if today < on || today > on+s.GraceDays {
			continue
		}
		answered := false
		for _, id := range d.Instruments {
			for _, day := range taken[string(id)] {
				if day >= on-s.GraceDays && day <= on+s.GraceDays {
					answered = true
				}
			}
		}
		if !answered {
			out = append(out, d)
		}
	}
	return out
}
