package demo_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app"
	"github.com/carepath/carepath/internal/demo"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

func TestSeedDemoOnlyIntoAnEmptyDatabase(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := storetest.SQLite(t).Store
	services := app.NewServices(st)
	var out strings.Builder
	seeded, err := demo.Seed(ctx, services, &out)
	if err != nil || !seeded || !strings.Contains(out.String(), demo.Password) || !strings.Contains(out.String(), "clinician@demo.carepath.test") {
		t.Fatalf("seeded %v, err %v, output %q", seeded, err, out.String())
	}
	// The demo clinician signs in with the printed password.
	pub := carepath.NewContext(ctx, carepath.Actor{ID: "public", Role: carepath.RolePublic, Remote: "127.0.0.1"})
	if _, err := store.NewStaffService(st).Authenticate(pub, "clinician@demo.carepath.test", demo.Password, "", "127.0.0.1"); err != nil {
		t.Fatalf("demo login: %v", err)
	}
	out.Reset()
	if seeded, err = demo.Seed(ctx, services, &out); err != nil || seeded || !strings.Contains(out.String(), "already holds data") {
		t.Fatalf("second seed: %v %v %q", seeded, err, out.String())
	}
	sys := carepath.NewContext(ctx, carepath.Actor{ID: "t", Role: carepath.RoleSystem, Remote: "cli"})
	list, total, err := store.NewClientService(st).FindClients(sys, carepath.ClientFilter{Limit: 200})
	if err != nil || total != 102 || len(list) != 102 {
		t.Fatalf("clients %d/%d: %v", len(list), total, err)
	}
	names := map[string]bool{}
	for _, c := range list {
		n := c.FamilyName + ", " + c.GivenName
		if names[n] {
			t.Errorf("two demo clients are called %q", n)
		}
		names[n] = true
	}
	// The claims pages show a batch of the last four weeks, partly paid.
	if batches, err := store.NewClaimService(st).FindClaimBatches(sys, carepath.ClaimBatchFilter{}); err != nil || len(batches) != 1 ||
		!strings.Contains(fmt.Sprint(batches[0].ByStatus), "{paid 1} {partially_paid 1} {denied 1}") {
		t.Errorf("demo claim batches %+v: %v; want one with a claim paid, one partially paid, one denied", batches, err)
	}
	programs, err := store.NewProgramService(st).FindPrograms(sys)
	if err != nil || len(programs) != 2 {
		t.Fatalf("programs %d: %v", len(programs), err)
	}
	census, err := store.NewEpisodeService(st).Census(sys, programs[0].ID)
	census2, _ := store.NewEpisodeService(st).Census(sys, programs[1].ID)
	if err != nil || len(census)+len(census2) != 38 {
		t.Errorf("census %d + %d, want 38 open episodes (4 of 42 are waiting; the past year's 60 are discharged): %v", len(census), len(census2), err)
	}
	var overrides, signed int
	for _, c := range list {
		as, _ := store.NewAssessmentService(st).FindAssessments(sys, c.ID)
		for _, a := range as {
			if a.Variance != nil {
				overrides++
			}
		}
		ps, _ := store.NewTreatmentPlanService(st).FindPlans(sys, c.ID)
		for _, p := range ps {
			if p.Status == carepath.TreatmentPlanSigned {
				signed++
			}
		}
	}
	if overrides != 4 || signed != 30 {
		t.Errorf("%d overrides (want 4), %d signed plans (want 30: every IOP admission)", overrides, signed)
	}
	checkDemoDelivery(t, st, programs)
}

