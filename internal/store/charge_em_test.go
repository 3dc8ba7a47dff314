package store_test

import (
	"slices"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// TestMedicationChargeUsesNoteEMCode: a medication visit whose signed note records no E/M code
// is held with the plain reason; once an addendum records 99204 (new client) the charge bills
// 99204, and a later addendum's code replaces it; an E/M code on another kind of note, or a
// code that is not an E/M visit, is named em_code, on a note or an addendum.
func TestMedicationChargeUsesNoteEMCode(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		f := newDeliveryFixture(t, env)
		rates := []carepath.Rate{{Service: carepath.RateMedicationSession, Cents: 150_00}}
		if _, err := store.NewProgramService(env.Store).UpdateProgramDetails(asAdmin, f.program.ID, carepath.ProgramDetailsUpdate{Version: 1, Rates: &rates}); err != nil {
			t.Fatal(err)
		}
		se, err := f.sessions.CreateSession(asFrontDesk, carepath.TherapySessionCreate{ProgramID: f.program.ID, Kind: carepath.SessionMedication,
			ClientID: f.alice, ClinicianID: f.clinician, Date: "2026-11-04", StartTime: "15:00", Minutes: 30})
		if err != nil {
			t.Fatal(err)
		}
		occ := se.ID + ":2026-11-04"
		if _, err := f.attendance.RecordAttendance(f.asClinician, occ, carepath.AttendanceUpdate{Records: []carepath.AttendanceRecord{
			{ClientID: f.alice, Status: "present", Minutes: 30}}}); err != nil {
			t.Fatal(err)
		}
		notes := store.NewNoteService(env.Store)
		in := carepath.NoteInput{Kind: carepath.NoteMedication, Format: carepath.FormatDAP, ClientID: f.alice, SessionID: occ,
			Sections: dapSections("Sertraline review"), EMCode: "99211"}
		if _, err := notes.CreateNote(f.asClinician, in); !slices.Contains(fieldPaths(err), "em_code") {
			t.Errorf("99211 = %v, want em_code named", err)
		}
		group := carepath.NoteInput{Kind: carepath.NoteIndividual, Format: carepath.FormatDAP, ClientID: f.alice, Sections: dapSections("x"), EMCode: "99213"}
		if _, err := notes.CreateNote(f.asClinician, group); !slices.Contains(fieldPaths(err), "em_code") {
			t.Errorf("E/M code on an individual note = %v, want em_code named", err)
		}
		in.EMCode = ""
		n, err := notes.CreateNote(f.asClinician, in)
		if err != nil {
			t.Fatal(err)
		}
		if n, err = notes.SignNote(f.asClinician, n.ID, n.Revision); err != nil {
			t.Fatal(err)
		}
		charges := store.NewChargeService(env.Store)
		list, err := charges.FindCharges(asAdmin, carepath.ChargeFilter{From: "2026-11-01", To: "2026-11-30"})
		if err != nil || len(list) != 1 {
			t.Fatalf("FindCharges = %d, %v", len(list), err)
		}
		if c := list[0]; c.Status != "held" || c.Code != "" || len(c.Holds) != 1 || c.Holds[0].Reason != "choose the visit's E/M level on the note, or in an addendum once it is signed" {
			t.Errorf("no E/M code: %+v, want held with the plain reason", c)
		}
		// A signed note is locked: an addendum sets the code the visit is billed with. A code that is
		// not an E/M visit, or one on a note of another kind, is refused and writes nothing.
		if _, err := notes.AddAddendum(f.asClinician, n.ID, carepath.AddendumInput{Text: "Level chosen late.", EMCode: "99211"}); !slices.Contains(fieldPaths(err), "em_code") {
			t.Errorf("addendum with 99211 = %v, want em_code named", err)
		}
		other, err := notes.CreateNote(f.asClinician, carepath.NoteInput{Kind: carepath.NoteIndividual, Format: carepath.FormatDAP,
			ClientID: f.alice, Sections: dapSections("x")})
		if err != nil {
			t.Fatal(err)
		}
		if other, err = notes.SignNote(f.asClinician, other.ID, other.Revision); err != nil {
			t.Fatal(err)
		}
		if _, err := notes.AddAddendum(f.asClinician, other.ID, carepath.AddendumInput{Text: "x", EMCode: "99213"}); !slices.Contains(fieldPaths(err), "em_code") {
			t.Errorf("addendum with an E/M code on an individual note = %v, want em_code named", err)
		}
		if got, _ := notes.FindNoteByID(f.asClinician, other.ID); len(got.Addenda) != 0 {
			t.Errorf("a refused addendum was written: %+v", got.Addenda)
		}
		billed := func(want string) {
			t.Helper()
			list, err := charges.FindCharges(asAdmin, carepath.ChargeFilter{From: "2026-11-01", To: "2026-11-30"})
			if err != nil || len(list) != 1 || list[0].Code != want || list[0].Status != "ready" || list[0].Cents != 150_00 {
				t.Fatalf("want %s: %+v, %v", want, list, err)
			}
		}
		m, err := notes.AddAddendum(f.asClinician, n.ID, carepath.AddendumInput{Text: "E/M level chosen after signing: new client, moderate.", EMCode: "99204"})
		if err != nil || m.BilledEMCode() != "99204" || m.EMCode != "" || m.Addenda[0].EMCode != "99204" {
			t.Fatalf("addendum with 99204 = %+v, %v", m, err)
		}
		billed("99204")
		// A later addendum corrects it; one without a code leaves it as it is.
		if _, err := notes.AddAddendum(f.asClinician, n.ID, carepath.AddendumInput{Text: "Corrected: established client.", EMCode: "99213"}); err != nil {
			t.Fatal(err)
		}
		if _, err := notes.AddAddendum(f.asClinician, n.ID, carepath.AddendumInput{Text: "Client called back."}); err != nil {
			t.Fatal(err)
		}
		billed("99213")
		if got, err := notes.FindNoteByID(f.asClinician, n.ID); err != nil || got.BilledEMCode() != "99213" || len(got.Addenda) != 3 {
			t.Errorf("read back: %+v, %v", got, err)
		}
	})
}
