package outcome

import (
	"io"
	"math/rand/v2"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/instrument"
)

// benchEpisodes generates n episodes with perEpisode measures each, the same on every run:
// half outpatient, a third IOP, the rest PHP; PHQ-9 and GAD-7 alternating weekly, drifting
// from a random baseline; four in five discharged.
func benchEpisodes(n, perEpisode int) []ReportEpisode {
	rng := rand.New(rand.NewPCG(6, 2026))
	levels := []carepath.Level{carepath.LevelOutpatient, carepath.LevelOutpatient, carepath.LevelOutpatient,
		carepath.LevelIOP, carepath.LevelIOP, carepath.LevelPHP}
	eps := make([]ReportEpisode, n)
	measures := make([]Measure, n*perEpisode)
	for i := range eps {
		admit := day0.AddDate(0, 0, rng.IntN(365))
		e := ReportEpisode{ID: "e" + itoa(i), Level: levels[rng.IntN(len(levels))], AdmittedOn: admit,
			Measures: measures[i*perEpisode : (i+1)*perEpisode : (i+1)*perEpisode]}
		if rng.IntN(5) > 0 {
			e.DischargedOn = admit.AddDate(0, 0, 7*perEpisode/2+rng.IntN(28))
			e.Completed = rng.IntN(3) > 0
		}
		phq, gad := rng.IntN(28), rng.IntN(22)
		for k := range e.Measures {
			m := &e.Measures[k]
			m.ID = e.ID + "m" + itoa(k)
			m.TakenAt = admit.AddDate(0, 0, 7*k)
			if k%2 == 0 {
				phq = min(27, max(0, phq+rng.IntN(7)-4))
				m.Instrument, m.Total = instrument.PHQ9, phq
			} else {
				gad = min(21, max(0, gad+rng.IntN(5)-3))
				m.Instrument, m.Total = instrument.GAD7, gad
			}
		}
		eps[i] = e
	}
	return eps
}

// BenchmarkReport builds the outcomes report, with its CSV, for 20,000 episodes and 300,000
// measures.
func BenchmarkReport(b *testing.B) {
	eps := benchEpisodes(20000, 15)
	cfg := DefaultConfig()
	b.ReportAllocs()
	for b.Loop() {
		r := BuildReport(eps, cfg, 0)
		if err := r.WriteCSV(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReviewAndAlerts runs one client's continued-stay review and alerts over a year of
// weekly measures.
func BenchmarkReviewAndAlerts(b *testing.B) {
	e := benchEpisodes(1, 104)[0]
	s := DefaultSchedule(carepath.LevelIOP, e.AdmittedOn, false, nil)
	now := e.AdmittedOn.AddDate(1, 0, 0)
	cfg := DefaultConfig()
	b.ReportAllocs()
	for b.Loop() {
		Review(ReviewInput{Level: carepath.LevelIOP, Measures: e.Measures, Attendance: Attendance{9, 12}, Now: now, Config: cfg})
		Alerts(AlertInput{ClientID: "c1", Measures: e.Measures, Schedule: &s, Now: now, Config: cfg})
	}
}
