package store_test

import (
	"slices"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

func dapSections(data string) map[string]string {
	return map[string]string{"data": data, "assessment": "Engaged, mood brighter", "plan": "Continue IOP"}
}

func TestNoteLifecycle(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		clients, plans, svc := store.NewClientService(env.Store), store.NewTreatmentPlanService(env.Store), store.NewNoteService(env.Store)
		c := mustCreate(t, clients, newTestClient("Ana", "López", clinicianA))
		other := mustCreate(t, clients, newTestClient("Ben", "Okafor", clinicianB))
		asA := actorAs(carepath.RoleClinician, clinicianA)
		p, err := plans.CreatePlan(asA, c.ID, testPlan("Alcohol use disorder"))
		if err != nil {
			t.Fatalf("CreatePlan: %v", err)
		}
		obj := carepath.ObjectiveID(p.ID, 1, 1, 1)

		// Bad input names JSON paths.
		_, err = svc.CreateNote(asA, carepath.NoteInput{Kind: carepath.NoteIndividual, Format: carepath.FormatSOAP,
			ClientID: c.ID, Sections: map[string]string{"subjective": "x", "data": "y"}, ObjectiveIDs: []string{"nope"}})
		want := []string{"sections.objective", "sections.assessment", "sections.plan", "sections.data", "objective_ids[0]"}
		if got := fieldPaths(err); carepath.ErrorCode(err) != carepath.EINVALID || !sameSet(got, want) {
			t.Errorf("bad note: %v %v", got, err)
		}
		// An objective of someone else's plan, or past the plan's end, is not linked.
		_, err = svc.CreateNote(asA, carepath.NoteInput{Kind: carepath.NoteIndividual, Format: carepath.FormatDAP,
			ClientID: c.ID, Sections: dapSections("Met"), ObjectiveIDs: []string{obj, carepath.ObjectiveID(p.ID, 1, 1, 2)}})
		if !slices.Equal(fieldPaths(err), []string{"objective_ids[1]"}) {
			t.Errorf("unknown objective: %v", err)
		}
		_, err = svc.CreateNote(asA, carepath.NoteInput{Kind: carepath.NoteIndividual, Format: carepath.FormatDAP,
			ClientID: c.ID, Sections: dapSections("Met"), ObjectiveIDs: []string{carepath.ObjectiveID("0190a0b2-0000-7000-8000-000000000000", 1, 1, 1)}})
		if !slices.Equal(fieldPaths(err), []string{"objective_ids[0]"}) {
			t.Errorf("objective of no plan: %v", err)
		}
		// Someone else's client: 404 naming the field, nothing written.
		_, err = svc.CreateNote(asA, carepath.NoteInput{Kind: carepath.NoteIndividual, Format: carepath.FormatDAP,
			ClientID: other.ID, Sections: dapSections("Met")})
		if carepath.ErrorCode(err) != carepath.ENOTFOUND || !slices.Equal(fieldPaths(err), []string{"client_id"}) {
			t.Errorf("other's client: %v", err)
		}
		// A session that is not on the schedule.
		_, err = svc.CreateNote(asA, carepath.NoteInput{Kind: carepath.NoteIndividual, Format: carepath.FormatDAP,
			ClientID: c.ID, SessionID: "s1", Sections: dapSections("Met")})
		if !slices.Equal(fieldPaths(err), []string{"session_id"}) {
			t.Errorf("unknown session: %v", err)
		}
		if n := rowCount(t, env, "notes", "1 = 1"); n != 0 {
			t.Errorf("%d notes written after refusals", n)
		}

		n, err := svc.CreateNote(asA, carepath.NoteInput{Kind: carepath.NoteIndividual, Format: carepath.FormatDAP,
			ClientID: c.ID, Sections: dapSections("Discussed sleep"), ObjectiveIDs: []string{obj}})
		if err != nil {
			t.Fatalf("CreateNote: %v", err)
		}
		if n.Status != carepath.NoteDraft || n.Revision != 1 || n.AuthorID != clinicianA || n.NeedsCosign {
			t.Errorf("created %+v", n)
		}
		got, err := svc.FindNoteByID(asA, n.ID)
		if err != nil || got.ClientID != c.ID || !slices.Equal(got.ObjectiveIDs, []string{obj}) || got.Sections["data"] != "Discussed sleep" {
			t.Errorf("read back %+v %v", got, err)
		}
		if _, err := svc.FindNoteByID(actorAs(carepath.RoleClinician, clinicianB), n.ID); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("other clinician read: %v", err)
		}
		if _, err := svc.FindNoteByID(asFrontDesk, n.ID); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("front desk read: %v", err)
		}

		upd := carepath.NoteUpdate{Revision: 1, Sections: dapSections("Discussed sleep and cravings")}
		if n, err = svc.UpdateNote(asA, n.ID, upd); err != nil || n.Revision != 2 || len(n.ObjectiveIDs) != 0 {
			t.Fatalf("UpdateNote: %+v %v", n, err)
		}
		if _, err := svc.UpdateNote(asA, n.ID, upd); carepath.ErrorCode(err) != carepath.ECONFLICT {
			t.Errorf("stale update: %v", err)
		}
		if _, err := svc.AddAddendum(asA, n.ID, carepath.AddendumInput{Text: "late entry"}); carepath.ErrorCode(err) != carepath.ECONFLICT {
			t.Errorf("addendum to a draft: %v", err)
		}
		if _, err := svc.SignNote(asAdmin, n.ID, 2); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("signed by someone else: %v", err)
		}
		if n, err = svc.SignNote(asA, n.ID, 2); err != nil || n.Status != carepath.NoteSigned || n.SignedBy != clinicianA || n.SignedAt == nil {
			t.Fatalf("SignNote: %+v %v", n, err)
		}
		upd.Revision = 3
		if _, err := svc.UpdateNote(asA, n.ID, upd); carepath.ErrorCode(err) != carepath.ECONFLICT {
			t.Errorf("edit of a signed note: %v", err)
		}
		if _, err := svc.AddAddendum(asA, n.ID, carepath.AddendumInput{Text: "  "}); !slices.Equal(fieldPaths(err), []string{"text"}) {
			t.Errorf("empty addendum: %v", err)
		}
		if n, err = svc.AddAddendum(asA, n.ID, carepath.AddendumInput{Text: "Client called after the session."}); err != nil || len(n.Addenda) != 1 ||
			n.Addenda[0].AuthorID != clinicianA || n.Sections["data"] != "Discussed sleep and cravings" {
			t.Fatalf("AddAddendum: %+v %v", n, err)
		}
		if _, err := svc.CosignNote(actorAs(carepath.RoleClinician, clinicianB), n.ID); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("co-sign by a stranger: %v", err)
		}
		if _, err := svc.CosignNote(asAdmin, n.ID); carepath.ErrorCode(err) != carepath.ECONFLICT {
			t.Errorf("co-sign a note that needs none: %v", err)
		}
		list, err := svc.FindClientNotes(asA, c.ID, carepath.NoteFilter{})
		if err != nil || len(list) != 1 || len(list[0].Addenda) != 1 {
			t.Errorf("FindClientNotes: %v %v", list, err)
		}
		// Audit rows name the note and its client, never its text.
		if k := rowCount(t, env, "audit_log", "record_id = $1 AND client_id = $2", n.ID, c.ID); k < 5 {
			t.Errorf("%d audit rows for the note", k)
		}
		if k := rowCount(t, env, "audit_log", "detail LIKE $1", "%sleep%"); k != 0 {
			t.Errorf("note text in %d audit rows", k)
		}
	})
}

