package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/placement"
)

// demoIntakes are fictional people who asked for an intake through the decision aid.
var demoIntakes = []struct {
	name, email, phone, times, profile string
}{
	{"Alex (demo)", "alex@example.org", "", "weekday evenings",
		`{"answers":{"phq9":[2,2,2,2,1,2,2,1,0],"gad7":[2,2,1,2,1,1,1]},"context":{"support":"strong","must_keep_working":true,"weekly_hours_available":10}}`},
	{"Sam (demo)", "", "555-010-2030", "mornings",
		`{"answers":{"audit":[4,3,3,2,2,1,2,1,2,2]},"context":{"relapsed_after_treatment":true,"support":"some","withdrawal":"mild"}}`},
	{"Jordan (demo)", "jordan@example.org", "", "any time",
		`{"answers":{"phq9":[1,1,1,0,1,1,0,0,0]},"context":{"recent_level":"iop","completed_recent_level":true,"support":"strong","preference":"individual"}}`},
	{"Riley (demo)", "riley@example.org", "555-010-4455", "after 5 pm",
		`{"answers":{"phq9":[3,3,2,3,2,3,2,2,1]},"context":{"support":"some","self_harm":true}}`},
}

// seedDemo adds the demo intake requests to an empty database and returns how many it added.
// A database that already holds intake requests is left alone.
func seedDemo(ctx context.Context, st *store.Store) (int, error) {
	ctx = carepath.NewContext(ctx, carepath.Actor{ID: "demo-seed", Role: carepath.RoleSystem, Remote: "cli"})
	svc := store.NewIntakeService(st)
	existing, err := svc.FindIntakes(ctx, carepath.IntakeFilter{Limit: 1})
	if err != nil {
		return 0, fmt.Errorf("check for data: %w", err)
	}
	if len(existing) > 0 {
		return 0, nil
	}
	for _, d := range demoIntakes {
		p, err := placement.DecodeBytes([]byte(d.profile))
		if err != nil {
			return 0, fmt.Errorf("demo profile: %w", err)
		}
		rec, err := placement.Recommend(p)
		if err != nil {
			return 0, fmt.Errorf("demo profile: %w", err)
		}
		in := &carepath.Intake{Name: d.name, Email: d.email, Phone: d.phone, BestTimes: d.times, Consent: true,
			Profile: json.RawMessage(d.profile), Level: rec.Level, Crisis: rec.Crisis}
		if err := svc.CreateIntake(ctx, in); err != nil {
			return 0, fmt.Errorf("demo intake: %w", err)
		}
	}
	return len(demoIntakes), nil
}
