package store_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// newTestProgram creates an IOP (default weekly minimum) as admin.
func newTestProgram(t *testing.T, env *storetest.Env, name string) *carepath.Program {
	t.Helper()
	p, err := store.NewProgramService(env.Store).CreateProgram(asAdmin,
		carepath.ProgramCreate{Name: name, Level: carepath.LevelIOP, TimeZone: "America/Chicago"})
	if err != nil {
		t.Fatalf("CreateProgram: %v", err)
	}
	return p
}

func TestPrograms(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		svc := store.NewProgramService(env.Store)
		p := newTestProgram(t, env, "Evening IOP")
		if p.ID == "" || p.MinHoursPerWeek != 9 || p.Level != carepath.LevelIOP {
			t.Errorf("created %+v", p)
		}
		php, err := svc.CreateProgram(asAdmin, carepath.ProgramCreate{Name: "Day PHP", Level: carepath.LevelPHP,
			TimeZone: "America/New_York", MinHoursPerWeek: ptr(22.5)})
		if err != nil || php.MinHoursPerWeek != 22.5 {
			t.Fatalf("PHP: %+v %v", php, err)
		}
		_, err = svc.CreateProgram(asAdmin, carepath.ProgramCreate{Name: "X", Level: carepath.LevelResidential, TimeZone: "Mars/Olympus"})
		if got := fieldPaths(err); !slices.Equal(got, []string{"level", "time_zone"}) {
			t.Errorf("bad program: %v", got)
		}
		if _, err := svc.CreateProgram(asFrontDesk, carepath.ProgramCreate{Name: "Y", Level: carepath.LevelIOP,
			TimeZone: "UTC"}); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("front desk created a program: %v", err)
		}
		list, err := svc.FindPrograms(asFrontDesk)
		if err != nil || len(list) != 2 || list[0].Name != "Day PHP" {
			t.Errorf("FindPrograms = %v, %v", list, err)
		}
		got, err := svc.FindProgramByID(asAdmin, php.ID)
		if err != nil || got.MinHoursPerWeek != 22.5 || got.TimeZone != "America/New_York" {
			t.Errorf("FindProgramByID = %+v, %v", got, err)
		}
		if _, err := svc.FindProgramByID(asAdmin, "01a20853-2b38-786d-b0b4-2c5349401af6"); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("unknown program: %v", err)
		}
	})
}

