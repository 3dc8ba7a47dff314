package store_test

import (
	"context"
	"slices"
	"sync"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// deliveryFixture is a program with one clinician and two clients on their caseload.
type deliveryFixture struct {
	env               *storetest.Env
	program           *carepath.Program
	clinician, other  string
	alice, bob, carol string
	asClinician       context.Context
	groups            *store.GroupService
	sessions          *store.TherapySessionService
	attendance        *store.AttendanceService
}

func newDeliveryFixture(t *testing.T, env *storetest.Env) *deliveryFixture {
	t.Helper()
	f := &deliveryFixture{env: env, program: newTestProgram(t, env, "Evening IOP"),
		groups: store.NewGroupService(env.Store), sessions: store.NewTherapySessionService(env.Store),
		attendance: store.NewAttendanceService(env.Store)}
	staff := store.NewStaffService(env.Store)
	for i, p := range []*string{&f.clinician, &f.other} {
		st := &carepath.Staff{Email: []string{"ann@example.org", "ben@example.org"}[i], Name: "Clinician", Role: carepath.RoleClinician}
		if err := staff.CreateStaff(asAdmin, st, testPassword); err != nil {
			t.Fatalf("CreateStaff: %v", err)
		}
		*p = st.ID
	}
	clients := store.NewClientService(env.Store)
	f.alice = mustCreate(t, clients, newTestClient("Alice", "A", f.clinician)).ID
	f.bob = mustCreate(t, clients, newTestClient("Bob", "B", f.clinician)).ID
	f.carol = mustCreate(t, clients, newTestClient("Carol", "C", f.other)).ID
	f.asClinician = actorAs(carepath.RoleClinician, f.clinician)
	return f
}

func (f *deliveryFixture) group(t *testing.T) *carepath.Group {
	t.Helper()
	g, err := f.groups.CreateGroup(asFrontDesk, carepath.GroupCreate{ProgramID: f.program.ID, Name: "Process A",
		Type: "process", FacilitatorIDs: []string{f.clinician}, Days: []string{"mon", "wed", "fri"},
		StartTime: "09:00", Minutes: 180, StartDate: "2026-10-26", Room: "Room 1"})
	if err != nil {
		t.Fatalf("CreateGroup: %v", err)
	}
	return g
}

func TestGroupsAndRoster(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		f := newDeliveryFixture(t, env)
		_, err := f.groups.CreateGroup(asFrontDesk, carepath.GroupCreate{ProgramID: "01a20853-2b38-786d-b0b4-2c5349401af6",
			Name: "X", Type: "process", FacilitatorIDs: []string{"nobody"}, Days: []string{"mon"}, StartTime: "25:00",
			Minutes: 60, StartDate: "2026-11-03", EndDate: "2026-11-08", Room: "R"})
		if got := fieldPaths(err); !slices.Equal(got, []string{"start_time", "end_date", "program_id", "facilitator_ids[0]"}) &&
			!slices.Equal(got, []string{"start_time", "end_date"}) {
			t.Errorf("bad group fields = %v", got)
		}
		g := f.group(t)
		if _, err := f.groups.AddGroupMember(asFrontDesk, g.ID, f.alice, "2026-10-26"); err != nil {
			t.Fatal(err)
		}
		if _, err := f.groups.AddGroupMember(asFrontDesk, g.ID, f.bob, "2026-11-04"); err != nil {
			t.Fatal(err)
		}
		if _, err := f.groups.AddGroupMember(asFrontDesk, g.ID, f.bob, "2026-11-06"); carepath.ErrorCode(err) != carepath.ECONFLICT {
			t.Errorf("twice on roster: %v", err)
		}
		got, err := f.groups.EndGroupMember(asFrontDesk, g.ID, f.alice, "2026-11-06")
		if err != nil || len(got.Members) != 2 || got.Members[0].Until != "2026-11-06" {
			t.Fatalf("EndGroupMember = %+v, %v", got, err)
		}
		occ, err := f.sessions.FindOccurrences(asFrontDesk, carepath.OccurrenceFilter{From: "2026-11-02", To: "2026-11-09", GroupID: g.ID})
		if err != nil || len(occ) != 3 {
			t.Fatalf("occurrences = %v, %v", occ, err)
		}
		rosters := [][]string{{f.alice}, {f.alice, f.bob}, {f.bob}}
		for i, o := range occ {
			want := slices.Clone(rosters[i])
			slices.Sort(want)
			if !slices.Equal(o.ClientIDs, want) || o.Start != []string{"2026-11-02T09:00:00-06:00", "2026-11-04T09:00:00-06:00",
				"2026-11-06T09:00:00-06:00"}[i] {
				t.Errorf("occurrence %d = %s %v", i, o.Start, o.ClientIDs)
			}
		}
		// Across the DST change (1 Nov 2026 in Chicago) the wall clock stays at 09:00.
		occ, _ = f.sessions.FindOccurrences(asFrontDesk, carepath.OccurrenceFilter{From: "2026-10-30", To: "2026-10-31", GroupID: g.ID})
		if len(occ) != 1 || occ[0].Start != "2026-10-30T09:00:00-05:00" {
			t.Errorf("before DST: %+v", occ)
		}
		// Cancelling one occurrence leaves the others.
		if err := f.sessions.CancelOccurrence(asFrontDesk, g.ID+":2026-11-04"); err != nil {
			t.Fatal(err)
		}
		occ, _ = f.sessions.FindOccurrences(asFrontDesk, carepath.OccurrenceFilter{From: "2026-11-02", To: "2026-11-09", GroupID: g.ID})
		if len(occ) != 2 {
			t.Errorf("after cancel: %d occurrences", len(occ))
		}
		moved, err := f.sessions.MoveOccurrence(asFrontDesk, g.ID+":2026-11-06", carepath.OccurrenceMove{Start: "2026-11-07T10:00"})
		if err != nil || moved.Start != "2026-11-07T10:00:00-06:00" || moved.ID != g.ID+":2026-11-06" {
			t.Errorf("moved = %+v, %v", moved, err)
		}
		if _, err := f.sessions.FindOccurrence(asFrontDesk, g.ID+":2026-11-05"); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("no session on a Thursday: %v", err)
		}
	})
}

