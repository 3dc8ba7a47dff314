package store_test

import (
	"slices"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// TestAnyClinicianCanBeNamedCosigner is the finding that any clinician could be named a note's
// co-signer and so read the whole note: now only an active supervisor (a clinician or admin an
// admin has flagged) may be named; anyone else is EINVALID naming cosigner_id, and nothing is
// written. Only an admin sets the flag, and only on a role that co-signs.
func TestAnyClinicianCanBeNamedCosigner(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		staff, clients, notes := store.NewStaffService(env.Store), store.NewClientService(env.Store), store.NewNoteService(env.Store)
		add := func(email string, role carepath.Role) *carepath.Staff {
			st := &carepath.Staff{Email: email, Name: email, Role: role}
			if err := staff.CreateStaff(asAdmin, st, testPassword); err != nil {
				t.Fatalf("CreateStaff: %v", err)
			}
			return st
		}
		author := add("author@example.org", carepath.RoleClinician)
		peer := add("peer@example.org", carepath.RoleClinician)
		chief := add("chief@example.org", carepath.RoleClinician)
		desk := add("desk@example.org", carepath.RoleFrontDesk)
		cm := add("cm@example.org", carepath.RoleCaseManager)
		yes, no := true, false

		// Only an admin sets the flag, and only on a clinician or an admin.
		if _, err := staff.UpdateStaff(actorAs(carepath.RoleClinician, chief.ID), chief.ID, carepath.StaffUpdate{Supervisor: &yes}); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("a clinician flags themselves: %v", err)
		}
		for _, st := range []*carepath.Staff{desk, cm} {
			if _, err := staff.UpdateStaff(asAdmin, st.ID, carepath.StaffUpdate{Supervisor: &yes}); !slices.Equal(fieldPaths(err), []string{"supervisor"}) {
				t.Errorf("%s as supervisor: %v", st.Role, err)
			}
		}
		got, err := staff.UpdateStaff(asAdmin, chief.ID, carepath.StaffUpdate{Supervisor: &yes})
		if err != nil || !got.Supervisor {
			t.Fatalf("flag a supervisor: %+v %v", got, err)
		}
		if got, err := staff.FindStaffByID(asAdmin, chief.ID); err != nil || !got.Supervisor {
			t.Errorf("read back: %+v %v", got, err)
		}

		c := mustCreate(t, clients, newTestClient("Robin", "Lake", author.ID))
		asAuthor := actorAs(carepath.RoleClinician, author.ID)
		draft := func(cosigner string) error {
			_, err := notes.CreateNote(asAuthor, carepath.NoteInput{Kind: carepath.NoteIndividual, Format: carepath.FormatDAP,
				ClientID: c.ID, Sections: dapSections("Met"), NeedsCosign: true, CosignerID: cosigner})
			return err
		}
		for name, id := range map[string]string{"a clinician who is no supervisor": peer.ID, "a front desk": desk.ID,
			"nobody": "0190c0de-0000-7000-8000-000000000000", "the author": author.ID} {
			if err := draft(id); carepath.ErrorCode(err) != carepath.EINVALID || !slices.Equal(fieldPaths(err), []string{"cosigner_id"}) {
				t.Errorf("%s named co-signer: %v", name, err)
			}
		}
		if n := rowCount(t, env, "notes", "1 = 1"); n != 0 {
			t.Errorf("%d notes written after refusals", n)
		}
		if err := draft(chief.ID); err != nil {
			t.Errorf("a supervisor named co-signer: %v", err)
		}
		// A supervisor who loses the flag, or the role, may no longer be named.
		if _, err := staff.UpdateStaff(asAdmin, chief.ID, carepath.StaffUpdate{Supervisor: &no}); err != nil {
			t.Fatal(err)
		}
		if err := draft(chief.ID); !slices.Equal(fieldPaths(err), []string{"cosigner_id"}) {
			t.Errorf("a former supervisor named co-signer: %v", err)
		}
		if _, err := staff.UpdateStaff(asAdmin, chief.ID, carepath.StaffUpdate{Supervisor: &yes}); err != nil {
			t.Fatal(err)
		}
		desk2 := carepath.RoleFrontDesk
		if got, err := staff.UpdateStaff(asAdmin, chief.ID, carepath.StaffUpdate{Role: &desk2}); err != nil || got.Supervisor {
			t.Errorf("a supervisor moved to the front desk keeps the flag: %+v %v", got, err)
		}
	})
}
