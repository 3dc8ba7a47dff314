package store_test

import (
	"slices"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

func TestProgramDetails(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		svc := store.NewProgramService(env.Store)
		day := carepath.Track{Name: "day", Days: []string{"fri", "mon", "wed"}, StartTime: "09:00", EndTime: "12:00"}
		evening := carepath.Track{Name: "evening", Days: []string{"tue", "thu"}, StartTime: "18:00", EndTime: "21:00"}
		p, err := svc.CreateProgram(asAdmin, carepath.ProgramCreate{Name: "Tracked IOP", Level: carepath.LevelIOP,
			TimeZone: "America/Chicago", Tracks: []carepath.Track{day, evening},
			Rates: []carepath.Rate{{Service: carepath.RateIndividualSession, Cents: 15000}, {Service: carepath.RateIOPPerDiem, Cents: 30000}}})
		if err != nil {
			t.Fatalf("CreateProgram: %v", err)
		}
		d, err := svc.FindProgramDetails(asFrontDesk, p.ID)
		if err != nil || d.Version != 1 || len(d.Tracks) != 2 || !slices.Equal(d.Tracks[0].Days, []string{"mon", "wed", "fri"}) ||
			len(d.Rates) != 2 || d.Rates[0].Service != carepath.RateIOPPerDiem || d.Rates[0].Cents != 30000 {
			t.Fatalf("details %+v, %v", d, err)
		}
		_, err = svc.CreateProgram(asAdmin, carepath.ProgramCreate{Name: "Bad", Level: carepath.LevelIOP, TimeZone: "UTC",
			Tracks: []carepath.Track{{Name: "day", Days: []string{"mon", "moon"}, StartTime: "12:00", EndTime: "09:00"}, {Name: "Day"}},
			Rates:  []carepath.Rate{{Service: "cpt 90853", Cents: 1}, {Service: carepath.RateGroupSession, Cents: -5}}})
		want := []string{"tracks[0].days", "tracks[0].end_time", "tracks[1].name", "tracks[1].days", "tracks[1].start_time",
			"tracks[1].end_time", "rates[0].service", "rates[1].cents"}
		if got := fieldPaths(err); !slices.Equal(got, want) {
			t.Errorf("bad create: %v, want %v", got, want)
		}

		staff := store.NewStaffService(env.Store)
		director := newStaff(t, staff, "director@example.org", carepath.RoleClinician)
		cm := newStaff(t, staff, "cm@example.org", carepath.RoleCaseManager)
		reviewer := newStaff(t, staff, "payer@example.org", carepath.RoleReviewer)
		members := []carepath.ProgramMember{{StaffID: director.ID, Role: "director"}, {StaffID: director.ID, Role: "clinician"},
			{StaffID: cm.ID, Role: "case_manager"}}
		if _, err := svc.UpdateProgramDetails(asFrontDesk, p.ID, carepath.ProgramDetailsUpdate{Version: 1, Staff: &members}); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("front desk changed staff: %v", err)
		}
		bad := []carepath.ProgramMember{{StaffID: "nobody", Role: "director"}, {StaffID: reviewer.ID, Role: "clinician"},
			{StaffID: cm.ID, Role: "boss"}}
		_, err = svc.UpdateProgramDetails(asAdmin, p.ID, carepath.ProgramDetailsUpdate{Version: 1, Staff: &bad})
		if got := fieldPaths(err); !slices.Equal(got, []string{"staff[2].role"}) {
			t.Errorf("bad role: %v", got)
		}
		bad[2].Role = "facilitator"
		_, err = svc.UpdateProgramDetails(asAdmin, p.ID, carepath.ProgramDetailsUpdate{Version: 1, Staff: &bad})
		if got := fieldPaths(err); !slices.Equal(got, []string{"staff[0].staff_id", "staff[1].staff_id"}) {
			t.Errorf("unknown staff: %v", got)
		}
		d, err = svc.UpdateProgramDetails(asAdmin, p.ID, carepath.ProgramDetailsUpdate{Version: 1, Staff: &members})
		if err != nil || d.Version != 2 || len(d.Staff) != 3 || len(d.Tracks) != 2 || len(d.Rates) != 2 {
			t.Fatalf("staff saved: %+v %v", d, err)
		}
		// A stale version is refused and changes nothing.
		none := []carepath.Rate{}
		if _, err := svc.UpdateProgramDetails(asAdmin, p.ID, carepath.ProgramDetailsUpdate{Version: 1, Rates: &none}); carepath.ErrorCode(err) != carepath.ECONFLICT {
			t.Errorf("stale update: %v", err)
		}

		// A group names a track; removing the track leaves it on none.
		g, err := store.NewGroupService(env.Store).CreateGroup(asFrontDesk, carepath.GroupCreate{ProgramID: p.ID, Name: "Process",
			Type: "process", FacilitatorIDs: []string{director.ID}, Days: []string{"mon", "wed", "fri"}, StartTime: "09:00",
			Minutes: 180, StartDate: "2026-10-26", Room: "Room 1"})
		if err != nil {
			t.Fatal(err)
		}
		if err := svc.SetGroupTrack(asFrontDesk, g.ID, "Moon"); !slices.Equal(fieldPaths(err), []string{"track"}) {
			t.Errorf("unknown track: %v", err)
		}
		if err := svc.SetGroupTrack(asFrontDesk, g.ID, "DAY"); err != nil {
			t.Fatal(err)
		}
		if d, _ = svc.FindProgramDetails(asAdmin, p.ID); !slices.Equal(d.TrackGroups["day"], []string{g.ID}) {
			t.Errorf("track groups %v", d.TrackGroups)
		}
		only := []carepath.Track{evening}
		d, err = svc.UpdateProgramDetails(asAdmin, p.ID, carepath.ProgramDetailsUpdate{Version: 2, Tracks: &only, Rates: &none})
		if err != nil || d.Version != 3 || len(d.Tracks) != 1 || len(d.Rates) != 0 || len(d.TrackGroups) != 0 || len(d.Staff) != 3 {
			t.Errorf("tracks replaced: %+v %v", d, err)
		}
		if _, err := svc.FindProgramDetails(asAdmin, "0190f5b0-0000-7000-8000-000000000000"); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("unknown program: %v", err)
		}
	})
}
