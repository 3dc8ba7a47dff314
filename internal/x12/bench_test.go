package x12

import (
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/billing"
)

// monthOfEvents is March 2026 of a 300-client IOP: four program days a week (Monday–Thursday),
// three one-hour groups a day (12 group hours a week) and one 55-minute individual session a
// week, every note signed: 300 × (17 days × 3 groups + 4 individual) = 17,700 events.
func monthOfEvents() []billing.Event {
	var evs []billing.Event
	start := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for c := range 300 {
		client := fmt.Sprintf("client-%03d", c)
		for d := range 31 {
			day := start.AddDate(0, 0, d)
			wd := day.Weekday()
			if wd < time.Monday || wd > time.Thursday {
				continue
			}
			date := day.Format(carepath.DateLayout)
			for g := range 3 {
				evs = append(evs, billing.Event{ID: fmt.Sprintf("%s:%s:g%d", client, date, g), ClientID: client, Kind: billing.EventGroup,
					Date: date, Minutes: 60, Track: billing.TrackMentalHealth, NoteSigned: true, RenderingNPI: npiClinician})
			}
			if wd == time.Tuesday {
				evs = append(evs, billing.Event{ID: fmt.Sprintf("%s:%s:i", client, date), ClientID: client, Kind: billing.EventIndividual,
					Date: date, Minutes: 55, NoteSigned: true, RenderingNPI: npiClinician})
			}
		}
	}
	return evs
}

// BenchmarkMonthChargesAnd837 measures the pure part of a monthly billing run: charges from a
// month of attendance, one claim set per client, and the 837P file for all of them.
func BenchmarkMonthChargesAnd837(b *testing.B) {
	evs := monthOfEvents()
	table := billing.RateTable{ProgramID: "p1", Format: billing.Format837P, Prices: prices()}
	base := knownBatch(b)
	sub := base.Claims[0].Subscriber
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		run := billing.Charges(evs, table)
		byClient := map[string][]billing.Charge{}
		for _, c := range run.Charges {
			byClient[c.ClientID] = append(byClient[c.ClientID], c)
		}
		batch := base
		batch.Claims = nil
		for c := range 300 {
			client := fmt.Sprintf("client-%03d", c)
			claims, err := billing.BuildClaims(billing.ClaimInput{ID: fmt.Sprintf("M%03d", c), ClientID: client, PayerID: "aetna",
				Format: billing.Format837P, From: "2026-03-01", Through: "2026-03-31", HasCoverage: true, Charges: byClient[client],
				Diagnoses: []string{"F33.1", "F41.1"}}, testCodes)
			if err != nil {
				b.Fatal(err)
			}
			for _, cl := range claims {
				batch.Claims = append(batch.Claims, ClaimParties{Claim: cl, Subscriber: sub})
			}
		}
		sum, err := Write837(io.Discard, batch)
		if err != nil {
			b.Fatal(err)
		}
		if len(run.Charges) != 17700 || sum.Lines != 17700 || sum.Claims != 600 {
			b.Fatalf("%d charges, %d lines, %d claims", len(run.Charges), sum.Lines, sum.Claims)
		}
	}
}
