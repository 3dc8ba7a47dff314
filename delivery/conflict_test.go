package delivery

import (
	"slices"
	"strings"
	"testing"

	"github.com/carepath/carepath"
)

func TestCheckConflicts(t *testing.T) {
	ny := mustLoc(t, "America/New_York")
	existing := []Session{
		{ID: "g1:2026-03-09", Kind: KindGroup, Start: at(t, "2026-03-09T09:00:00-04:00"), Minutes: 180,
			ClinicianIDs: []string{"s1", "s2"}, ClientIDs: []string{"c1", "c2"}, Room: "Room A"},
		{ID: "i1", Kind: KindIndividual, Start: at(t, "2026-03-09T13:00:00-04:00"), Minutes: 50,
			ClinicianIDs: []string{"s3"}, ClientIDs: []string{"c3"}, Room: "Room B"},
		{ID: "tele", Kind: KindIndividual, Start: at(t, "2026-03-09T15:00:00-04:00"), Minutes: 50,
			ClinicianIDs: []string{"s4"}, ClientIDs: []string{"c4"}},
	}
	tests := []struct {
		name     string
		s        Session
		fields   []string
		contains string
	}{
		{"clinician double-booked", Session{ID: "new", Start: at(t, "2026-03-09T11:00:00-04:00"), Minutes: 60, ClinicianIDs: []string{"s2"}, ClientIDs: []string{"c9"}},
			[]string{"clinician_ids"}, "clinician s2 is already booked for session g1:2026-03-09 at 2026-03-09T09:00:00-04:00 (180 min)"},
		{"client double-booked", Session{ID: "new", Start: at(t, "2026-03-09T13:30:00-04:00"), Minutes: 60, ClinicianIDs: []string{"s9"}, ClientIDs: []string{"c3"}},
			[]string{"client_ids"}, "client c3 is already booked for session i1"},
		{"room double-booked", Session{ID: "new", Start: at(t, "2026-03-09T08:00:00-04:00"), Minutes: 61, ClinicianIDs: []string{"s9"}, ClientIDs: []string{"c9"}, Room: "Room A"},
			[]string{"room"}, `room "Room A" is already booked`},
		{"all three at once", Session{ID: "new", Start: at(t, "2026-03-09T12:59:00-04:00"), Minutes: 2, ClinicianIDs: []string{"s3"}, ClientIDs: []string{"c3"}, Room: "Room B"},
			[]string{"clinician_ids", "client_ids", "room"}, ""},
		{"back to back is fine", Session{ID: "new", Start: at(t, "2026-03-09T12:00:00-04:00"), Minutes: 60, ClinicianIDs: []string{"s1"}, ClientIDs: []string{"c1"}, Room: "Room A"},
			nil, ""},
		{"two telehealth sessions share no room", Session{ID: "new", Start: at(t, "2026-03-09T15:00:00-04:00"), Minutes: 50, ClinicianIDs: []string{"s9"}, ClientIDs: []string{"c9"}},
			nil, ""},
		{"editing a session does not clash with itself", Session{ID: "i1", Start: at(t, "2026-03-09T13:10:00-04:00"), Minutes: 50, ClinicianIDs: []string{"s3"}, ClientIDs: []string{"c3"}, Room: "Room B"},
			nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckConflicts(tt.s, existing, ny)
			if got := fieldsOf(err); !slices.Equal(got, tt.fields) {
				t.Fatalf("fields = %v, want %v (%v)", got, tt.fields, err)
			}
			if err == nil {
				return
			}
			if carepath.ErrorCode(err) != carepath.ECONFLICT {
				t.Errorf("code = %s", carepath.ErrorCode(err))
			}
			if !strings.Contains(err.Error(), tt.contains) {
				t.Errorf("message %q lacks %q", err.Error(), tt.contains)
			}
		})
	}
}
