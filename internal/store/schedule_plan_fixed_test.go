package store_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/delivery"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// A program's plan takes the week's bookings elsewhere as fixed: Ann's session in another
// program, in her office, keeps her and the room busy then, and Carol's group in another
// program keeps Carol busy; a client now at another level of care is left out, with the
// reason, and their session stays fixed too.
func TestSchedulePlanKeepsBookingsElsewhere(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		f := newPlanFixture(t, env)
		sessions := store.NewTherapySessionService(env.Store)
		other, err := store.NewProgramService(env.Store).CreateProgram(asAdmin, carepath.ProgramCreate{Name: "Outpatient",
			Level: carepath.LevelOutpatient, TimeZone: "America/Chicago"})
		if err != nil {
			t.Fatal(err)
		}
		dana := mustCreate(t, store.NewClientService(env.Store), newTestClient("Dana", "D", f.ann)).ID
		if _, err := store.NewEpisodeService(env.Store).AdmitClient(asAdmin, carepath.EpisodeAdmit{ClientID: dana,
			ProgramID: other.ID, Level: carepath.LevelOutpatient, On: "2026-11-02"}); err != nil {
			t.Fatal(err)
		}
		// Ann sees Alice (in the IOP) in Office A on Tuesdays at 14:00, and Dana (outpatient)
		// there at 13:00 every afternoon.
		if _, err := sessions.CreateSession(asFrontDesk, carepath.TherapySessionCreate{ProgramID: f.program.ID,
			Kind: carepath.SessionIndividual, ClientID: f.alice, ClinicianID: f.ann, Days: []string{"tue"}, StartTime: "14:00",
			Minutes: 50, StartDate: "2026-11-02", Room: "Office A"}); err != nil {
			t.Fatal(err)
		}
		if _, err := sessions.CreateSession(asFrontDesk, carepath.TherapySessionCreate{ProgramID: other.ID,
			Kind: carepath.SessionIndividual, ClientID: dana, ClinicianID: f.ann, Days: carepath.SlotDays[:5], StartTime: "13:00",
			Minutes: 50, StartDate: "2026-11-02", Room: "Office A"}); err != nil {
			t.Fatal(err)
		}
		// Ben's other client uses Office A on Thursday at 16:00.
		if _, err := sessions.CreateSession(asFrontDesk, carepath.TherapySessionCreate{ProgramID: other.ID,
			Kind: carepath.SessionIndividual, ClientID: dana, ClinicianID: f.ben, Date: "2026-12-10", StartTime: "16:00",
			Minutes: 50, Room: "Office A"}); err != nil {
			t.Fatal(err)
		}
		// Carol goes to a group of the other program on Thursday at 15:00.
		g, err := f.groups.CreateGroup(asFrontDesk, carepath.GroupCreate{ProgramID: other.ID, Name: "Family skills",
			Type: "family", FacilitatorIDs: []string{f.ben}, Days: []string{"thu"}, StartTime: "15:00", Minutes: 60,
			StartDate: "2026-11-02", Room: "Room 9"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.groups.AddGroupMember(asFrontDesk, g.ID, f.carol, "2026-11-02"); err != nil {
			t.Fatal(err)
		}
		// Bob stepped down to weekly therapy in the IOP's own episode.
		eps, err := store.NewEpisodeService(env.Store).FindEpisodes(asAdmin, f.bob)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := store.NewEpisodeService(env.Store).TransferEpisode(asAdmin, eps[0].ID, carepath.EpisodeTransfer{
			Version: eps[0].Version, ToLevel: carepath.LevelOutpatient, On: "2026-11-30", Reason: "Improved"}); err != nil {
			t.Fatal(err)
		}

		inst, _, err := f.plans.BuildInstance(asAdmin, f.program.ID, planWeek)
		if err != nil {
			t.Fatal(err)
		}
		var ann, ben []string
		var annMax int
		for _, k := range inst.Clinicians {
			switch k.ID {
			case f.ann:
				ann, annMax = k.Available, k.MaxClients
			case f.ben:
				ben = k.Available
			}
		}
		for _, d := range carepath.SlotDays[:5] {
			if slices.Contains(ann, d+"-13") {
				t.Errorf("Ann's outpatient session on %s at 13:00 is not fixed: %v", d, ann)
			}
		}
		if slices.Contains(ann, "thu-16") || slices.Contains(ben, "thu-16") || slices.Contains(ben, "thu-15") {
			t.Errorf("Office A (Ben's session) is taken on Thursday at 16:00, Ben runs a group at 15:00: Ann %v, Ben %v", ann, ben)
		}
		if annMax != 9 {
			t.Errorf("Ann's caseload room = %d, want 10 less Dana", annMax)
		}
		for _, c := range inst.Clients {
			if c.ID == f.bob {
				t.Errorf("Bob, now in weekly therapy, is planned into the IOP")
			}
			if c.ID == f.carol && slices.Contains(c.Available, "thu-15") {
				t.Errorf("Carol's group elsewhere is not fixed: %v", c.Available)
			}
		}
		p, err := f.plans.ProposeSchedulePlan(asAdmin, f.program.ID, carepath.SchedulePlanCreate{Week: planWeek})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.LeftOut) != 1 || p.LeftOut[0].ClientID != f.bob || p.LeftOut[0].Level != carepath.LevelOutpatient ||
			p.LeftOut[0].Name != "B, Bob" || p.LeftOut[0].Reason == "" || p.FixedBookings < 7 {
			t.Errorf("left out %+v, %d fixed bookings", p.LeftOut, p.FixedBookings)
		}
		for _, s := range p.Sessions {
			if s.ClinicianID == f.ann && (s.Slot[4:] == "13" || s.Slot == "thu-16") {
				t.Errorf("planned over a fixed booking: %+v", s)
			}
		}
		if _, err := f.plans.ApplySchedulePlan(asAdmin, p.ID); err != nil {
			t.Fatalf("apply: %v", err)
		}
		// A booking elsewhere made after the proposal makes it stale.
		again, err := f.plans.ProposeSchedulePlan(asAdmin, f.program.ID, carepath.SchedulePlanCreate{Week: planWeek})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := sessions.CreateSession(asFrontDesk, carepath.TherapySessionCreate{ProgramID: other.ID,
			Kind: carepath.SessionIndividual, ClientID: dana, ClinicianID: f.ben, Date: "2026-12-11", StartTime: "16:00",
			Minutes: 50, Room: "Office B"}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.plans.ApplySchedulePlan(asAdmin, again.ID); carepath.ErrorCode(err) != carepath.ECONFLICT {
			t.Errorf("apply after a booking elsewhere: %v", err)
		}
	})
}

