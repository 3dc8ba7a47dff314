package app_test

import (
	"slices"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
)

// BenchmarkAlertToOnCallEmail measures how long a safety alert takes to reach the person on
// call: from a PHQ-9 with item 9 stored to the alert's email accepted by a real SMTP server
// (STARTTLS and sign-in), through the outbox and the worker at its default poll (2 s). It
// reports the median and the slowest as ms/alert-p50 and ms/alert-max.
func BenchmarkAlertToOnCallEmail(b *testing.B) {
	w := newSafetyWorld(b, time.Hour, 0)
	var took []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		before := len(w.mail.To(w.omar.Email))
		start := time.Now()
		if _, _, err := w.srv.Services.Measures.CreateMeasure(apptest.System(), w.client, carepath.MeasureInput{Instrument: "phq9",
			Answers: []int{1, 1, 1, 1, 1, 1, 1, 1, 2}, TakenAt: time.Now().Add(-time.Second)}); err != nil {
			b.Fatal(err)
		}
		for len(w.mail.To(w.omar.Email)) == before {
			if time.Since(start) > 60*time.Second {
				b.Fatal("no email within 60 s")
			}
			time.Sleep(5 * time.Millisecond)
		}
		took = append(took, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Milliseconds()), "ms/alert-p50")
	b.ReportMetric(float64(took[len(took)-1].Milliseconds()), "ms/alert-max")
}
