package schedule

import (
	"context"
	"reflect"
	"testing"
	"time"
)

func TestSolveFeasibleOnGenerated(t *testing.T) {
	sizes := []GenParams{
		{Clients: 0, Clinicians: 0, Groups: 0, Slots: 1},
		{Clients: 5, Clinicians: 0, Groups: 2, Slots: 3},
		{Clients: 5, Clinicians: 2, Groups: 0, Slots: 8},
		{Clients: 40, Clinicians: 4, Groups: 5, Slots: 20},
		{Clients: 150, Clinicians: 15, Groups: 12, Slots: 40},
		{Clients: 300, Clinicians: 20, Groups: 30, Slots: 100},
	}
	for i, p := range sizes {
		for seed := range uint64(3) {
			p.Seed = seed
			inst, err := Generate(p)
			if err != nil {
				t.Fatalf("Generate(%+v): %v", p, err)
			}
			if err := inst.Validate(); err != nil {
				t.Fatalf("Generate(%+v) is invalid: %v", p, err)
			}
			sol, stats, err := Solve(context.Background(), inst, Options{Seed: seed})
			if err != nil {
				t.Fatalf("size %d seed %d: %v", i, seed, err)
			}
			r, err := Check(inst, sol)
			if err != nil || !r.Feasible || r.Objective != sol.Objective {
				t.Fatalf("size %d seed %d: report %+v, %v", i, seed, r, err)
			}
			if sol.Objective < stats.Initial {
				t.Errorf("size %d seed %d: objective %d below the initial %d", i, seed, sol.Objective, stats.Initial)
			}
		}
	}
}

func TestSolveDeterministic(t *testing.T) {
	inst, _ := Generate(GenParams{Clients: 80, Clinicians: 8, Groups: 8, Slots: 30, Seed: 3})
	a, _, err := Solve(context.Background(), inst, Options{Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	b, _, _ := Solve(context.Background(), inst, Options{Seed: 5})
	if !reflect.DeepEqual(a, b) {
		t.Error("the same seed gave two solutions")
	}
}

func TestSolveStopsAtTimeLimitAndContext(t *testing.T) {
	inst, _ := Generate(GenParams{Clients: 300, Clinicians: 25, Groups: 20, Slots: 40, Seed: 1})
	// A huge patience would run for minutes; the limit must end it, with a feasible answer.
	sol, stats, err := Solve(context.Background(), inst, Options{TimeLimit: 50 * time.Millisecond, Patience: 1 << 40})
	if err != nil || stats.StoppedBy != "time_limit" {
		t.Fatalf("stats %+v, %v", stats, err)
	}
	if r, _ := Check(inst, sol); !r.Feasible {
		t.Fatalf("infeasible after time limit: %+v", r.Violations)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, stats, err := Solve(ctx, inst, Options{Patience: 1 << 40}); err != nil || stats.StoppedBy != "context" {
		t.Fatalf("cancelled: stats %+v, %v", stats, err)
	}
}

func TestSolveRejectsInvalid(t *testing.T) {
	inst := tiny()
	inst.Clients[0].Available = append(inst.Clients[0].Available, "zz")
	if _, _, err := Solve(context.Background(), inst, Options{}); err == nil {
		t.Fatal("Solve accepted an invalid instance")
	}
}
