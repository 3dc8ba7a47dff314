package store_test

import (
	"slices"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// TestMedicationChargeUsesNoteEMCode: a medication visit whose signed note records no E/M code
// is held with the plain reason; once the prescriber's note records 99204 (new client) the
// charge bills 99204; an E/M code on another kind of note, or a code that is not an E/M visit,
// is named em_code.
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
		if c := list[0]; c.Status != "held" || c.Code != "" || len(c.Holds) != 1 || c.Holds[0].Reason != "choose the visit's E/M level on the note" {
			t.Errorf("no E/M code: %+v, want held with the plain reason", c)
		}
		// A signed note is locked; the prescriber's next medication note for the visit records the code.
		in.EMCode = "99204"
		m, err := notes.CreateNote(f.asClinician, in)
		if err != nil || m.EMCode != "99204" {
			t.Fatalf("CreateNote with 99204 = %+v, %v", m, err)
		}
		if got, err := notes.FindNoteByID(f.asClinician, m.ID); err != nil || got.EMCode != "99204" {
			t.Errorf("stored em_code = %+v, %v", got, err)
		}
		if _, err := notes.SignNote(f.asClinician, m.ID, m.Revision); err != nil {
			t.Fatal(err)
		}
		list, err = charges.FindCharges(asAdmin, carepath.ChargeFilter{From: "2026-11-01", To: "2026-11-30"})
		if err != nil || len(list) != 1 || list[0].Code != "99204" || list[0].Status != "ready" || list[0].Cents != 150_00 {
			t.Fatalf("with 99204: %+v, %v", list, err)
		}
	})
}
