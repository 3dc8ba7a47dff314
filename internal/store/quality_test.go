package store_test

import (
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// Sessions booked and recorded after the fact (a clinic moving its records in, or the demo)
// are dated before the client was added: the primary clinician the client was added with is
// theirs on those dates too. A primary clinician first set later holds only from that day.
func TestQualityContinuityBeforeClientWasAdded(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
		env.Store.SetNow(func() time.Time { return now })
		f := newDeliveryFixture(t, env) // Alice and Bob are Ann's (f.clinician), added on 1 December
		clients := store.NewClientService(env.Store)
		dana := mustCreate(t, clients, newTestClient("Dana", "D", ""))
		asBen := actorAs(carepath.RoleClinician, f.other)
		// Weekly sessions from 2 November: Alice with Ann (her primary), Bob with Ben (not
		// his), Dana with Ann (who becomes her primary only on 3 December).
		book := []struct {
			client, clinician, day string
		}{{f.alice, f.clinician, "wed"}, {f.bob, f.other, "wed"}, {dana.ID, f.clinician, "thu"}}
		for _, b := range book {
			se, err := f.sessions.CreateSession(asFrontDesk, carepath.TherapySessionCreate{ProgramID: f.program.ID, Kind: "individual",
				ClientID: b.client, ClinicianID: b.clinician, Days: []string{b.day}, StartDate: "2026-11-02",
				StartTime: "10:00", Minutes: 50, Room: "Office " + b.clinician})
			if err != nil {
				t.Fatalf("CreateSession: %v", err)
			}
			first := map[string]int{"wed": 4, "thu": 5}[b.day]
			for d := first; d < 30; d += 7 {
				as := f.asClinician
				if b.clinician == f.other {
					as = asBen
				}
				id := se.ID + ":" + time.Date(2026, 11, d, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
				if _, err := f.attendance.RecordAttendance(as, id, carepath.AttendanceUpdate{Records: []carepath.AttendanceRecord{
					{ClientID: b.client, Status: "present", Minutes: 50}}}); err != nil {
					t.Fatalf("attendance %s: %v", id, err)
				}
			}
		}
		now = time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
		d, err := clients.FindClientByID(asAdmin, dana.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := clients.UpdateClient(asAdmin, dana.ID, carepath.ClientUpdate{Version: d.Version,
			PrimaryClinicianID: &f.clinician}); err != nil {
			t.Fatal(err)
		}
		q, err := f.attendance.ProgramQuality(asAdmin, f.program.ID, "2026-W45", "2026-W48")
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int{f.alice: 4, f.bob: 0, dana.ID: 0}
		per, _ := q.TherapistContinuity["per_client"].([]map[string]any)
		if len(per) != 3 {
			t.Fatalf("continuity = %+v", q.TherapistContinuity)
		}
		for _, c := range per {
			id, _ := c["client_id"].(string)
			if c["sessions"] != 4 || c["with_primary"] != want[id] {
				t.Errorf("client %s: %v of %v sessions with the primary clinician, want %d of 4", id, c["with_primary"], c["sessions"], want[id])
			}
		}
		if q.TherapistContinuity["changed_primary"] != 0 {
			t.Errorf("changed primary = %v, want 0: nobody changed in November", q.TherapistContinuity["changed_primary"])
		}
	})
}
