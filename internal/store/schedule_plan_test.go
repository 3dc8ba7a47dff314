package store_test

import (
	"slices"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// planFixture is a small hand-made IOP: two clinicians (Ann, Ben) available Monday to Friday
// 13:00–17:00; a process group run by Ann (Mon/Wed/Fri 09:00, 3 h) with Alice on it; a skills
// group run by Ben (Tue/Thu 18:00, 90 min); Alice and Bob on Ann's caseload, Carol on Ben's.
type planFixture struct {
	env             *storetest.Env
	program         *carepath.Program
	ann, ben        string
	alice, bob      string
	carol           string
	process, skills *carepath.Group
	groups          *store.GroupService
	plans           *store.SchedulePlanService
	availability    *store.AvailabilityService
}

const planWeek = "2026-W50" // Monday 2026-12-07

func newPlanFixture(t *testing.T, env *storetest.Env) *planFixture {
	t.Helper()
	f := &planFixture{env: env, program: newTestProgram(t, env, "Evening IOP"), groups: store.NewGroupService(env.Store),
		plans: store.NewSchedulePlanService(env.Store), availability: store.NewAvailabilityService(env.Store)}
	f.plans.TimeLimit = time.Second
	staff := store.NewStaffService(env.Store)
	var afternoons []string
	for _, d := range carepath.SlotDays[:5] {
		for h := 13; h < 17; h++ {
			afternoons = append(afternoons, carepath.SlotID(d, h))
		}
	}
	for i, p := range []*string{&f.ann, &f.ben} {
		st := &carepath.Staff{Email: []string{"ann@example.org", "ben@example.org"}[i], Name: []string{"Ann", "Ben"}[i],
			Role: carepath.RoleClinician}
		if err := staff.CreateStaff(asAdmin, st, testPassword); err != nil {
			t.Fatalf("CreateStaff: %v", err)
		}
		*p = st.ID
		if _, err := f.availability.SetClinicianAvailability(asAdmin, carepath.ClinicianAvailability{StaffID: st.ID,
			Slots: afternoons, MaxClients: 10}); err != nil {
			t.Fatalf("SetClinicianAvailability: %v", err)
		}
	}
	clients := store.NewClientService(env.Store)
	f.alice = mustCreate(t, clients, newTestClient("Alice", "A", f.ann)).ID
	f.bob = mustCreate(t, clients, newTestClient("Bob", "B", f.ann)).ID
	f.carol = mustCreate(t, clients, newTestClient("Carol", "C", f.ben)).ID
	episodes := store.NewEpisodeService(env.Store)
	for _, c := range []string{f.alice, f.bob, f.carol} {
		if _, err := episodes.AdmitClient(asAdmin, carepath.EpisodeAdmit{ClientID: c, ProgramID: f.program.ID, On: "2026-11-02"}); err != nil {
			t.Fatalf("AdmitClient: %v", err)
		}
	}
	var err error
	f.process, err = f.groups.CreateGroup(asFrontDesk, carepath.GroupCreate{ProgramID: f.program.ID, Name: "Process A",
		Type: "process", FacilitatorIDs: []string{f.ann}, Days: []string{"mon", "wed", "fri"}, StartTime: "09:00",
		Minutes: 180, StartDate: "2026-10-26", Room: "Room 1"})
	if err != nil {
		t.Fatal(err)
	}
	f.skills, err = f.groups.CreateGroup(asFrontDesk, carepath.GroupCreate{ProgramID: f.program.ID, Name: "Skills B",
		Type: "skills", FacilitatorIDs: []string{f.ben}, Days: []string{"tue", "thu"}, StartTime: "18:00",
		Minutes: 90, StartDate: "2026-10-26", Room: "Room 2"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.groups.AddGroupMember(asFrontDesk, f.process.ID, f.alice, "2026-10-26"); err != nil {
		t.Fatal(err)
	}
	mornings := []string{"mon-09", "mon-10", "mon-11", "wed-09", "wed-10", "wed-11", "fri-09", "fri-10", "fri-11"}
	if _, err := f.availability.SetClientAvailability(asFrontDesk, f.alice, append(slices.Clone(mornings), "tue-14")); err != nil {
		t.Fatal(err)
	}
	if _, err := f.availability.SetClientAvailability(asFrontDesk, f.carol, append(slices.Clone(mornings), "thu-15")); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestAvailability(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		f := newPlanFixture(t, env)
		a, err := f.availability.FindClientAvailability(asFrontDesk, f.bob)
		if err != nil || a.Set || len(a.Slots) != 0 {
			t.Errorf("not recorded = %+v, %v", a, err)
		}
		a, err = f.availability.FindClientAvailability(actorAs(carepath.RoleClinician, f.ann), f.alice)
		if err != nil || !a.Set || a.Slots[0] != "mon-09" || a.Slots[len(a.Slots)-1] != "fri-11" {
			t.Errorf("recorded = %+v, %v", a, err)
		}
		if _, err := f.availability.FindClientAvailability(actorAs(carepath.RoleClinician, f.ben), f.alice); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("outside the care team: %v", err)
		}
		_, err = f.availability.SetClientAvailability(asFrontDesk, f.bob, []string{"mon-09", "xyz-10", "mon-24"})
		if got := fieldPaths(err); !slices.Equal(got, []string{"slots[1]", "slots[2]"}) {
			t.Errorf("bad slots: %v", got)
		}
		_, err = f.availability.SetClinicianAvailability(asFrontDesk, carepath.ClinicianAvailability{StaffID: f.ann, MaxClients: 3})
		if carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("front desk sets a clinician's availability: %v", err)
		}
		_, err = f.availability.SetClinicianAvailability(asAdmin, carepath.ClinicianAvailability{StaffID: f.ann, MaxClients: -1})
		if got := fieldPaths(err); !slices.Equal(got, []string{"max_clients"}) {
			t.Errorf("bad max_clients: %v", got)
		}
		k, err := f.availability.FindClinicianAvailability(asAdmin, f.ben)
		if err != nil || !k.Set || k.MaxClients != 10 || len(k.Slots) != 20 {
			t.Errorf("clinician = %+v, %v", k, err)
		}
		if n := rowCount(t, env, "audit_log", "action = 'availability.update' AND client_id = $1", f.alice); n != 1 {
			t.Errorf("audit rows = %d", n)
		}
	})
}