func TestGroupNoteAndCosign(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		clients, svc := store.NewClientService(env.Store), store.NewNoteService(env.Store)
		a := newTestClient("Ana", "López", clinicianA)
		a.CaseManagerID = caseManagerA
		mustCreate(t, clients, a)
		b := newTestClient("Ben", "Okafor", clinicianB)
		b.CaseManagerID = caseManagerA
		mustCreate(t, clients, b)
		asCM := actorAs(carepath.RoleCaseManager, caseManagerA)
		occ := groupOccurrence(t, env, a.ID, b.ID)
		in := carepath.NoteInput{Kind: carepath.NoteGroup, Format: carepath.FormatBIRP, SessionID: occ,
			Sections:  map[string]string{"behavior": "Eight attended", "intervention": "Relapse prevention skills", "response": "Engaged", "plan": "Continue"},
			Attendees: []carepath.NoteAttendee{{ClientID: a.ID, Individual: "Shared a trigger"}, {ClientID: b.ID, Individual: "Quiet, listened"}}}
		// A clinician who has only one of the attendees may not write the note: 404 naming the attendee.
		_, err := svc.CreateNote(actorAs(carepath.RoleClinician, clinicianA), in)
		if carepath.ErrorCode(err) != carepath.ENOTFOUND || !slices.Equal(fieldPaths(err), []string{"attendees[1].client_id"}) {
			t.Errorf("group note with another's client: %v", err)
		}
		if k := rowCount(t, env, "note_clients", "1 = 1"); k != 0 {
			t.Errorf("%d rows written after a refusal", k)
		}
		n, err := svc.CreateNote(asCM, in)
		if err != nil {
			t.Fatalf("CreateNote group: %v", err)
		}
		if !n.NeedsCosign || len(n.Attendees) != 2 || n.ClientID != "" {
			t.Errorf("group note %+v", n)
		}
		// Each attendee's chart shows the shared part and their own part only.
		for _, tc := range []struct {
			ctx    string
			client string
			want   string
		}{{clinicianA, a.ID, "Shared a trigger"}, {clinicianB, b.ID, "Quiet, listened"}} {
			list, err := svc.FindClientNotes(actorAs(carepath.RoleClinician, tc.ctx), tc.client, carepath.NoteFilter{})
			if err != nil || len(list) != 1 || len(list[0].Attendees) != 1 || list[0].Attendees[0].Individual != tc.want ||
				list[0].Sections["behavior"] != "Eight attended" {
				t.Errorf("chart of %s: %+v %v", tc.client, list, err)
			}
			got, err := svc.FindNoteByID(actorAs(carepath.RoleClinician, tc.ctx), n.ID)
			if err != nil || len(got.Attendees) != 1 || got.Attendees[0].ClientID != tc.client {
				t.Errorf("note as %s: %+v %v", tc.ctx, got, err)
			}
		}
		// Co-signing waits for the signature; then the note is in each supervisor's queue.
		if _, err := svc.CosignNote(actorAs(carepath.RoleClinician, clinicianA), n.ID); carepath.ErrorCode(err) != carepath.ECONFLICT {
			t.Errorf("co-sign a draft: %v", err)
		}
		if _, err := svc.SignNote(asCM, n.ID, n.Revision); err != nil {
			t.Fatalf("SignNote: %v", err)
		}
		q, err := svc.FindCosignQueue(actorAs(carepath.RoleClinician, clinicianB))
		if err != nil || len(q) != 1 || q[0].ID != n.ID || len(q[0].Attendees) != 1 {
			t.Errorf("queue of B: %+v %v", q, err)
		}
		if _, err := svc.FindCosignQueue(asCM); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("queue of a case manager: %v", err)
		}
		if n, err = svc.CosignNote(actorAs(carepath.RoleClinician, clinicianA), n.ID); err != nil || n.CosignedBy != clinicianA || n.CosignedAt == nil {
			t.Fatalf("CosignNote: %+v %v", n, err)
		}
		if _, err := svc.CosignNote(asAdmin, n.ID); carepath.ErrorCode(err) != carepath.ECONFLICT {
			t.Errorf("second co-sign: %v", err)
		}
		if q, err := svc.FindCosignQueue(asAdmin); err != nil || len(q) != 0 {
			t.Errorf("queue after co-sign: %+v %v", q, err)
		}
	})
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// groupOccurrence creates a Monday/Wednesday/Friday group run by a new clinician with clients
// on its roster from its first day, and returns the id of that first occurrence.
func groupOccurrence(t *testing.T, env *storetest.Env, clients ...string) string {
	t.Helper()
	st := &carepath.Staff{Email: "facilitator@example.org", Name: "Facilitator", Role: carepath.RoleClinician}
	if err := store.NewStaffService(env.Store).CreateStaff(asAdmin, st, testPassword); err != nil {
		t.Fatalf("CreateStaff: %v", err)
	}
	groups := store.NewGroupService(env.Store)
	g, err := groups.CreateGroup(asFrontDesk, carepath.GroupCreate{ProgramID: newTestProgram(t, env, "Group IOP").ID,
		Name: "Relapse prevention", Type: "relapse_prevention", FacilitatorIDs: []string{st.ID},
		Days: []string{"mon", "wed", "fri"}, StartTime: "09:00", Minutes: 180, StartDate: "2026-10-26", Room: "Room 2"})
	if err != nil {
		t.Fatalf("CreateGroup: %v", err)
	}
	for _, c := range clients {
		if _, err := groups.AddGroupMember(asFrontDesk, g.ID, c, "2026-10-26"); err != nil {
			t.Fatalf("AddGroupMember: %v", err)
		}
	}
	return g.ID + ":2026-10-26"
}