func TestEpisodeLifecycle(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		clients, svc := store.NewClientService(env.Store), store.NewEpisodeService(env.Store)
		c := mustCreate(t, clients, newTestClient("Ana", "López", clinicianA))
		iop := newTestProgram(t, env, "IOP")
		opt := newTestProgram(t, env, "Aftercare")
		asA := actorAs(carepath.RoleClinician, clinicianA)

		e, err := svc.AdmitClient(asA, carepath.EpisodeAdmit{ClientID: c.ID, ProgramID: iop.ID, Level: carepath.LevelPHP, On: "2026-01-05"})
		if err != nil {
			t.Fatalf("AdmitClient: %v", err)
		}
		if e.Status != carepath.EpisodeOpen || e.Version != 1 || e.Level != carepath.LevelPHP || e.AdmittedOn != "2026-01-05" {
			t.Errorf("admitted %+v", e)
		}
		// A second open episode in the same program is refused, naming program_id.
		_, err = svc.AdmitClient(asA, carepath.EpisodeAdmit{ClientID: c.ID, ProgramID: iop.ID, On: "2026-01-06"})
		if carepath.ErrorCode(err) != carepath.ECONFLICT || !slices.Equal(fieldPaths(err), []string{"program_id"}) {
			t.Errorf("second open episode: %v", err)
		}
		// Bad input names the fields.
		for _, tt := range []struct {
			in   carepath.EpisodeAdmit
			want string
		}{
			{carepath.EpisodeAdmit{ClientID: c.ID, ProgramID: opt.ID, Level: "spa", On: "2026-01-05"}, "level"},
			{carepath.EpisodeAdmit{ClientID: c.ID, ProgramID: opt.ID, On: "2026-02-30"}, "on"},
			{carepath.EpisodeAdmit{ClientID: c.ID, ProgramID: opt.ID, On: "2999-01-01"}, "on"},
		} {
			if _, err := svc.AdmitClient(asA, tt.in); carepath.ErrorCode(err) != carepath.EINVALID || !slices.Contains(fieldPaths(err), tt.want) {
				t.Errorf("AdmitClient(%+v) = %v, want EINVALID naming %s", tt.in, err, tt.want)
			}
		}

		// Step down from PHP to IOP.
		tr := carepath.EpisodeTransfer{Version: 1, ToLevel: carepath.LevelIOP, On: "2026-01-20", Reason: "stable for two weeks"}
		e, err = svc.TransferEpisode(asA, e.ID, tr)
		if err != nil {
			t.Fatalf("TransferEpisode: %v", err)
		}
		if e.Version != 2 || e.Level != carepath.LevelIOP || len(e.Transfers) != 1 || e.Transfers[0].Direction != carepath.StepDown ||
			e.Transfers[0].FromLevel != carepath.LevelPHP {
			t.Errorf("after step-down %+v", e)
		}
		// The same version again is stale; the same level is invalid; a date before the last
		// transfer is invalid; a reason is required.
		if _, err := svc.TransferEpisode(asA, e.ID, tr); carepath.ErrorCode(err) != carepath.ECONFLICT {
			t.Errorf("stale transfer: %v", err)
		}
		same := carepath.EpisodeTransfer{Version: 2, ToLevel: carepath.LevelIOP, On: "2026-01-21", Reason: "x"}
		if _, err := svc.TransferEpisode(asA, e.ID, same); !slices.Equal(fieldPaths(err), []string{"to_level"}) {
			t.Errorf("same level: %v", err)
		}
		early := carepath.EpisodeTransfer{Version: 2, ToLevel: carepath.LevelPHP, On: "2026-01-10", Reason: "x"}
		if _, err := svc.TransferEpisode(asA, e.ID, early); !slices.Equal(fieldPaths(err), []string{"on"}) {
			t.Errorf("early transfer: %v", err)
		}
		if _, err := svc.TransferEpisode(asA, e.ID, carepath.EpisodeTransfer{Version: 2, ToLevel: carepath.LevelPHP, On: "2026-01-22"}); !slices.Equal(fieldPaths(err), []string{"reason"}) {
			t.Errorf("no reason: %v", err)
		}
		e, err = svc.TransferEpisode(asA, e.ID, carepath.EpisodeTransfer{Version: 2, ToLevel: carepath.LevelPHP, On: "2026-01-25", Reason: "relapse"})
		if err != nil || e.Transfers[1].Direction != carepath.StepUp || e.Version != 3 {
			t.Fatalf("step-up: %+v %v", e, err)
		}

		// Discharge, then admit again to the same program; and to another program meanwhile.
		if _, err := svc.DischargeEpisode(asA, e.ID, carepath.EpisodeDischarge{Version: 3, On: "2026-02-01", Reason: "graduated"}); !slices.Equal(fieldPaths(err), []string{"reason"}) {
			t.Errorf("bad reason: %v", err)
		}
		e, err = svc.DischargeEpisode(asA, e.ID, carepath.EpisodeDischarge{Version: 3, On: "2026-02-01",
			Reason: carepath.DischargeCompleted, Note: "met the plan's goals"})
		if err != nil || e.Status != carepath.EpisodeDischarged || e.DischargedOn != "2026-02-01" || e.Version != 4 {
			t.Fatalf("discharge: %+v %v", e, err)
		}
		if _, err := svc.TransferEpisode(asA, e.ID, carepath.EpisodeTransfer{Version: 4, ToLevel: carepath.LevelIOP, On: "2026-02-02", Reason: "x"}); carepath.ErrorCode(err) != carepath.ECONFLICT {
			t.Errorf("transfer after discharge: %v", err)
		}
		after, err := svc.AdmitClient(asA, carepath.EpisodeAdmit{ClientID: c.ID, ProgramID: opt.ID, On: "2026-02-02"})
		if err != nil || after.Level != carepath.LevelIOP {
			t.Fatalf("admit to aftercare: %+v %v", after, err)
		}
		again, err := svc.AdmitClient(asA, carepath.EpisodeAdmit{ClientID: c.ID, ProgramID: iop.ID, On: "2026-01-03"})
		if err != nil {
			t.Fatalf("readmit: %v", err)
		}

		// The timeline: oldest admission first, with transfers.
		list, err := svc.FindEpisodes(asA, c.ID)
		if err != nil || len(list) != 3 {
			t.Fatalf("FindEpisodes = %v, %v", list, err)
		}
		if list[0].ID != again.ID || list[1].ID != e.ID || list[2].ID != after.ID || len(list[1].Transfers) != 2 ||
			list[1].Transfers[0].On != "2026-01-20" || list[1].DischargeReason != carepath.DischargeCompleted {
			t.Errorf("timeline %+v %+v %+v", list[0], list[1], list[2])
		}

		// The census: the open episodes; the front desk sees it, another clinician sees none of
		// Ana's, a reviewer nothing.
		census, err := store.NewEpisodeService(env.Store).Census(asFrontDesk, iop.ID)
		if err != nil || len(census) != 1 || census[0].ClientID != c.ID || census[0].EpisodeID != again.ID || census[0].Level != carepath.LevelIOP {
			t.Errorf("census %+v %v", census, err)
		}
		if census, err := svc.Census(actorAs(carepath.RoleClinician, clinicianB), iop.ID); err != nil || len(census) != 0 {
			t.Errorf("clinician B census %+v %v", census, err)
		}
		if _, err := svc.Census(actorAs(carepath.RoleReviewer, "staff-reviewer"), iop.ID); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("reviewer census: %v", err)
		}
		if _, err := svc.FindEpisodes(asFrontDesk, c.ID); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("front desk read episodes: %v", err)
		}

		// Audit rows carry the client id and hold neither names nor reasons nor notes.
		if n := rowCount(t, env, "audit_log", "client_id = $1 AND action IN ('episode.create', 'episode.transfer', 'episode.discharge', 'episode.list', 'census.read')", c.ID); n < 8 {
			t.Errorf("%d episode audit rows with the client id", n)
		}
		if n := rowCount(t, env, "audit_log", "client_id = $1 AND action = 'episode.transfer' AND detail LIKE 'failed: conflict%'", c.ID); n != 2 {
			t.Errorf("%d stale or discharged transfer rows with the client id", n)
		}
		for _, secret := range []string{"López", "Ana", "relapse", "goals", "stable"} {
			if n := rowCount(t, env, "audit_log", "detail LIKE $1 OR action LIKE $1", "%"+secret+"%"); n != 0 {
				t.Errorf("audit rows hold %q", secret)
			}
		}
	})
}

