package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
)

func TestSeedDemoOnlyIntoAnEmptyDatabase(t *testing.T) {
	ctx := context.Background()
	st, closeDB, err := openStore(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer closeDB()
	var out strings.Builder
	seeded, err := seedDemo(ctx, st, &out)
	if err != nil || !seeded || !strings.Contains(out.String(), demoPassword) || !strings.Contains(out.String(), "clinician@demo.carepath.test") {
		t.Fatalf("seeded %v, err %v, output %q", seeded, err, out.String())
	}
	// The demo clinician signs in with the printed password.
	pub := carepath.NewContext(ctx, carepath.Actor{ID: "public", Role: carepath.RolePublic, Remote: "127.0.0.1"})
	if _, err := store.NewStaffService(st).Authenticate(pub, "clinician@demo.carepath.test", demoPassword, "", "127.0.0.1"); err != nil {
		t.Fatalf("demo login: %v", err)
	}
	out.Reset()
	if seeded, err = seedDemo(ctx, st, &out); err != nil || seeded || !strings.Contains(out.String(), "already holds data") {
		t.Fatalf("second seed: %v %v %q", seeded, err, out.String())
	}
	sys := carepath.NewContext(ctx, carepath.Actor{ID: "t", Role: carepath.RoleSystem, Remote: "cli"})
	list, total, err := store.NewClientService(st).FindClients(sys, carepath.ClientFilter{})
	if err != nil || total != 40 || len(list) != 40 {
		t.Fatalf("clients %d/%d: %v", len(list), total, err)
	}
	programs, err := store.NewProgramService(st).FindPrograms(sys)
	if err != nil || len(programs) != 2 {
		t.Fatalf("programs %d: %v", len(programs), err)
	}
	census, err := store.NewEpisodeService(st).Census(sys, programs[0].ID)
	census2, _ := store.NewEpisodeService(st).Census(sys, programs[1].ID)
	if err != nil || len(census)+len(census2) != 36 {
		t.Errorf("census %d + %d, want 36 open episodes (4 of 40 are waiting): %v", len(census), len(census2), err)
	}
	var overrides, signed int
	for _, c := range list {
		as, _ := store.NewAssessmentService(st).FindAssessments(sys, c.ID)
		for _, a := range as {
			if a.Variance != nil {
				overrides++
			}
		}
		ps, _ := store.NewPlanService(st).FindPlans(sys, c.ID)
		for _, p := range ps {
			if p.Status == carepath.PlanSigned {
				signed++
			}
		}
	}
	if overrides != 4 || signed != 28 {
		t.Errorf("%d overrides (want 4), %d signed plans (want 28: every IOP admission)", overrides, signed)
	}
}
