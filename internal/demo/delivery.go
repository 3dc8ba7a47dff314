package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/carepath/carepath"
)

// demoClient is one fictional demo client as the delivery seed needs it.
type demoClient struct {
	id, clinician string
	kind          int // see seedDemoClinic: 0–5 IOP, 6–7 therapy, 8 stepped down, 9 waiting
	admitted      time.Time
}

// demoStaffIDs are the demo staff the delivery seed acts as.
type demoStaffIDs struct {
	admin, caseManager string
	clinicians         []string
}

// demoWorld is what the delivery seed builds on.
type demoWorld struct {
	svc     carepath.Services
	ctx     context.Context // carries no actor: as adds one
	staff   demoStaffIDs
	iop     *carepath.Program
	therapy *carepath.Program
	clients []demoClient
	now     time.Time
	start   time.Time // the Monday six weeks before this one, in the programs' time zone
	// steppedDown is the date (YYYY-MM-DD) the kind-8 clients stepped down to weekly therapy.
	steppedDown string
	rng         *rand.Rand
	// evening marks the IOP clients (and those stepped down from it) on the evening track;
	// the others are on the day track.
	evening map[string]bool
}

// as returns the context of a demo staff member acting from the command line.
func (w *demoWorld) as(id string, role carepath.Role) context.Context {
	return carepath.NewContext(w.ctx, carepath.Actor{ID: id, Role: role, Remote: "cli"})
}

// seedDemoDelivery gives the programs their tracks, rates and staff, groups and weekly
// individual sessions, six weeks of attendance, a few signed notes, measures, and the
// availability "Plan next week" starts from. The randomness is seeded, so every demo is the
// same clinic.
func seedDemoDelivery(w *demoWorld) error {
	demoTracks(w)
	if err := demoProgramDetails(w); err != nil {
		return err
	}
	groups, err := demoGroups(w)
	if err != nil {
		return err
	}
	if err := demoSessions(w); err != nil {
		return err
	}
	if err := demoAttendance(w, groups); err != nil {
		return err
	}
	if err := demoNotes(w, groups); err != nil {
		return err
	}
	if err := demoMeasures(w); err != nil {
		return err
	}
	if err := demoAvailability(w); err != nil {
		return err
	}
	if err := demoAdmitNew(w); err != nil {
		return err
	}
	return demoHistory(w)
}

// demoProgramDetails sets the IOP's day and evening tracks, both programs' rates (the seed
// figures, labelled as the demo clinic's own) and their staff.
func demoProgramDetails(w *demoWorld) error {
	svc := w.svc.ProgramDetails
	sys := w.as("demo-seed", carepath.RoleSystem)
	c1, c2 := w.staff.clinicians[0], w.staff.clinicians[1]
	tracks := []carepath.Track{
		{Name: "day", Days: []string{"mon", "wed", "fri"}, StartTime: "09:00", EndTime: "12:00"},
		{Name: "evening", Days: []string{"tue", "wed", "thu"}, StartTime: "18:00", EndTime: "21:00"},
	}
	iopRates := []carepath.Rate{{Service: carepath.RateIOPPerDiem, Cents: 300_00}, {Service: carepath.RateIOPPerWeek, Cents: 900_00},
		{Service: carepath.RateIndividualSession, Cents: 150_00}, {Service: carepath.RateGroupSession, Cents: 75_00},
		{Service: carepath.RateAssessmentSession, Cents: 200_00}}
	iopStaff := []carepath.ProgramMember{{StaffID: w.staff.admin, Role: carepath.ProgramRoleDirector},
		{StaffID: c1, Role: carepath.ProgramRoleClinician}, {StaffID: c1, Role: carepath.ProgramRoleFacilitator},
		{StaffID: c2, Role: carepath.ProgramRoleClinician}, {StaffID: c2, Role: carepath.ProgramRoleFacilitator},
		{StaffID: w.staff.caseManager, Role: carepath.ProgramRoleCaseManager}}
	if _, err := svc.UpdateProgramDetails(sys, w.iop.ID, carepath.ProgramDetailsUpdate{Version: 1, Tracks: &tracks,
		Rates: &iopRates, Staff: &iopStaff}); err != nil {
		return fmt.Errorf("demo program details: %w", err)
	}
	therapyRates := []carepath.Rate{{Service: carepath.RateIndividualSession, Cents: 150_00}, {Service: carepath.RateFamilySession, Cents: 175_00},
		{Service: carepath.RateMedicationSession, Cents: 125_00}, {Service: carepath.RateAssessmentSession, Cents: 200_00}}
	therapyStaff := []carepath.ProgramMember{{StaffID: w.staff.admin, Role: carepath.ProgramRoleDirector},
		{StaffID: c1, Role: carepath.ProgramRoleClinician}, {StaffID: c2, Role: carepath.ProgramRoleClinician}}
	if _, err := svc.UpdateProgramDetails(sys, w.therapy.ID, carepath.ProgramDetailsUpdate{Version: 1,
		Rates: &therapyRates, Staff: &therapyStaff}); err != nil {
		return fmt.Errorf("demo program details: %w", err)
	}
	return nil
}

