package store_test

import (
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store/storetest"
)

// TestResetMeasureSchedule overrides a client's schedule and goes back to the level's
// default; another clinician and the front desk may not.
func TestResetMeasureSchedule(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		now := time.Date(2026, 3, 20, 15, 0, 0, 0, time.UTC)
		svc, c := measureSetup(t, env, now)
		asA := actorAs(carepath.RoleClinician, clinicianA)
		def, err := svc.FindMeasures(asA, c.ID)
		if err != nil || def.Schedule == nil || def.Schedule.Override {
			t.Fatalf("default: %+v %v", def, err)
		}
		if _, err := svc.SetMeasureSchedule(asA, c.ID, carepath.MeasureScheduleUpdate{EveryDays: 3, Repeated: []string{"phq9"}}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.ResetMeasureSchedule(actorAs(carepath.RoleClinician, clinicianB), c.ID); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("clinician B resets: %v", err)
		}
		if _, err := svc.ResetMeasureSchedule(actorAs(carepath.RoleFrontDesk, "desk"), c.ID); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("front desk resets: %v", err)
		}
		s, err := svc.ResetMeasureSchedule(asA, c.ID)
		if err != nil || s == nil || s.Override || s.EveryDays != def.Schedule.EveryDays || len(s.Repeated) != len(def.Schedule.Repeated) {
			t.Fatalf("reset: %+v %v", s, err)
		}
		if n := rowCount(t, env, "measure_schedules", "client_id = $1", c.ID); n != 0 {
			t.Errorf("%d override rows after the reset", n)
		}
		if n := rowCount(t, env, "audit_log", "client_id = $1 AND detail LIKE $2", c.ID, "ok%; schedule reset"); n == 0 {
			t.Errorf("no audit row for the reset")
		}
	})
}
