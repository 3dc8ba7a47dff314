package schedule

import (
	"context"
	"testing"
)

func benchmarkSolve(b *testing.B, p GenParams) {
	inst, err := Generate(p)
	if err != nil {
		b.Fatal(err)
	}
	obj := 0
	for i := 0; b.Loop(); i++ {
		sol, _, err := Solve(context.Background(), inst, Options{Seed: uint64(i)})
		if err != nil {
			b.Fatal(err)
		}
		obj += sol.Objective
	}
	b.ReportMetric(float64(obj)/float64(b.N), "objective")
}

// BenchmarkSolve150 solves the small instance (150 clients), which CBC solves to optimality.
func BenchmarkSolve150(b *testing.B) {
	benchmarkSolve(b, GenParams{Clients: 150, Clinicians: 15, Groups: 12, Slots: 40, Seed: 1})
}

// BenchmarkSolve1000 solves the large instance (1,000 clients); run it with GOMAXPROCS=1 (-cpu 1).
func BenchmarkSolve1000(b *testing.B) {
	benchmarkSolve(b, GenParams{Clients: 1000, Clinicians: 80, Groups: 60, Slots: 50, Seed: 1})
}

func BenchmarkCheck1000(b *testing.B) {
	inst, _ := Generate(GenParams{Clients: 1000, Clinicians: 80, Groups: 60, Slots: 50, Seed: 1})
	sol, _, _ := Solve(context.Background(), inst, Options{})
	for b.Loop() {
		if _, err := Check(inst, sol); err != nil {
			b.Fatal(err)
		}
	}
}
