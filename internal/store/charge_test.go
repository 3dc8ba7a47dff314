package store_test

import (
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// TestChargesFromAttendanceAndNotes: Alice attended four IOP days of a 42 CFR Part 2 program
// priced per diem; the first day's group note is signed, so that day is a ready H0015 line
// (revenue code 0906) and the other three are held naming the unsigned note.
func TestChargesFromAttendanceAndNotes(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		f := newAuthFixture(t, env)
		rates := []carepath.Rate{{Service: carepath.RateIOPPerDiem, Cents: 300_00}, {Service: carepath.RateGroupSession, Cents: 60_00}}
		if _, err := store.NewProgramService(env.Store).UpdateProgramDetails(asAdmin, f.program.ID, carepath.ProgramDetailsUpdate{Version: 1, Rates: &rates}); err != nil {
			t.Fatal(err)
		}
		groups, err := f.groups.FindGroups(asAdmin, f.program.ID)
		if err != nil || len(groups) != 1 {
			t.Fatalf("FindGroups = %v, %v", groups, err)
		}
		notes := store.NewNoteService(env.Store)
		n, err := notes.CreateNote(f.asClinician, carepath.NoteInput{Kind: carepath.NoteGroup, Format: carepath.FormatDAP,
			SessionID: groups[0].ID + ":2026-10-26", Sections: dapSections("Skills"),
			Attendees: []carepath.NoteAttendee{{ClientID: f.alice, Individual: "Took part"}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := notes.SignNote(f.asClinician, n.ID, n.Revision); err != nil {
			t.Fatal(err)
		}
		svc := store.NewChargeService(env.Store)
		list, err := svc.FindCharges(f.asClinician, carepath.ChargeFilter{From: "2026-10-01", To: "2026-11-30"})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 4 {
			t.Fatalf("%d charges, want 4 program days: %+v", len(list), list)
		}
		first := list[0]
		if first.Date != "2026-10-26" || first.Code != "H0015" || first.RevenueCode != "0906" || first.Cents != 300_00 || first.Status != "ready" {
			t.Errorf("first day = %+v", first)
		}
		for _, c := range list[1:] {
			if c.Status != "held" || len(c.Holds) == 0 || c.Holds[0].Rule != "note_signed" {
				t.Errorf("charge of %s = %s %+v, want held for the unsigned note", c.Date, c.Status, c.Holds)
			}
		}
		if other, err := svc.FindCharges(actorAs(carepath.RoleClinician, f.other), carepath.ChargeFilter{From: "2026-10-01", To: "2026-11-30"}); err != nil || len(other) != 0 {
			t.Errorf("another clinician sees %d charges, %v", len(other), err)
		}
		for _, bad := range []carepath.ChargeFilter{{From: "2026-11-30", To: "2026-10-01"}, {From: "x", To: "2026-10-01"}, {From: "2026-01-01", To: "2026-12-31", ClientID: "nope"}} {
			if _, err := svc.FindCharges(asAdmin, bad); carepath.ErrorCode(err) != carepath.EINVALID {
				t.Errorf("FindCharges(%+v) = %v, want EINVALID", bad, err)
			}
		}
	})
}