// demoTracks puts the IOP clients in turn on the day, day and evening tracks (one in three
// works days and comes in the evening), those who stepped down keeping their place in turn.
func demoTracks(w *demoWorld) {
	w.evening = map[string]bool{}
	n := 0
	for _, c := range w.clients {
		if c.kind > 5 && c.kind != 8 {
			continue
		}
		w.evening[c.id] = n%3 == 2
		n++
	}
}

// demoGroup is one demo group and the IOP clients on its roster.
type demoGroup struct {
	group   *carepath.Group
	members []demoClient
}

// demoGroups creates two day-track process groups (Monday, Wednesday and Friday 09:00, three
// hours), an evening process group (Tuesday and Thursday 18:00) and an evening
// psychoeducation group (Wednesday 18:00), and puts the IOP clients on them from six weeks ago.
func demoGroups(w *demoWorld) ([]demoGroup, error) {
	c1, c2 := w.staff.clinicians[0], w.staff.clinicians[1]
	start := w.start.Format(time.DateOnly)
	specs := []struct {
		in    carepath.GroupCreate
		track string
	}{
		{carepath.GroupCreate{Name: "Day process group A", Type: "process", Capacity: 10, FacilitatorIDs: []string{c1},
			Days: []string{"mon", "wed", "fri"}, StartTime: "09:00", Minutes: 180, Room: "Group room 1"}, "day"},
		{carepath.GroupCreate{Name: "Day process group B", Type: "process", Capacity: 10, FacilitatorIDs: []string{c2},
			Days: []string{"mon", "wed", "fri"}, StartTime: "09:00", Minutes: 180, Room: "Group room 2"}, "day"},
		{carepath.GroupCreate{Name: "Evening process group", Type: "process", Capacity: 10, FacilitatorIDs: []string{c2},
			Days: []string{"tue", "thu"}, StartTime: "18:00", Minutes: 180, Room: "Group room 1"}, "evening"},
		{carepath.GroupCreate{Name: "Evening psychoeducation: coping skills", Type: "psychoeducation", Capacity: 16,
			FacilitatorIDs: []string{c1}, Days: []string{"wed"}, StartTime: "18:00", Minutes: 180, Room: "Group room 1"}, "evening"},
	}
	groupsSvc, programs := w.svc.Groups, w.svc.ProgramDetails
	sys := w.as("demo-seed", carepath.RoleSystem)
	out := make([]demoGroup, len(specs))
	for i, s := range specs {
		s.in.ProgramID, s.in.StartDate = w.iop.ID, start
		g, err := groupsSvc.CreateGroup(sys, s.in)
		if err != nil {
			return nil, fmt.Errorf("demo group: %w", err)
		}
		if err := programs.SetGroupTrack(sys, g.ID, s.track); err != nil {
			return nil, fmt.Errorf("demo group track: %w", err)
		}
		out[i].group = g
	}
	// IOP clients in turn: day A, day B, evening (process and psychoeducation). Those who
	// stepped down to weekly therapy (kind 8) leave their groups on the day they did.
	n := 0
	for _, c := range w.clients {
		if c.kind > 5 && c.kind != 8 {
			continue
		}
		targets := []int{n % 3}
		if w.evening[c.id] {
			targets = append(targets, 3)
		}
		n++
		for _, t := range targets {
			if _, err := groupsSvc.AddGroupMember(sys, out[t].group.ID, c.id, start); err != nil {
				return nil, fmt.Errorf("demo roster: %w", err)
			}
			if c.kind == 8 {
				if _, err := groupsSvc.EndGroupMember(sys, out[t].group.ID, c.id, w.steppedDown); err != nil {
					return nil, fmt.Errorf("demo roster: %w", err)
				}
				continue
			}
			out[t].members = append(out[t].members, c)
		}
	}
	return out, nil
}