func TestScheduleInstanceBuilder(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		f := newPlanFixture(t, env)
		// Carol's medication check on Thursday keeps her (and Ben) busy at 15:00.
		if _, err := store.NewTherapySessionService(env.Store).CreateSession(asFrontDesk, carepath.TherapySessionCreate{ProgramID: f.program.ID,
			Kind: carepath.SessionMedication, ClientID: f.carol, ClinicianID: f.ben, Date: "2026-12-10", StartTime: "15:00",
			Minutes: 30}); err != nil {
			t.Fatal(err)
		}
		inst, prev, err := f.plans.BuildInstance(asAdmin, f.program.ID, planWeek)
		if err != nil {
			t.Fatal(err)
		}
		// Slots: the groups' hours (18:00–19:30 touches two), the clients' and the clinicians'.
		for _, s := range []string{"mon-09", "wed-11", "tue-18", "tue-19", "thu-19", "tue-14", "thu-15", "fri-16"} {
			if !slices.Contains(inst.HourSlots, s) {
				t.Errorf("slot %s missing from %v", s, inst.HourSlots)
			}
		}
		if len(inst.HourSlots) != 9+4+20 {
			t.Errorf("%d slots: %v", len(inst.HourSlots), inst.HourSlots)
		}
		if len(inst.Groups) != 2 {
			t.Fatalf("groups = %+v", inst.Groups)
		}
		for _, g := range inst.Groups {
			switch g.ID {
			case f.process.ID:
				if len(g.Slots) != 9 || g.Capacity != 9 || g.Facilitator != f.ann || !slices.Equal(g.Levels, []carepath.Level{carepath.LevelIOP}) {
					t.Errorf("process = %+v", g)
				}
			case f.skills.ID:
				if !slices.Equal(g.Slots, []string{"tue-18", "tue-19", "thu-18", "thu-19"}) || g.Facilitator != f.ben {
					t.Errorf("skills = %+v", g)
				}
			}
		}
		if len(inst.Clients) != 3 {
			t.Fatalf("clients = %+v", inst.Clients)
		}
		for _, c := range inst.Clients {
			if c.Level != carepath.LevelIOP || c.GroupMinutesRequired != 540 || c.IndividualSessionsRequired != 1 {
				t.Errorf("client = %+v", c)
			}
			switch c.ID {
			case f.alice:
				if c.CurrentClinician != f.ann || len(c.Available) != 10 {
					t.Errorf("alice = %+v", c)
				}
			case f.bob:
				if c.CurrentClinician != f.ann || len(c.Available) != len(inst.HourSlots) {
					t.Errorf("bob (availability not recorded: every hour) = %+v", c)
				}
			case f.carol:
				if c.CurrentClinician != f.ben || slices.Contains(c.Available, "thu-15") || len(c.Available) != 9 {
					t.Errorf("carol = %+v", c)
				}
			}
		}
		for _, k := range inst.Clinicians {
			if k.ID == f.ben && (slices.Contains(k.Available, "thu-15") || len(k.Available) != 19) {
				t.Errorf("ben = %+v", k)
			}
		}
		if len(inst.Clinicians) != 2 || inst.Clinicians[0].MaxClients != 10 || inst.TargetGroupSize != 8 ||
			inst.Weights.Continuity != 120 {
			t.Errorf("clinicians = %+v, target %d, weights %+v", inst.Clinicians, inst.TargetGroupSize, inst.Weights)
		}
		if !slices.Equal(prev.Groups[f.process.ID], []string{f.alice}) || len(prev.Groups[f.skills.ID]) != 0 || len(prev.Individual) != 0 {
			t.Errorf("prev = %+v", prev)
		}
		if err := inst.Validate(); err != nil {
			t.Errorf("instance invalid: %v", err)
		}
	})
}