func TestSessionConflicts(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		f := newDeliveryFixture(t, env)
		g := f.group(t)
		if _, err := f.groups.AddGroupMember(asFrontDesk, g.ID, f.alice, "2026-10-26"); err != nil {
			t.Fatal(err)
		}
		// The clinician runs the group on Mondays 09:00–12:00.
		_, err := f.sessions.CreateSession(asFrontDesk, carepath.TherapySessionCreate{ProgramID: f.program.ID, Kind: "individual",
			ClientID: f.carol, ClinicianID: f.clinician, Date: "2026-11-02", StartTime: "11:00", Minutes: 50, Room: "Room 2"})
		if carepath.ErrorCode(err) != carepath.ECONFLICT || !slices.Contains(fieldPaths(err), "clinician_id") {
			t.Errorf("double-booked clinician: %v %v", err, fieldPaths(err))
		}
		// Alice is in the group on Wednesdays: a weekly Wednesday session clashes with her.
		_, err = f.sessions.CreateSession(asFrontDesk, carepath.TherapySessionCreate{ProgramID: f.program.ID, Kind: "individual",
			ClientID: f.alice, ClinicianID: f.other, Days: []string{"wed"}, StartDate: "2026-11-02", StartTime: "10:00",
			Minutes: 60, Modality: "telehealth", MeetingLink: "https://meet.example.org/x"})
		if carepath.ErrorCode(err) != carepath.ECONFLICT || !slices.Contains(fieldPaths(err), "client_id") {
			t.Errorf("double-booked client: %v %v", err, fieldPaths(err))
		}
		// A second group in Room 1 on Fridays, or with the same facilitator, clashes.
		_, err = f.groups.CreateGroup(asFrontDesk, carepath.GroupCreate{ProgramID: f.program.ID, Name: "Skills",
			Type: "skills", FacilitatorIDs: []string{f.clinician}, Days: []string{"fri"}, StartTime: "11:00", Minutes: 60,
			StartDate: "2026-11-02", Room: "Room 1"})
		if got := fieldPaths(err); carepath.ErrorCode(err) != carepath.ECONFLICT || !slices.Contains(got, "facilitator_ids") ||
			!slices.Contains(got, "room") {
			t.Errorf("double-booked group: %v %v", err, got)
		}
		// Room 1 is the group's.
		_, err = f.sessions.CreateSession(asFrontDesk, carepath.TherapySessionCreate{ProgramID: f.program.ID, Kind: "family",
			ClientID: f.carol, ClinicianID: f.other, Date: "2026-11-06", StartTime: "08:30", Minutes: 60, Room: "Room 1"})
		if carepath.ErrorCode(err) != carepath.ECONFLICT || !slices.Equal(fieldPaths(err), []string{"room"}) {
			t.Errorf("double-booked room: %v %v", err, fieldPaths(err))
		}
		s, err := f.sessions.CreateSession(asFrontDesk, carepath.TherapySessionCreate{ProgramID: f.program.ID, Kind: "individual",
			ClientID: f.alice, ClinicianID: f.clinician, Days: []string{"tue"}, StartDate: "2026-11-03", StartTime: "12:00",
			Minutes: 50, Room: "Room 2"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.sessions.CreateSession(asFrontDesk, carepath.TherapySessionCreate{ProgramID: f.program.ID, Kind: "individual",
			ClientID: f.alice, ClinicianID: f.clinician, Days: []string{"sat"}, StartDate: "2026-11-03", EndDate: "2026-11-06",
			StartTime: "12:00", Minutes: 50, Room: "Room 2"})
		if got := fieldPaths(err); !slices.Equal(got, []string{"end_date"}) {
			t.Errorf("recurrence that never occurs: %v", got)
		}
		if rowCount(t, env, "care_sessions", "1 = 1") != 1 {
			t.Error("a refused session was stored")
		}
		// Carol's clinician sees neither Alice's session nor the group.
		theirs, err := f.sessions.FindOccurrences(actorAs(carepath.RoleClinician, f.other),
			carepath.OccurrenceFilter{From: "2026-11-02", To: "2026-11-09"})
		if err != nil || len(theirs) != 0 {
			t.Errorf("other clinician sees %d occurrences, %v", len(theirs), err)
		}
		mine, err := f.sessions.FindOccurrences(f.asClinician, carepath.OccurrenceFilter{From: "2026-11-02", To: "2026-11-09",
			ClientID: f.alice})
		if err != nil || len(mine) != 4 || mine[1].ID != s.ID+":2026-11-03" || mine[1].Kind != "individual" {
			t.Errorf("clinician sees %+v, %v", mine, err)
		}
		if _, err := f.sessions.FindOccurrences(actorAs(carepath.RoleReviewer, "r"), carepath.OccurrenceFilter{From: "2026-11-02",
			To: "2026-11-09"}); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("reviewer: %v", err)
		}
	})
}