// TestGroupNoteSession checks a group note against its session: the occurrence must be on the
// schedule, each attendee on its roster and not marked absent; the facilitator writes about
// everyone on the roster, care team or not.
func TestGroupNoteSession(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		f := newDeliveryFixture(t, env)
		g := f.group(t)
		for _, c := range []string{f.alice, f.carol} {
			if _, err := f.groups.AddGroupMember(asFrontDesk, g.ID, c, "2026-10-26"); err != nil {
				t.Fatal(err)
			}
		}
		svc := store.NewNoteService(env.Store)
		occ := g.ID + ":2026-10-28"
		note := func(session string, clients ...string) carepath.NoteInput {
			in := carepath.NoteInput{Kind: carepath.NoteGroup, Format: carepath.FormatDAP, SessionID: session, Sections: dapSections("Skills")}
			for _, c := range clients {
				in.Attendees = append(in.Attendees, carepath.NoteAttendee{ClientID: c, Individual: "Took part"})
			}
			return in
		}
		for _, tc := range []struct {
			name string
			in   carepath.NoteInput
			want []string
		}{
			{"no session that day", note(g.ID+":2026-10-27", f.alice), []string{"session_id"}},
			{"no such group", note("0190a0b2-0000-7000-8000-000000000000:2026-10-28", f.alice), []string{"session_id"}},
			{"not on the roster", note(occ, f.alice, f.bob), []string{"attendees[1].client_id"}},
		} {
			if _, err := svc.CreateNote(f.asClinician, tc.in); carepath.ErrorCode(err) != carepath.EINVALID || !slices.Equal(fieldPaths(err), tc.want) {
				t.Errorf("%s: %v", tc.name, err)
			}
		}
		// Carol is another clinician's client, but on the roster of the facilitator's group.
		n, err := svc.CreateNote(f.asClinician, note(occ, f.alice, f.carol))
		if err != nil || len(n.Attendees) != 2 {
			t.Fatalf("facilitator's note: %+v %v", n, err)
		}
		// Someone not running the group may not write about Carol.
		if _, err := svc.CreateNote(actorAs(carepath.RoleClinician, f.other), note(occ, f.alice, f.carol)); carepath.ErrorCode(err) != carepath.ENOTFOUND ||
			!slices.Equal(fieldPaths(err), []string{"attendees[0].client_id"}) {
			t.Errorf("not the facilitator: %v", err)
		}
		// A client marked absent gets no part in the note.
		if _, err := f.attendance.RecordAttendance(f.asClinician, occ, carepath.AttendanceUpdate{Records: []carepath.AttendanceRecord{
			{ClientID: f.alice, Status: "present", Minutes: 180}, {ClientID: f.carol, Status: "absent_unexcused"}}}); err != nil {
			t.Fatalf("RecordAttendance: %v", err)
		}
		if _, err := svc.CreateNote(f.asClinician, note(occ, f.alice, f.carol)); !slices.Equal(fieldPaths(err), []string{"attendees[1].client_id"}) {
			t.Errorf("absent attendee: %v", err)
		}
	})
}

