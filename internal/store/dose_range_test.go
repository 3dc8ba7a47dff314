package store_test

import (
	"slices"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store/storetest"
)

// TestClientDoses checks that the dose of a range of weeks, read at once, is the dose of each
// week read alone, and that a bad range names its field.
func TestClientDoses(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		f := newDeliveryFixture(t, env)
		g := f.group(t) // Mon/Wed/Fri 09:00, 180 minutes, from 2026-10-26
		if _, err := f.groups.AddGroupMember(asFrontDesk, g.ID, f.alice, "2026-10-26"); err != nil {
			t.Fatal(err)
		}
		for _, day := range []string{"2026-10-26", "2026-10-28", "2026-11-02"} {
			if _, err := f.attendance.RecordAttendance(f.asClinician, g.ID+":"+day, carepath.AttendanceUpdate{
				Records: []carepath.AttendanceRecord{{ClientID: f.alice, Status: "present", Minutes: 180}}}); err != nil {
				t.Fatal(err)
			}
		}
		doses, err := f.attendance.ClientDoses(f.asClinician, f.alice, "2026-W44", "2026-W46")
		if err != nil || len(doses) != 3 {
			t.Fatalf("ClientDoses = %d doses, %v", len(doses), err)
		}
		for i, week := range []string{"2026-W44", "2026-W45", "2026-W46"} {
			one, err := f.attendance.ClientDose(f.asClinician, f.alice, week)
			if err != nil {
				t.Fatal(err)
			}
			if d := doses[i]; d.Week != week || d.DeliveredMinutes != one.DeliveredMinutes || d.Met != one.Met || d.Scheduled != one.Scheduled {
				t.Errorf("week %s: range %+v, alone %+v", week, *d, *one)
			}
		}
		if doses[0].DeliveredMinutes != 360 || doses[1].DeliveredMinutes != 180 || doses[2].DeliveredMinutes != 0 {
			t.Errorf("delivered = %d, %d, %d; want 360, 180, 0", doses[0].DeliveredMinutes, doses[1].DeliveredMinutes, doses[2].DeliveredMinutes)
		}
		for _, tc := range []struct{ from, to, want string }{
			{"2026-W46", "2026-W44", "to"}, {"2026-W44", "2027-W45", "to"}, {"soon", "2026-W44", "from"}, {"2026-W44", "later", "to"},
		} {
			_, err := f.attendance.ClientDoses(f.asClinician, f.alice, tc.from, tc.to)
			if got := fieldPaths(err); carepath.ErrorCode(err) != carepath.EINVALID || !slices.Equal(got, []string{tc.want}) {
				t.Errorf("ClientDoses(%s, %s) = %v, want EINVALID naming %s", tc.from, tc.to, err, tc.want)
			}
		}
		if _, err := f.attendance.ClientDose(f.asClinician, f.alice, "2026-W99"); !slices.Equal(fieldPaths(err), []string{"week"}) {
			t.Errorf("ClientDose(bad week) = %v, want EINVALID naming week", err)
		}
	})
}
