package schedule

import (
	"context"
	"os"
	"testing"
	"time"
)

func TestDbg(t *testing.T) {
	if os.Getenv("INST") == "" {
		t.Skip("INST not set")
	}
	f, _ := os.Open(os.Getenv("INST"))
	inst, err := ParseInstance(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, pat := range []int{6000, 20000, 40000} {
		for seed := range uint64(4) {
			st := time.Now()
			_, stats, err := Solve(context.Background(), inst, Options{Seed: seed, Patience: pat})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("pat %d seed %d: %d (initial %d) in %v, iters %d", pat, seed, stats.Objective, stats.Initial, time.Since(st), stats.Iterations)
		}
	}
}