// TestFindClientNotesMany checks that a chart of several notes, read at once, gives each note
// as reading it alone does: its own client, addenda and sections.
func TestFindClientNotesMany(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		clients, svc := store.NewClientService(env.Store), store.NewNoteService(env.Store)
		c := mustCreate(t, clients, newTestClient("Ana", "López", clinicianA))
		asA := actorAs(carepath.RoleClinician, clinicianA)
		for i, data := range []string{"first", "second", "third"} {
			n, err := svc.CreateNote(asA, carepath.NoteInput{Kind: carepath.NoteIndividual, Format: carepath.FormatDAP,
				ClientID: c.ID, Sections: dapSections(data)})
			if err != nil {
				t.Fatal(err)
			}
			if i == 1 {
				if n, err = svc.SignNote(asA, n.ID, n.Revision); err != nil {
					t.Fatal(err)
				}
				for _, text := range []string{"one", "two"} {
					if _, err = svc.AddAddendum(asA, n.ID, carepath.AddendumInput{Text: text}); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
		list, err := svc.FindClientNotes(asA, c.ID, carepath.NoteFilter{})
		if err != nil || len(list) != 3 {
			t.Fatalf("FindClientNotes = %d notes, %v", len(list), err)
		}
		for _, n := range list {
			one, err := svc.FindNoteByID(asA, n.ID)
			if err != nil {
				t.Fatal(err)
			}
			if n.ClientID != c.ID || n.Sections["data"] != one.Sections["data"] || len(n.Addenda) != len(one.Addenda) {
				t.Errorf("listed %+v, alone %+v", n, one)
			}
			for i := range n.Addenda {
				if n.Addenda[i].Text != one.Addenda[i].Text {
					t.Errorf("addendum %d: listed %q, alone %q", i, n.Addenda[i].Text, one.Addenda[i].Text)
				}
			}
		}
		if got := list[1].Addenda; len(got) != 2 || got[0].Text != "one" || got[1].Text != "two" {
			t.Errorf("addenda of the signed note = %+v", got)
		}
	})
}
