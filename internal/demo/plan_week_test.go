package demo_test

import (
	"context"
	"io"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app"
	"github.com/carepath/carepath/internal/demo"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// On the demo clinic, "Plan next week" for the IOP proposes a week that applies: the
// clinicians' outpatient sessions are fixed, stepped-down clients are left out, no group
// goes past its target without a reason, and planning again after applying changes nothing.
func TestDemoPlanNextWeekApplies(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := storetest.SQLite(t).Store
	services := app.NewServices(st)
	if _, err := demo.Seed(ctx, services, io.Discard); err != nil {
		t.Fatal(err)
	}
	sys := carepath.NewContext(ctx, carepath.Actor{ID: "t", Role: carepath.RoleSystem, Remote: "cli"})
	programs, err := store.NewProgramService(st).FindPrograms(sys)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range programs {
		plan, err := services.SchedulePlans.ProposeSchedulePlan(sys, p.ID, carepath.SchedulePlanCreate{})
		if err != nil {
			t.Fatalf("%s: propose: %v", p.Name, err)
		}
		t.Logf("%s: %d clients, %d left out, %d fixed, summary %+v", p.Name, len(plan.Clients), len(plan.LeftOut), plan.FixedBookings, plan.Summary)
		for _, c := range plan.Clients {
			if c.Level != p.Level {
				t.Errorf("%s: client at %s planned into the program", p.Name, c.Level)
			}
		}
		for _, g := range plan.Groups {
			if g.OverTarget && g.OverTargetReason == "" {
				t.Errorf("%s: %s over the target without a reason", p.Name, g.Name)
			}
		}
		if p.Level == carepath.LevelIOP && len(plan.LeftOut) == 0 {
			t.Errorf("%s: the stepped-down clients are not left out", p.Name)
		}
		if _, err := services.SchedulePlans.ApplySchedulePlan(sys, plan.ID); err != nil {
			t.Fatalf("%s: apply: %v", p.Name, err)
		}
		again, err := services.SchedulePlans.ProposeSchedulePlan(sys, p.ID, carepath.SchedulePlanCreate{})
		if err != nil {
			t.Fatal(err)
		}
		if s := again.Summary; s.SessionsToBook != 0 || s.ClientsMoved != 0 || s.NewTherapist != 0 {
			t.Errorf("%s: planning again after applying changes the week: %+v", p.Name, s)
		}
	}
}