// demoSessions books a weekly 50-minute individual session for every admitted client with
// their primary clinician, in the clinician's office, at an hour both are free: evening-track
// clients on Tuesday or Thursday morning (they work afternoons), day-track clients on Tuesday or
// Thursday (the IOP's group-free days), and weekly-therapy clients on the afternoons of the
// group days.
func demoSessions(w *demoWorld) error {
	hours := func(days []string, hs ...int) []string {
		var out []string
		for _, d := range days {
			for _, h := range hs {
				out = append(out, fmt.Sprintf("%s-%02d", d, h))
			}
		}
		return out
	}
	eveningSlots := hours([]string{"tue", "thu"}, 9, 10, 11)
	daySlots := append(hours([]string{"tue", "thu"}, 13, 14, 15, 16), eveningSlots...)
	therapySlots := hours([]string{"mon", "wed", "fri"}, 13, 14, 15, 16)
	taken := map[string]bool{} // clinician|slot
	svc := w.svc.TherapySessions
	for _, c := range w.clients {
		if c.kind == 9 {
			continue
		}
		program, slots := w.iop.ID, daySlots
		switch {
		case c.kind == 6 || c.kind == 7:
			program, slots = w.therapy.ID, therapySlots
		case c.kind == 8:
			slots = therapySlots
		case w.evening[c.id]:
			slots = eveningSlots
		}
		slot := ""
		for _, x := range append(slices.Clone(slots), daySlots...) {
			if !taken[c.clinician+"|"+x] {
				slot = x
				break
			}
		}
		if slot == "" {
			return fmt.Errorf("demo session: no free hour for a client of %s", c.clinician)
		}
		taken[c.clinician+"|"+slot] = true
		office := "Office 1"
		if c.clinician == w.staff.clinicians[1] {
			office = "Office 2"
		}
		if _, err := svc.CreateSession(w.as(c.clinician, carepath.RoleClinician), carepath.TherapySessionCreate{ProgramID: program,
			Kind: carepath.SessionIndividual, ClientID: c.id, ClinicianID: c.clinician, Days: []string{slot[:3]},
			StartTime: slot[4:] + ":00", Minutes: 50, StartDate: w.start.Format(time.DateOnly), Room: office}); err != nil {
			return fmt.Errorf("demo session: %w", err)
		}
	}
	return nil
}

