package store_test

import (
	"slices"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

func TestDeliveryAlertsAndQuality(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		now := time.Date(2026, 10, 1, 12, 0, 0, 0, time.UTC)
		env.Store.SetNow(func() time.Time { return now })
		f := newDeliveryFixture(t, env)
		g := f.group(t)
		for _, c := range []string{f.alice, f.bob, f.carol} {
			if _, err := f.groups.AddGroupMember(asFrontDesk, g.ID, c, "2026-11-02"); err != nil {
				t.Fatal(err)
			}
		}
		// Carol moves to Ann's caseload on 4 November.
		now = time.Date(2026, 11, 4, 15, 0, 0, 0, time.UTC)
		clients := store.NewClientService(env.Store)
		carol, err := clients.FindClientByID(asAdmin, f.carol)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := clients.UpdateClient(asAdmin, f.carol, carepath.ClientUpdate{Version: carol.Version,
			PrimaryClinicianID: &f.clinician}); err != nil {
			t.Fatal(err)
		}
		for _, a := range []struct {
			day     string
			records []carepath.AttendanceRecord
		}{
			{"2026-11-02", []carepath.AttendanceRecord{{ClientID: f.alice, Status: "absent_unexcused"},
				{ClientID: f.bob, Status: "present", Minutes: 180}, {ClientID: f.carol, Status: "present", Minutes: 180}}},
			{"2026-11-04", []carepath.AttendanceRecord{{ClientID: f.alice, Status: "absent_unexcused"},
				{ClientID: f.bob, Status: "present", Minutes: 180}, {ClientID: f.carol, Status: "late", Minutes: 150}}},
			{"2026-11-06", []carepath.AttendanceRecord{{ClientID: f.alice, Status: "present", Minutes: 180},
				{ClientID: f.bob, Status: "present", Minutes: 180}, {ClientID: f.carol, Status: "absent_excused"}}},
		} {
			if _, err := f.attendance.RecordAttendance(f.asClinician, g.ID+":"+a.day, carepath.AttendanceUpdate{Records: a.records}); err != nil {
				t.Fatalf("attendance %s: %v", a.day, err)
			}
		}
		now = time.Date(2026, 11, 10, 12, 0, 0, 0, time.UTC)
		alerts, err := f.attendance.FindAlerts(f.asClinician)
		if err != nil {
			t.Fatal(err)
		}
		var kinds []string
		for _, a := range alerts {
			if a.Week == "" || a.Week == "2026-W45" {
				kinds = append(kinds, a.Kind+" "+map[string]string{f.alice: "alice", f.bob: "bob", f.carol: "carol"}[a.ClientID])
			}
		}
		slices.Sort(kinds)
		// Bob got exactly 540 minutes; Alice 180 and Carol 330 fell short; Alice missed two in a row.
		if want := []string{"below_minimum alice", "below_minimum carol", "unexcused_absences alice"}; !slices.Equal(kinds, want) {
			t.Errorf("alerts = %v, want %v", kinds, want)
		}
		theirs, err := f.attendance.FindAlerts(actorAs(carepath.RoleClinician, f.other))
		if err != nil || len(theirs) != 0 {
			t.Errorf("other clinician's alerts = %v, %v", theirs, err)
		}
		if _, err := f.attendance.FindAlerts(asFrontDesk); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("front desk alerts: %v", err)
		}
		q, err := f.attendance.ProgramQuality(asAdmin, f.program.ID, "2026-W45", "2026-W45")
		if err != nil {
			t.Fatal(err)
		}
		if q.GroupSize["sessions"] != 3 || q.GroupSize["max"] != 2 || q.GroupSize["median"] != 2 ||
			q.TherapistContinuity["changed_primary"] != 1 || q.HoursDeliveredVsRequired["delivered_minutes"] != 180+540+330 {
			t.Errorf("quality = %+v", q)
		}
		if _, err := f.attendance.ProgramQuality(f.asClinician, f.program.ID, "2026-W45", "2026-W45"); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("clinician quality: %v", err)
		}
		// Disabling a clinician records a separation (a trigger on both engines).
		disabled := true
		if _, err := store.NewStaffService(env.Store).UpdateStaff(asAdmin, f.other, carepath.StaffUpdate{Disabled: &disabled}); err != nil {
			t.Fatal(err)
		}
		if n := rowCount(t, env, "staff_separations", "staff_id = $1", f.other); n != 1 {
			t.Errorf("separations = %d", n)
		}
		if n := rowCount(t, env, "client_clinician_history", "client_id = $1", f.carol); n != 2 {
			t.Errorf("Carol's clinician history = %d rows", n)
		}
	})
}