// planClient returns the plan's line for client id.
func planClient(t *testing.T, p *carepath.SchedulePlan, id string) carepath.SchedulePlanClient {
	t.Helper()
	for _, c := range p.Clients {
		if c.ClientID == id {
			return c
		}
	}
	t.Fatalf("client %s not in the plan", id)
	return carepath.SchedulePlanClient{}
}

func TestSchedulePlanProposeAndApply(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		f := newPlanFixture(t, env)
		if _, err := f.plans.ProposeSchedulePlan(asFrontDesk, f.program.ID, carepath.SchedulePlanCreate{Week: planWeek}); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("front desk plans: %v", err)
		}
		_, err := f.plans.ProposeSchedulePlan(asAdmin, f.program.ID, carepath.SchedulePlanCreate{Week: "2026-W60",
			Without: []string{"nobody"}})
		if got := fieldPaths(err); !slices.Equal(got, []string{"week", "without[0]"}) {
			t.Errorf("bad plan fields = %v", got)
		}
		members, sessions := rowCount(t, env, "group_members", "1 = 1"), rowCount(t, env, "care_sessions", "1 = 1")
		p, err := f.plans.ProposeSchedulePlan(asAdmin, f.program.ID, carepath.SchedulePlanCreate{Week: planWeek})
		if err != nil {
			t.Fatal(err)
		}
		if p.Status != carepath.SchedulePlanProposed || p.Monday != "2026-12-07" || len(p.Clients) != 3 || len(p.Groups) != 2 {
			t.Fatalf("plan = %+v", p)
		}
		alice, bob, carol := planClient(t, p, f.alice), planClient(t, p, f.bob), planClient(t, p, f.carol)
		stored, err := f.plans.FindSchedulePlanByID(asAdmin, p.ID)
		if err != nil || len(stored.Clients) != len(p.Clients) {
			t.Fatalf("FindSchedulePlanByID = %+v, %v", stored, err)
		}
		for _, c := range p.Clients {
			if got := planClient(t, stored, c.ClientID); got.Name != c.Name {
				t.Errorf("stored plan names %s %q, proposed %q", c.ClientID, got.Name, c.Name)
			}
		}
		if alice.Moved || !slices.Equal(alice.GroupsAfter, []string{f.process.ID}) || alice.ClinicianAfter != f.ann ||
			alice.NewTherapist || alice.Short || alice.PlannedMinutes != 540 || alice.Name != "A, Alice" {
			t.Errorf("alice = %+v", alice)
		}
		if !bob.Moved || !slices.Contains(bob.GroupsAfter, f.process.ID) || bob.ClinicianAfter != f.ann || bob.AvailabilitySet {
			t.Errorf("bob = %+v", bob)
		}
		if !carol.Moved || carol.ClinicianAfter != f.ben || !slices.Equal(carol.SessionSlots, []string{"thu-15"}) {
			t.Errorf("carol = %+v", carol)
		}
		if p.Summary.SessionsToBook != 3 || p.Summary.ClientsMoved != 2 || p.Summary.NewTherapist != 0 || p.Objective <= p.CurrentObjective {
			t.Errorf("summary = %+v, objective %d (now %d)", p.Summary, p.Objective, p.CurrentObjective)
		}
		if m, s := rowCount(t, env, "group_members", "1 = 1"), rowCount(t, env, "care_sessions", "1 = 1"); m != members || s != sessions {
			t.Errorf("proposing changed rosters or sessions: %d/%d → %d/%d", members, sessions, m, s)
		}

		applied, err := f.plans.ApplySchedulePlan(asAdmin, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if applied.Status != carepath.SchedulePlanApplied || applied.AppliedBy != "staff-admin" {
			t.Errorf("applied = %+v", applied)
		}
		g, _ := f.groups.FindGroupByID(asAdmin, f.process.ID)
		var added []string
		for _, m := range g.Members {
			if m.From == "2026-12-07" {
				added = append(added, m.ClientID)
			}
		}
		if !slices.Contains(added, f.bob) || !slices.Contains(added, f.carol) || len(g.Members) != 3 {
			t.Errorf("roster = %+v", g.Members)
		}
		if n := rowCount(t, env, "care_sessions", "start_date = end_date AND start_date >= '2026-12-07' AND start_date <= '2026-12-13'"); n != 3 {
			t.Errorf("one-off sessions booked = %d", n)
		}
		if _, err := f.plans.ApplySchedulePlan(asAdmin, p.ID); carepath.ErrorCode(err) != carepath.ECONFLICT {
			t.Errorf("applied twice: %v", err)
		}
		// Planning the same week again keeps everything: nothing moves, nothing to book.
		again, err := f.plans.ProposeSchedulePlan(asAdmin, f.program.ID, carepath.SchedulePlanCreate{Week: planWeek})
		if err != nil || again.Summary.ClientsMoved != 0 || again.Summary.SessionsToBook != 0 {
			t.Errorf("again = %+v, %v", again.Summary, err)
		}
		// A roster change after the proposal makes it stale.
		if _, err := f.groups.EndGroupMember(asFrontDesk, f.process.ID, f.carol, "2026-12-09"); err != nil {
			t.Fatal(err)
		}
		if _, err := f.plans.ApplySchedulePlan(asAdmin, again.ID); carepath.ErrorCode(err) != carepath.ECONFLICT {
			t.Errorf("stale apply: %v", err)
		}
	})
}

func TestSchedulePlanDeparture(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		f := newPlanFixture(t, env)
		p, err := f.plans.ProposeSchedulePlan(asAdmin, f.program.ID, carepath.SchedulePlanCreate{Week: planWeek, Without: []string{f.ann}})
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range []string{f.alice, f.bob} {
			if c := planClient(t, p, id); c.ClinicianAfter != f.ben || !c.NewTherapist {
				t.Errorf("Ann's client = %+v", c)
			}
		}
		if c := planClient(t, p, f.carol); c.ClinicianAfter != f.ben || c.NewTherapist {
			t.Errorf("Ben's client = %+v", c)
		}
		if !slices.Equal(p.Without, []string{f.ann}) || !slices.Equal(p.Uncovered, []string{f.process.ID}) {
			t.Errorf("without %v, uncovered %v", p.Without, p.Uncovered)
		}
		if _, err := f.plans.ApplySchedulePlan(asAdmin, p.ID); err != nil {
			t.Fatal(err)
		}
		c, _ := store.NewClientService(env.Store).FindClientByID(asAdmin, f.alice)
		if c.PrimaryClinicianID != f.ben {
			t.Errorf("alice's therapist = %s", c.PrimaryClinicianID)
		}
	})
}