func TestEpisodeCareTeam(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		clients, svc := store.NewClientService(env.Store), store.NewEpisodeService(env.Store)
		c := mustCreate(t, clients, newTestClient("Bo", "Reyes", clinicianA))
		p := newTestProgram(t, env, "IOP")
		asB := actorAs(carepath.RoleClinician, clinicianB)
		admit := carepath.EpisodeAdmit{ClientID: c.ID, ProgramID: p.ID, On: "2026-03-02"}
		if _, err := svc.AdmitClient(asB, admit); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("clinician B admitted: %v", err)
		}
		if _, err := svc.AdmitClient(asFrontDesk, admit); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("front desk admitted: %v", err)
		}
		e, err := svc.AdmitClient(asAdmin, admit)
		if err != nil {
			t.Fatal(err)
		}
		tr := carepath.EpisodeTransfer{Version: 1, ToLevel: carepath.LevelOutpatient, On: "2026-03-09", Reason: "x"}
		if _, err := svc.TransferEpisode(asB, e.ID, tr); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("clinician B transferred: %v", err)
		}
		if _, err := svc.FindEpisodes(asB, c.ID); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("clinician B read: %v", err)
		}
		cm := actorAs(carepath.RoleCaseManager, caseManagerA)
		if _, err := svc.DischargeEpisode(cm, e.ID, carepath.EpisodeDischarge{Version: 1, On: "2026-03-09", Reason: carepath.DischargeOther}); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("unassigned case manager discharged: %v", err)
		}
		// Each denial is audited as denied, with the client id.
		if n := rowCount(t, env, "audit_log", "client_id = $1 AND allowed = $2 AND action LIKE 'episode.%'", c.ID, false); n != 5 {
			t.Errorf("%d denied episode rows, want 5", n)
		}
		if list, err := svc.FindEpisodes(asAdmin, c.ID); err != nil || len(list) != 1 || list[0].Version != 1 || !strings.HasPrefix(list[0].AdmittedOn, "2026") {
			t.Errorf("after denials: %+v %v", list, err)
		}
	})
}

// TestEpisodeConcurrent races admissions of one client to one program, and transfers of one
// episode at one version: exactly one of each wins, and the others get ECONFLICT.
func TestEpisodeConcurrent(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		clients, svc := store.NewClientService(env.Store), store.NewEpisodeService(env.Store)
		c := mustCreate(t, clients, newTestClient("Cy", "Moss", clinicianA))
		p := newTestProgram(t, env, "IOP")
		const n = 6
		race := func(call func() error) (won int) {
			errs := make(chan error, n)
			for range n {
				go func() { errs <- call() }()
			}
			for range n {
				switch err := <-errs; carepath.ErrorCode(err) {
				case "":
					won++
				case carepath.ECONFLICT:
				default:
					t.Errorf("racing call: %v", err)
				}
			}
			return won
		}
		var e *carepath.Episode
		won := race(func() error {
			got, err := svc.AdmitClient(asAdmin, carepath.EpisodeAdmit{ClientID: c.ID, ProgramID: p.ID, On: "2026-04-01"})
			if err == nil {
				e = got
			}
			return err
		})
		if won != 1 {
			t.Fatalf("%d admissions won", won)
		}
		won = race(func() error {
			_, err := svc.TransferEpisode(asAdmin, e.ID, carepath.EpisodeTransfer{Version: 1, ToLevel: carepath.LevelOutpatient,
				On: "2026-04-08", Reason: "stepping down"})
			return err
		})
		if won != 1 {
			t.Errorf("%d transfers won", won)
		}
		if list, err := svc.FindEpisodes(asAdmin, c.ID); err != nil || len(list) != 1 || len(list[0].Transfers) != 1 || list[0].Version != 2 {
			t.Errorf("after the race: %+v %v", list, err)
		}
	})
}