// checkDemoDelivery checks that a fresh demo has something on every delivery page: tracks,
// rates and staff; groups on their tracks with rosters; individual sessions; six weeks of
// attendance with dose figures; alerts (two unexcused absences, a week below the minimum);
// signed notes; measures with a reliable deterioration and a crisis flag; availability.
func checkDemoDelivery(t *testing.T, st *store.Store, programs []*carepath.Program) {
	t.Helper()
	ctx := carepath.NewContext(context.Background(), carepath.Actor{ID: "t", Role: carepath.RoleSystem, Remote: "cli"})
	iop := programs[0]
	if iop.Level != carepath.LevelIOP {
		iop = programs[1]
	}
	d, err := store.NewProgramService(st).FindProgramDetails(ctx, iop.ID)
	if err != nil || len(d.Tracks) != 2 || d.Tracks[0].Name != "day" || len(d.Rates) == 0 || len(d.Staff) < 4 ||
		len(d.TrackGroups["day"]) != 2 || len(d.TrackGroups["evening"]) != 2 {
		t.Fatalf("IOP details %+v: %v", d, err)
	}
	groups, err := store.NewGroupService(st).FindGroups(ctx, iop.ID)
	if err != nil || len(groups) != 4 {
		t.Fatalf("groups %d: %v", len(groups), err)
	}
	for _, g := range groups {
		if len(g.Members) == 0 || (g.Type == "process" && len(g.Members) > 10) {
			t.Errorf("group %s has %d members", g.Name, len(g.Members))
		}
	}
	now := time.Now()
	occ, err := store.NewTherapySessionService(st).FindOccurrences(ctx, carepath.OccurrenceFilter{
		From: now.AddDate(0, 0, -49).Format(time.RFC3339), To: now.Format(time.RFC3339), ProgramID: iop.ID})
	if err != nil {
		t.Fatal(err)
	}
	var individual, recorded int
	for _, o := range occ {
		if o.Kind == carepath.SessionIndividual {
			individual++
		}
		if o.AttendanceVersion > 0 {
			recorded++
		}
	}
	if individual < 100 || recorded < len(occ)*8/10 {
		t.Errorf("%d occurrences, %d individual, %d with attendance", len(occ), individual, recorded)
	}
	attendance := store.NewAttendanceService(st)
	lastWeek := now.AddDate(0, 0, -7)
	y, wk := lastWeek.ISOWeek()
	dose, err := attendance.ClientDose(ctx, groups[0].Members[0].ClientID, fmt.Sprintf("%d-W%02d", y, wk))
	if err != nil || dose.DeliveredMinutes == 0 || dose.RequiredMinutes != 540 {
		t.Errorf("dose %+v: %v", dose, err)
	}
	staff, _ := store.NewStaffService(st).FindStaff(ctx, carepath.StaffFilter{})
	kinds := map[string]int{}
	notes := 0
	for _, s := range staff {
		if s.Role != carepath.RoleClinician {
			continue
		}
		as := carepath.NewContext(context.Background(), carepath.Actor{ID: s.ID, Role: carepath.RoleClinician, Remote: "cli"})
		alerts, err := attendance.FindAlerts(as)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range alerts {
			kinds[a.Kind]++
		}
		malerts, err := store.NewMeasureService(st).FindMeasureAlerts(as, false)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range malerts {
			kinds[a.Kind]++
		}
	}
	if kinds["unexcused_absences"] == 0 || kinds["below_minimum"] == 0 || kinds["safety_item9"] != 1 || kinds["reliable_deterioration"] == 0 {
		t.Errorf("alerts by kind %v", kinds)
	}
	list, _, _ := store.NewClientService(st).FindClients(ctx, carepath.ClientFilter{Limit: 200})
	var measured, crisis, available int
	for _, c := range list {
		series, err := store.NewMeasureService(st).FindMeasures(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(series.Measures) >= 12 {
			measured++
		}
		if series.CrisisFlag != nil {
			crisis++
		}
		ns, _ := store.NewNoteService(st).FindClientNotes(ctx, c.ID, carepath.NoteFilter{})
		for _, n := range ns {
			if n.Status == carepath.NoteSigned {
				notes++
			}
		}
		if a, err := store.NewAvailabilityService(st).FindClientAvailability(ctx, c.ID); err == nil && a.Set {
			available++
		}
	}
	if measured < 30 || crisis != 1 || notes < 10 || available != 26 {
		t.Errorf("%d clients with 6+ weeks of measures, %d crisis flags, %d signed notes in charts, %d with availability",
			measured, crisis, notes, available)
	}
	t.Logf("%d occurrences (%d individual), alerts %v, %d measured, %d signed notes", len(occ), individual, kinds, measured, notes)
	from := fmt.Sprintf("%d-W%02d", y, wk)
	y0, w0 := now.AddDate(0, 0, -42).ISOWeek()
	q, err := attendance.ProgramQuality(ctx, iop.ID, fmt.Sprintf("%d-W%02d", y0, w0), from)
	if err != nil || q.GroupSize == nil {
		t.Fatalf("quality %+v: %v", q, err)
	}
	// Every weekly individual session is with the client's primary clinician, though the
	// sessions began weeks before the demo clients were added.
	if share, _ := q.TherapistContinuity["mean_share"].(float64); q.TherapistContinuity["clients"] != 28 || share != 1 {
		t.Errorf("therapist continuity: %v clients, mean share %v; want 28 clients, all sessions with their primary clinician",
			q.TherapistContinuity["clients"], q.TherapistContinuity["mean_share"])
	}
}

// The README gives the demo's password, as the demo prints it at start.
func TestREADMEHasTheDemoPassword(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "`"+demo.Password+"`") {
		t.Errorf("README.md does not give the demo password %q", demo.Password)
	}
}
