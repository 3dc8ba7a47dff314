package apptest

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
)

// Chart is a small clinic for the chart page tests: a clinician with one client who has an
// assessment and an episode with a step-down, and a program.
type Chart struct {
	Clinician, Admin *carepath.Staff
	Client, Other    *carepath.Client
	Program          *carepath.Program
	Episode          *carepath.Episode
}

// SeedChart creates the chart seed as the command line.
func SeedChart(t testing.TB, st *store.Store) Chart {
	t.Helper()
	var s Chart
	s.Clinician = AddStaff(t, st, "ana@example.org", carepath.RoleClinician)
	s.Admin = AddStaff(t, st, "admin@example.org", carepath.RoleAdmin)
	AddStaff(t, st, "desk@example.org", carepath.RoleFrontDesk)
	cli := System()
	clients := store.NewClientService(st)
	s.Client = &carepath.Client{GivenName: "Robin", FamilyName: "Lake", BirthDate: "1990-04-02", PrimaryClinicianID: s.Clinician.ID}
	someone := AddStaff(t, st, "someone@example.org", carepath.RoleClinician)
	s.Other = &carepath.Client{GivenName: "Quinn", FamilyName: "Harper", BirthDate: "1980-01-01", PrimaryClinicianID: someone.ID}
	for _, c := range []*carepath.Client{s.Client, s.Other} {
		if err := clients.CreateClient(cli, c); err != nil {
			t.Fatal(err)
		}
	}
	php := carepath.LevelPHP
	if _, err := store.NewAssessmentService(st).CreateAssessment(cli, s.Client.ID, carepath.AssessmentInput{
		Profile:    json.RawMessage(`{"dimensions":{"withdrawal":0,"biomedical":0,"psychiatric":1,"readiness":1,"relapse":1,"environment":1}}`),
		FinalLevel: &php, Variance: &carepath.Variance{Code: carepath.VarianceClinicalJudgment, Note: "Worsening at home"},
	}); err != nil {
		t.Fatal(err)
	}
	var err error
	if s.Program, err = store.NewProgramService(st).CreateProgram(cli, carepath.ProgramCreate{Name: "Evening IOP", Level: carepath.LevelIOP, TimeZone: "America/Chicago"}); err != nil {
		t.Fatal(err)
	}
	episodes := store.NewEpisodeService(st)
	for _, c := range []*carepath.Client{s.Client, s.Other} {
		e, err := episodes.AdmitClient(cli, carepath.EpisodeAdmit{ClientID: c.ID, ProgramID: s.Program.ID, Level: carepath.LevelPHP, On: "2026-01-05"})
		if err != nil {
			t.Fatal(err)
		}
		if c == s.Client {
			s.Episode = e
		}
	}
	if s.Episode, err = episodes.TransferEpisode(cli, s.Episode.ID, carepath.EpisodeTransfer{Version: s.Episode.Version,
		ToLevel: carepath.LevelIOP, On: "2026-01-20", Reason: "Stable for two weeks"}); err != nil {
		t.Fatal(err)
	}
	day, err := store.NewProgramService(st).CreateProgram(cli, carepath.ProgramCreate{Name: "Day PHP", Level: carepath.LevelPHP, TimeZone: "America/Chicago"})
	if err != nil {
		t.Fatal(err)
	}
	e, err := episodes.AdmitClient(cli, carepath.EpisodeAdmit{ClientID: s.Other.ID, ProgramID: day.ID, On: "2025-12-01"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := episodes.DischargeEpisode(cli, e.ID, carepath.EpisodeDischarge{Version: e.Version, On: "2025-12-20",
		Reason: carepath.DischargeLeftAgainstAdvice, Note: "Moved away"}); err != nil {
		t.Fatal(err)
	}
	return s
}

// ClientEpisodes reads a client's episodes as the command line.
func ClientEpisodes(t testing.TB, st *store.Store, clientID string) []*carepath.Episode {
	t.Helper()
	list, err := store.NewEpisodeService(st).FindEpisodes(System(), clientID)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// SeedStepDown makes the chart seed's client (in the Evening IOP) a step-down case as of now:
// PHQ-9 15 five weeks ago, then 3 and 2 (in remission twice), a Monday-Wednesday-Friday group
// over the last 4 weeks with every past session attended, and no relapse. It returns the seed.
func SeedStepDown(t testing.TB, st *store.Store) Chart {
	t.Helper()
	s := SeedChart(t, st)
	cli := System()
	loc := s.Program.Location()
	now := time.Now().In(loc)
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc)
	for _, m := range []struct {
		daysAgo int
		answers []int
	}{
		{35, []int{2, 2, 2, 2, 2, 2, 2, 1, 0}}, // 15
		{14, []int{1, 1, 1, 0, 0, 0, 0, 0, 0}}, // 3
		{2, []int{1, 1, 0, 0, 0, 0, 0, 0, 0}},  // 2
	} {
		if _, _, err := store.NewMeasureService(st).CreateMeasure(cli, s.Client.ID, carepath.MeasureInput{Instrument: "phq9",
			Answers: m.answers, TakenAt: today.AddDate(0, 0, -m.daysAgo).Add(12 * time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	first := today.AddDate(0, 0, -27)
	g, err := store.NewGroupService(st).CreateGroup(cli, carepath.GroupCreate{ProgramID: s.Program.ID, Name: "Process A",
		Type: "process", FacilitatorIDs: []string{s.Clinician.ID}, Days: []string{"mon", "wed", "fri"},
		StartTime: "09:00", Minutes: 180, StartDate: first.Format(carepath.DateLayout), Room: "Room 1"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.NewGroupService(st).AddGroupMember(cli, g.ID, s.Client.ID, first.Format(carepath.DateLayout)); err != nil {
		t.Fatal(err)
	}
	for d := first; d.Before(today); d = d.AddDate(0, 0, 1) {
		if wd := d.Weekday(); wd != time.Monday && wd != time.Wednesday && wd != time.Friday {
			continue
		}
		if _, err := store.NewAttendanceService(st).RecordAttendance(cli, g.ID+":"+d.Format(carepath.DateLayout),
			carepath.AttendanceUpdate{Records: []carepath.AttendanceRecord{{ClientID: s.Client.ID, Status: "present", Minutes: 180}}}); err != nil {
			t.Fatalf("attendance %s: %v", d.Format(carepath.DateLayout), err)
		}
	}
	return s
}

// MeasureClient makes a client on the clinician's caseload, admitted to an IOP 30 days ago,
// and returns its id.
func MeasureClient(t testing.TB, base, admin, clinicianID string) string {
	t.Helper()
	code, body := API(t, "POST", base+"/api/v1/clients", admin,
		`{"given_name":"Ada","family_name":"Quill","birth_date":"1990-01-02","email":"ada@example.org","email_consent":true,"primary_clinician_id":"`+clinicianID+`"}`)
	id := CreatedID(t, code, body)
	code, body = API(t, "POST", base+"/api/v1/programs", admin, `{"name":"Evening IOP","level":"iop","time_zone":"UTC"}`)
	program := CreatedID(t, code, body)
	on := time.Now().UTC().AddDate(0, 0, -30).Format(carepath.DateLayout)
	code, body = API(t, "POST", base+"/api/v1/clients/"+id+"/episodes", admin, `{"program_id":"`+program+`","on":"`+on+`"}`)
	if code != 201 {
		t.Fatalf("admit: %d %s", code, body)
	}
	return id
}

// GroupSession creates a program and a Monday, Wednesday and Friday group run by
// facilitator with clients on its roster from its first day, and returns the id of its
// Wednesday occurrence, 2026-10-28.
func GroupSession(t testing.TB, st *store.Store, facilitator string, clients ...string) string {
	t.Helper()
	cli := System()
	p, err := store.NewProgramService(st).CreateProgram(cli, carepath.ProgramCreate{Name: "Evening IOP", Level: carepath.LevelIOP, TimeZone: "America/Chicago"})
	if err != nil {
		t.Fatal(err)
	}
	groups := store.NewGroupService(st)
	g, err := groups.CreateGroup(cli, carepath.GroupCreate{ProgramID: p.ID, Name: "Relapse prevention", Type: "relapse_prevention",
		FacilitatorIDs: []string{facilitator}, Days: []string{"mon", "wed", "fri"}, StartTime: "18:00", Minutes: 180,
		StartDate: "2026-10-26", Room: "Room 2"})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range clients {
		if _, err := groups.AddGroupMember(cli, g.ID, c, "2026-10-26"); err != nil {
			t.Fatal(err)
		}
	}
	return g.ID + ":2026-10-28"
}

// Outcomes is what SeedOutcomes made: the period that covers it and its programs.
type Outcomes struct {
	From, To     string
	Therapy, IOP string
	PHP          string
	ClientIDs    []string
	FamilyNames  []string
}

// SeedOutcomes admits clients through the services, as the command line: to outpatient
// therapy 12 at moderate baseline (PHQ-9 12 → 2, discharged having completed) and 10 severe
// (17 → 9, still open); to an IOP 12 severe (17 → 9) and 10 moderate (12 → 8), still open; and
// 3 to a PHP (too few to show). Every measure is entered in the chart, dated during the stay.
func SeedOutcomes(t testing.TB, st *store.Store) Outcomes {
	t.Helper()
	ctx := System()
	loc, _ := time.LoadLocation("America/Chicago")
	now := time.Now()
	admitted := now.In(loc).AddDate(0, 0, -70)
	admitDay := admitted.Format(time.DateOnly)
	baseAt := time.Date(admitted.Year(), admitted.Month(), admitted.Day(), 12, 0, 0, 0, loc)
	s := Outcomes{From: now.AddDate(-1, 0, 0).Format(time.DateOnly), To: now.AddDate(0, 0, 2).Format(time.DateOnly)}
	programs := store.NewProgramService(st)
	mkProgram := func(name string, level carepath.Level) string {
		p, err := programs.CreateProgram(ctx, carepath.ProgramCreate{Name: name, Level: level, TimeZone: "America/Chicago"})
		if err != nil {
			t.Fatal(err)
		}
		return p.ID
	}
	s.Therapy, s.IOP = mkProgram("Outcome Therapy", carepath.LevelOutpatient), mkProgram("Outcome IOP", carepath.LevelIOP)
	php := mkProgram("Outcome PHP", carepath.LevelPHP)
	s.PHP = php
	clients, episodes, measures := store.NewClientService(st), store.NewEpisodeService(st), store.NewMeasureService(st)
	add := func(i int, program string, first, last []int, discharge bool) {
		c := &carepath.Client{GivenName: "Outcome", FamilyName: fmt.Sprintf("Zyxwv%02d", i), BirthDate: "1990-04-01"}
		if err := clients.CreateClient(ctx, c); err != nil {
			t.Fatal(err)
		}
		s.ClientIDs, s.FamilyNames = append(s.ClientIDs, c.ID), append(s.FamilyNames, c.FamilyName)
		e, err := episodes.AdmitClient(ctx, carepath.EpisodeAdmit{ClientID: c.ID, ProgramID: program, On: admitDay})
		if err != nil {
			t.Fatal(err)
		}
		for k, answers := range [][]int{first, last} {
			if answers == nil {
				continue
			}
			at := baseAt
			if k == 1 {
				at = now.Add(-time.Hour)
			}
			if _, _, err := measures.CreateMeasure(ctx, c.ID, carepath.MeasureInput{Instrument: "phq9", Answers: answers, TakenAt: at}); err != nil {
				t.Fatal(err)
			}
		}
		if discharge {
			if _, err := episodes.DischargeEpisode(ctx, e.ID, carepath.EpisodeDischarge{Version: e.Version,
				On: now.In(loc).Format(time.DateOnly), Reason: carepath.DischargeCompleted}); err != nil {
				t.Fatal(err)
			}
		}
	}
	moderate, mild := []int{2, 2, 2, 2, 2, 1, 1, 0, 0}, []int{0, 0, 1, 1, 0, 0, 0, 0, 0} // 12 → 2
	severe, better := []int{3, 3, 2, 2, 2, 2, 2, 1, 0}, []int{2, 2, 1, 1, 1, 1, 1, 0, 0} // 17 → 9
	slight := []int{1, 1, 1, 1, 1, 1, 1, 1, 0}                                           // 8
	for i := range 12 {
		add(i, s.Therapy, moderate, mild, true)
		add(100+i, s.IOP, severe, better, false)
	}
	for i := range 10 {
		add(50+i, s.Therapy, severe, better, false)
		add(150+i, s.IOP, moderate, slight, false)
	}
	for i := range 3 {
		add(200+i, php, severe, nil, false)
	}
	return s
}

// PlanWeek is a small IOP to plan: Ann and Ben (clinicians, afternoons, at most 10 clients),
// a process group run by Ann (Mon/Wed/Fri 09:00–12:00) with Alice on it, a skills group run
// by Ben (Tue/Thu 18:00–19:30); Alice and Bob see Ann, Carol sees Ben. Alice's and Carol's
// availability is recorded (mornings of the group days, plus one afternoon hour); Bob's is not.
type PlanWeek struct {
	Program           *carepath.Program
	Ann, Ben          *carepath.Staff
	Alice, Bob, Carol string
	Process, Skills   *carepath.Group
}

func SeedPlanWeek(t testing.TB, st *store.Store) PlanWeek {
	t.Helper()
	ctx := System()
	var s PlanWeek
	var err error
	if s.Program, err = store.NewProgramService(st).CreateProgram(ctx, carepath.ProgramCreate{Name: "Evening IOP",
		Level: carepath.LevelIOP, TimeZone: "America/Chicago"}); err != nil {
		t.Fatal(err)
	}
	s.Ann = AddStaff(t, st, "ann@example.org", carepath.RoleClinician)
	s.Ben = AddStaff(t, st, "ben@example.org", carepath.RoleClinician)
	names := store.NewStaffService(st)
	for _, k := range []*carepath.Staff{s.Ann, s.Ben} {
		name := "Ann Therapist"
		if k == s.Ben {
			name = "Ben Therapist"
		}
		if _, err := names.UpdateStaff(ctx, k.ID, carepath.StaffUpdate{Name: &name}); err != nil {
			t.Fatal(err)
		}
	}
	avail := store.NewAvailabilityService(st)
	var afternoons []string
	for _, d := range carepath.SlotDays[:5] {
		for h := 13; h < 17; h++ {
			afternoons = append(afternoons, carepath.SlotID(d, h))
		}
	}
	for _, k := range []*carepath.Staff{s.Ann, s.Ben} {
		if _, err := avail.SetClinicianAvailability(ctx, carepath.ClinicianAvailability{StaffID: k.ID, Slots: afternoons, MaxClients: 10}); err != nil {
			t.Fatal(err)
		}
	}
	clients, episodes := store.NewClientService(st), store.NewEpisodeService(st)
	for _, c := range []struct {
		id         *string
		given, fam string
		clinician  string
	}{{&s.Alice, "Alice", "Adams", s.Ann.ID}, {&s.Bob, "Bob", "Brown", s.Ann.ID}, {&s.Carol, "Carol", "Chen", s.Ben.ID}} {
		cl := &carepath.Client{GivenName: c.given, FamilyName: c.fam, BirthDate: "1990-01-01", PrimaryClinicianID: c.clinician}
		if err := clients.CreateClient(ctx, cl); err != nil {
			t.Fatal(err)
		}
		*c.id = cl.ID
		if _, err := episodes.AdmitClient(ctx, carepath.EpisodeAdmit{ClientID: cl.ID, ProgramID: s.Program.ID, On: "2026-11-02"}); err != nil {
			t.Fatal(err)
		}
	}
	groups := store.NewGroupService(st)
	if s.Process, err = groups.CreateGroup(ctx, carepath.GroupCreate{ProgramID: s.Program.ID, Name: "Process A", Type: "process",
		FacilitatorIDs: []string{s.Ann.ID}, Days: []string{"mon", "wed", "fri"}, StartTime: "09:00", Minutes: 180,
		StartDate: "2026-10-26", Room: "Room 1"}); err != nil {
		t.Fatal(err)
	}
	if s.Skills, err = groups.CreateGroup(ctx, carepath.GroupCreate{ProgramID: s.Program.ID, Name: "Skills B", Type: "skills",
		FacilitatorIDs: []string{s.Ben.ID}, Days: []string{"tue", "thu"}, StartTime: "18:00", Minutes: 90,
		StartDate: "2026-10-26", Room: "Room 2"}); err != nil {
		t.Fatal(err)
	}
	if _, err := groups.AddGroupMember(ctx, s.Process.ID, s.Alice, "2026-10-26"); err != nil {
		t.Fatal(err)
	}
	mornings := []string{"mon-09", "mon-10", "mon-11", "wed-09", "wed-10", "wed-11", "fri-09", "fri-10", "fri-11"}
	if _, err := avail.SetClientAvailability(ctx, s.Alice, append(slices.Clone(mornings), "tue-14")); err != nil {
		t.Fatal(err)
	}
	if _, err := avail.SetClientAvailability(ctx, s.Carol, append(slices.Clone(mornings), "thu-15")); err != nil {
		t.Fatal(err)
	}
	return s
}