// A double booking found while applying keeps the clashes: the field errors name the other
// session and its start, and the cause lists them for a page to name in words.
func TestSchedulePlanConflictNamesTheBooking(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		f := newPlanFixture(t, env)
		sessions := store.NewTherapySessionService(env.Store)
		first, err := sessions.CreateSession(asFrontDesk, carepath.TherapySessionCreate{ProgramID: f.program.ID,
			Kind: carepath.SessionIndividual, ClientID: f.alice, ClinicianID: f.ann, Date: "2026-12-08", StartTime: "14:00",
			Minutes: 50, Room: "Office A"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = sessions.CreateSession(asFrontDesk, carepath.TherapySessionCreate{ProgramID: f.program.ID,
			Kind: carepath.SessionFamily, ClientID: f.bob, ClinicianID: f.ann, Date: "2026-12-08", StartTime: "14:30",
			Minutes: 50, Room: "Office A"})
		var ce *delivery.ConflictError
		if !errors.As(err, &ce) || len(ce.Conflicts) != 2 || ce.Conflicts[0].SessionID != first.ID+":2026-12-08" {
			t.Fatalf("conflict cause = %+v (%v)", ce, err)
		}
		fields := carepath.ErrorFields(err)
		if len(fields) != 2 || fields[0].Field != "clinician_id" || fields[1].Field != "room" {
			t.Errorf("fields = %+v", fields)
		}
	})
}
