package billing

import (
	"fmt"
	"testing"
	"time"

	"github.com/carepath/carepath"
)

// BenchmarkMonthOfCharges prices a month (March 2026) of a 300-client IOP: four program days a
// week with three one-hour groups each and one individual session a week — 17,700 events —
// itemized, then again as per-diem days.
func BenchmarkMonthOfCharges(b *testing.B) {
	var evs []Event
	start := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for c := range 300 {
		client := fmt.Sprintf("client-%03d", c)
		for d := range 31 {
			day := start.AddDate(0, 0, d)
			if wd := day.Weekday(); wd < time.Monday || wd > time.Thursday {
				continue
			}
			date := day.Format(carepath.DateLayout)
			for g := range 3 {
				evs = append(evs, Event{ID: fmt.Sprintf("%s:%s:g%d", client, date, g), ClientID: client, Kind: EventGroup, Date: date,
					Minutes: 60, Track: TrackMentalHealth, NoteSigned: true})
			}
			if day.Weekday() == time.Tuesday {
				evs = append(evs, Event{ID: fmt.Sprintf("%s:%s:i", client, date), ClientID: client, Kind: EventIndividual, Date: date, Minutes: 55, NoteSigned: true})
			}
		}
	}
	for _, perDiem := range []bool{false, true} {
		b.Run(fmt.Sprintf("per_diem=%v", perDiem), func(b *testing.B) {
			table := testTable(Format837P, perDiem)
			b.ReportAllocs()
			for b.Loop() {
				run := Charges(evs, table)
				if len(run.Charges) == 0 || len(run.Skipped) != 0 {
					b.Fatal("no charges")
				}
			}
		})
	}
}
