package store_test

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// seedOutcomeBench seeds two years of a clinic by SQL in one transaction, deterministically:
// 20,000 episodes (one client each) in an outpatient, an IOP and a PHP program, a fifth of the
// IOP and PHP episodes stepping down once, and 300,000 PHQ-9 and GAD-7 measures (15 a client,
// weekly from admission).
func seedOutcomeBench(b *testing.B, env *storetest.Env) {
	b.Helper()
	rng := rand.New(rand.NewPCG(6, 17))
	s := newOutcomeSeed()
	programs := []struct{ id, level string }{
		{s.program("outpatient", "America/Chicago"), "outpatient"},
		{s.program("iop", "America/New_York"), "iop"},
		{s.program("php", "UTC"), "php"},
	}
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 20000 {
		p := programs[[]int{0, 0, 1, 1, 2}[i%5]]
		c := s.client()
		admit := start.AddDate(0, 0, rng.IntN(700))
		weeks := 4 + rng.IntN(12)
		end := admit.AddDate(0, 0, 7*weeks)
		discharged, reason := end.Format(time.DateOnly), []string{"completed", "completed", "left_against_advice", "other"}[rng.IntN(4)]
		if end.After(time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)) {
			discharged, reason = "", ""
		}
		stepped := p.level != "outpatient" && i%25 < 5
		level := p.level
		if stepped {
			level = "outpatient" // an episode's level is its level now
		}
		e := s.episode(c, p.id, level, admit.Format(time.DateOnly), discharged, reason)
		if stepped {
			s.transfer(e, 1, p.level, "outpatient", admit.AddDate(0, 0, 7*(weeks/2)).Format(time.DateOnly))
		}
		phq, gad := 4+rng.IntN(24), 3+rng.IntN(19)
		for k := range 15 {
			when := admit.Add(time.Duration(k*7*24+15) * time.Hour)
			if k%2 == 0 {
				s.measure(c, "phq9", max(0, min(27, phq-k+rng.IntN(5))), when)
			} else {
				s.measure(c, "gad7", max(0, min(21, gad-k/2+rng.IntN(4))), when)
			}
		}
	}
	if len(s.episodes) != 20000 || len(s.measures) != 300000 {
		b.Fatalf("seeded %d episodes, %d measures", len(s.episodes), len(s.measures))
	}
	s.write(b, env.Write)
	if env.Engine == "postgres" {
		if _, err := env.Write.Exec(`ANALYZE`); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOutcomeReport measures the whole outcomes report (the store's three reads, the
// stays, outcome.BuildReport and the CSV, through the chokepoint with its audit row) over
// 20,000 episodes and 300,000 measures, on SQLite and, when CAREPATH_TEST_POSTGRES is set, on
// PostgreSQL:
//
//	CAREPATH_TEST_POSTGRES='postgres://postgres@127.0.0.1:5432/test?sslmode=disable' \
//	  go test ./internal/store -run '^$' -bench BenchmarkOutcomeReport -benchtime 10x
func BenchmarkOutcomeReport(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			env := storetest.SQLite(b)
			if engine == "postgres" {
				env = storetest.Postgres(b)
			}
			seedOutcomeBench(b, env)
			svc := store.NewOutcomeService(env.Store)
			ctx := carepath.NewContext(context.Background(), carepath.Actor{ID: "staff-admin", Role: carepath.RoleAdmin, Remote: "192.0.2.9"})
			f := carepath.OutcomeFilter{From: "2024-01-01", To: "2026-01-01"}
			for b.Loop() {
				r, err := svc.OutcomeReport(ctx, f)
				if err != nil {
					b.Fatal(err)
				}
				if r.Stays < 20000 {
					b.Fatalf("stays = %d", r.Stays)
				}
			}
		})
	}
}