func TestAttendanceAndDose(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		f := newDeliveryFixture(t, env)
		g := f.group(t)
		for _, c := range []string{f.alice, f.bob} {
			if _, err := f.groups.AddGroupMember(asFrontDesk, g.ID, c, "2026-10-26"); err != nil {
				t.Fatal(err)
			}
		}
		id := g.ID + ":2026-11-02"
		_, err := f.attendance.RecordAttendance(f.asClinician, id, carepath.AttendanceUpdate{Records: []carepath.AttendanceRecord{
			{ClientID: f.alice, Status: "present", Minutes: 180}, {ClientID: f.carol, Status: "present", Minutes: 10},
			{ClientID: f.bob, Status: "late", Minutes: 181}}})
		if got := fieldPaths(err); !slices.Equal(got, []string{"records[1].client_id", "records[2].minutes"}) {
			t.Errorf("bad records: %v", got)
		}
		_, err = f.attendance.RecordAttendance(f.asClinician, id, carepath.AttendanceUpdate{Records: []carepath.AttendanceRecord{
			{ClientID: f.alice, Status: "present", Minutes: 180}, {ClientID: f.bob, Status: "present", Minutes: 180},
			{ClientID: f.alice, Status: "late", Minutes: 100}}})
		if got := fieldPaths(err); !slices.Equal(got, []string{"records[2].client_id"}) {
			t.Errorf("client listed twice: %v", got)
		}
		if rowCount(t, env, "attendance", "1 = 1") != 0 {
			t.Error("a refused sheet was written")
		}
		sheet, err := f.attendance.RecordAttendance(f.asClinician, id, carepath.AttendanceUpdate{Records: []carepath.AttendanceRecord{
			{ClientID: f.alice, Status: "present", Minutes: 180}, {ClientID: f.bob, Status: "absent_unexcused"}}})
		if err != nil || sheet.Version != 1 || len(sheet.Records) != 2 {
			t.Fatalf("sheet = %+v, %v", sheet, err)
		}
		// Two savers who both read version 1: one wins, the other gets ECONFLICT.
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = f.attendance.RecordAttendance(f.asClinician, id, carepath.AttendanceUpdate{Version: 1,
					Records: []carepath.AttendanceRecord{{ClientID: f.alice, Status: "left_early", Minutes: 120 + i}}})
			}()
		}
		wg.Wait()
		if (errs[0] == nil) == (errs[1] == nil) || carepath.ErrorCode(errors2(errs)) != carepath.ECONFLICT {
			t.Errorf("concurrent saves: %v", errs)
		}
		if _, err := f.attendance.RecordAttendance(f.asClinician, g.ID+":2026-11-04", carepath.AttendanceUpdate{
			Records: []carepath.AttendanceRecord{{ClientID: f.alice, Status: "present", Minutes: 180}}}); err != nil {
			t.Fatal(err)
		}
		d, err := f.attendance.ClientDose(f.asClinician, f.alice, "2026-W45")
		if err != nil || d.RequiredMinutes != 540 || d.DeliveredMinutes != 300 && d.DeliveredMinutes != 301 || d.Met ||
			d.SessionsByKind["group"] != 2 || d.Scheduled != 3 {
			t.Errorf("dose = %+v, %v", d, err)
		}
		if _, err := f.attendance.ClientDose(f.asClinician, f.carol, "2026-W45"); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("someone else's client: %v", err)
		}
		if _, err := f.attendance.ClientDose(f.asClinician, f.alice, "2026-W60"); !slices.Equal(fieldPaths(err), []string{"week"}) {
			t.Errorf("bad week: %v", err)
		}
		if err := f.sessions.CancelOccurrence(asFrontDesk, id); carepath.ErrorCode(err) != carepath.ECONFLICT {
			t.Errorf("cancel after attendance: %v", err)
		}
	})
}

func errors2(errs []error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// TestGroupFacilitatorsBounded checks that a group naming too many facilitators is refused
// before any of them is looked up.
func TestGroupFacilitatorsBounded(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		f := newDeliveryFixture(t, env)
		many := make([]string, 21)
		for i := range many {
			many[i] = f.clinician
		}
		_, err := f.groups.CreateGroup(asFrontDesk, carepath.GroupCreate{ProgramID: f.program.ID, Name: "Crowd",
			Type: "process", FacilitatorIDs: many, Days: []string{"mon"}, StartTime: "09:00", Minutes: 60,
			StartDate: "2026-10-26", Room: "Room 1"})
		if got := fieldPaths(err); carepath.ErrorCode(err) != carepath.EINVALID || !slices.Contains(got, "facilitator_ids") {
			t.Errorf("21 facilitators: %v %v", got, err)
		}
	})
}