// demoAttendance records every occurrence that has ended: mostly present, some late or
// leaving early, a few excused absences from individual sessions; one evening client missed
// the last two groups unexcused (an alert), and one day client missed two groups last week
// (a week below the minimum).
func demoAttendance(w *demoWorld, groups []demoGroup) error {
	sessions, attendance := w.svc.TherapySessions, w.svc.Attendance
	sys := w.as("demo-seed", carepath.RoleSystem)
	var occ []*carepath.Occurrence
	for _, p := range []string{w.iop.ID, w.therapy.ID} {
		list, err := sessions.FindOccurrences(sys, carepath.OccurrenceFilter{From: w.start.Format(time.RFC3339),
			To: w.now.Format(time.RFC3339), ProgramID: p})
		if err != nil {
			return fmt.Errorf("demo occurrences: %w", err)
		}
		occ = append(occ, list...)
	}
	slices.SortFunc(occ, func(a, b *carepath.Occurrence) int { return a.StartAt.Compare(b.StartAt) })
	absentee := groups[2].members[0].id // two unexcused absences in a row, the latest two
	lowWeek := groups[0].members[1].id  // two excused absences last week
	lastWeek := w.lastMonday().AddDate(0, 0, -7)
	var absenteeLast []string // the absentee's last two group occurrences
	for _, o := range occ {
		if o.GroupID != "" && slices.Contains(o.ClientIDs, absentee) && w.ended(o) {
			absenteeLast = append(absenteeLast, o.ID)
		}
	}
	if len(absenteeLast) > 2 {
		absenteeLast = absenteeLast[len(absenteeLast)-2:]
	}
	for _, o := range occ {
		if !w.ended(o) || len(o.ClientIDs) == 0 {
			continue
		}
		u := carepath.AttendanceUpdate{}
		for _, c := range o.ClientIDs {
			r := carepath.AttendanceRecord{ClientID: c, Status: "present", Minutes: o.Minutes}
			x := w.rng.Float64()
			switch {
			case o.GroupID != "" && slices.Contains(absenteeLast, o.ID) && c == absentee:
				r.Status, r.Minutes = "absent_unexcused", 0
			case o.GroupID != "" && c == lowWeek && !o.StartAt.Before(lastWeek) && o.StartAt.Before(lastWeek.AddDate(0, 0, 7)) &&
				o.StartAt.In(w.iop.Location()).Weekday() != time.Monday:
				r.Status, r.Minutes = "absent_excused", 0
			case x < 0.07:
				r.Status, r.Minutes = "late", o.Minutes-10
			case x < 0.10:
				r.Status, r.Minutes = "left_early", o.Minutes-min(30, o.Minutes/3)
			case x < 0.14 && o.GroupID == "":
				r.Status, r.Minutes = "absent_excused", 0
			}
			u.Records = append(u.Records, r)
		}
		as := w.as(o.ClinicianIDs[0], carepath.RoleClinician)
		if _, err := attendance.RecordAttendance(as, o.ID, u); err != nil {
			return fmt.Errorf("demo attendance: %w", err)
		}
	}
	return nil
}

// ended reports whether an occurrence is over.
func (w *demoWorld) ended(o *carepath.Occurrence) bool {
	return !o.StartAt.Add(time.Duration(o.Minutes) * time.Minute).After(w.now)
}

// lastMonday is the Monday that starts this week, at midnight in the programs' time zone.
func (w *demoWorld) lastMonday() time.Time { return w.start.AddDate(0, 0, 42) }

// demoMonday is the Monday six weeks before the one that starts now's week, at midnight in loc.
func demoMonday(now time.Time, loc *time.Location) time.Time {
	local := now.In(loc)
	back := (int(local.Weekday()) + 6) % 7
	monday := time.Date(local.Year(), local.Month(), local.Day()-back, 0, 0, 0, 0, loc)
	return monday.AddDate(0, 0, -42)
}

// demoAvailability records when the IOP clients can come (their track and daytime hours on
// the group-free days) and when the two clinicians see clients, for "Plan next week".
func demoAvailability(w *demoWorld) error {
	svc := w.svc.Availability
	sys := w.as("demo-seed", carepath.RoleSystem)
	hours := func(days []string, from, to int) []string {
		var out []string
		for _, d := range days {
			for h := from; h < to; h++ {
				out = append(out, carepath.SlotID(d, h))
			}
		}
		return out
	}
	for _, c := range w.clients {
		if c.kind > 5 { // weekly therapy (stepped down or from the start), or waiting
			continue
		}
		var slots []string
		if w.evening[c.id] { // evening track: works days
			slots = append(hours([]string{"tue", "wed", "thu"}, 17, 21), hours([]string{"tue", "thu"}, 9, 12)...)
		} else {
			slots = append(hours([]string{"mon", "wed", "fri"}, 9, 12), hours([]string{"tue", "thu"}, 9, 17)...)
		}
		if _, err := svc.SetClientAvailability(sys, c.id, slots); err != nil {
			return fmt.Errorf("demo client availability: %w", err)
		}
	}
	for i, id := range w.staff.clinicians {
		slots := hours([]string{"mon", "tue", "wed", "thu", "fri"}, 9, 17)
		if i == 0 {
			slots = append(slots, hours([]string{"wed"}, 18, 21)...)
		} else {
			slots = append(slots, hours([]string{"tue", "thu"}, 18, 21)...)
		}
		if _, err := svc.SetClinicianAvailability(sys, carepath.ClinicianAvailability{StaffID: id, Slots: slots, MaxClients: 20}); err != nil {
			return fmt.Errorf("demo clinician availability: %w", err)
		}
	}
	return nil
}
