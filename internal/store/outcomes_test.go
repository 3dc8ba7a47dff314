package store_test

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// at is hour:00 UTC on day d.
func at(d string, hour int) time.Time {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		panic(err)
	}
	return t.Add(time.Duration(hour) * time.Hour)
}

// outcomeDataset seeds a dataset whose report is worked out by hand in TestOutcomeReport, and
// returns the outpatient program's id.
func outcomeDataset(t *testing.T, env *storetest.Env) string {
	s := newOutcomeSeed()
	op := s.program("outpatient", "UTC")
	iop := s.program("iop", "America/Chicago")
	php := s.program("php", "UTC")
	for range 10 { // A: outpatient, mild, 10 weeks, completed; PHQ-9 8 → 2, GAD-7 10 → 4
		c := s.client()
		s.episode(c, op, "outpatient", "2026-02-02", "2026-04-13", "completed")
		s.measure(c, "phq9", 8, at("2026-02-02", 15))
		s.measure(c, "phq9", 2, at("2026-04-13", 15))
		s.measure(c, "gad7", 10, at("2026-02-02", 15))
		s.measure(c, "gad7", 4, at("2026-04-13", 15))
	}
	for range 10 { // B: outpatient, moderate, 4 weeks, left; PHQ-9 12 → 4
		c := s.client()
		s.episode(c, op, "outpatient", "2026-02-02", "2026-03-02", "left_against_advice")
		s.measure(c, "phq9", 12, at("2026-02-02", 15))
		s.measure(c, "phq9", 4, at("2026-03-02", 15))
	}
	for range 10 { // C: outpatient, severe, open; PHQ-9 20 → 18
		c := s.client()
		s.episode(c, op, "outpatient", "2026-03-02", "", "")
		s.measure(c, "phq9", 20, at("2026-03-02", 15))
		s.measure(c, "phq9", 18, at("2026-04-01", 15))
	}
	for range 10 { // D: IOP, mild, 6 weeks, completed; PHQ-9 8 → 6
		c := s.client()
		s.episode(c, iop, "iop", "2026-02-02", "2026-03-16", "completed")
		s.measure(c, "phq9", 8, at("2026-02-02", 15))
		s.measure(c, "phq9", 6, at("2026-03-16", 15))
	}
	for range 10 { // E: IOP, moderate, stepped down after 6 weeks: IOP 12 → 8, then outpatient 8 → 2
		c := s.client()
		e := s.episode(c, iop, "outpatient", "2026-02-02", "", "") // an episode's level is its level now
		s.transfer(e, 1, "iop", "outpatient", "2026-03-16")
		s.measure(c, "phq9", 12, at("2026-02-02", 15))
		s.measure(c, "phq9", 8, at("2026-03-16", 15))
		s.measure(c, "phq9", 2, at("2026-04-20", 15))
	}
	for i := range 30 { // F: IOP, severe, 6 weeks, half completed; PHQ-9 20 → 8, the last late in the evening in Chicago
		c := s.client()
		reason := "completed"
		if i%2 == 1 {
			reason = "other"
		}
		s.episode(c, iop, "iop", "2026-02-02", "2026-03-16", reason)
		s.measure(c, "phq9", 20, at("2026-02-02", 15))
		s.measure(c, "phq9", 8, at("2026-03-17", 3)) // 22:00 on 16 March in Chicago
	}
	for range 5 { // G: PHP, too few to show
		c := s.client()
		s.episode(c, php, "php", "2026-02-02", "", "")
		s.measure(c, "phq9", 15, at("2026-02-02", 15))
	}
	for range 3 { // H: before the period
		c := s.client()
		s.episode(c, op, "outpatient", "2025-09-01", "2025-12-15", "completed")
		s.measure(c, "phq9", 20, at("2025-09-01", 15))
		s.measure(c, "phq9", 2, at("2025-12-15", 15))
	}
	for range 2 { // I: after the period
		c := s.client()
		s.episode(c, iop, "iop", "2026-07-01", "", "")
	}
	s.write(t, env.Write)
	return op
}

// TestOutcomeReport checks the report on a constructed dataset worked out by hand: stays split
// at a step-down (a measure on the transfer day in both), measures placed in the program's time
// zone, within-band and standardized figures, suppression, the program filter, bad input,
// access and the one audit row.
func TestOutcomeReport(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		op := outcomeDataset(t, env)
		svc := store.NewOutcomeService(env.Store)
		r, err := svc.OutcomeReport(as(carepath.RoleClinician), carepath.OutcomeFilter{From: "2026-01-01", To: "2026-07-01"})
		if err != nil {
			t.Fatal(err)
		}
		// 95 stays, but PHP's 5 are suppressed, so the total is hidden too (95 − 40 − 50 = 5).
		if r.Stays != 0 || len(r.Levels) != 3 {
			t.Fatalf("stays = %d, levels = %d", r.Stays, len(r.Levels))
		}
		o, i, p := r.Levels[0], r.Levels[1], r.Levels[2]
		checkInt(t, "outpatient episodes", o.Overall.Episodes, 40)
		checkInt(t, "iop episodes", i.Overall.Episodes, 50)
		if !p.Overall.Suppressed || p.Overall.Episodes != nil || p.Overall.PHQ9.MeanChange.Status != carepath.FigureSuppressed {
			t.Errorf("php overall = %+v, want suppressed", p.Overall)
		}
		for _, c := range []struct {
			name string
			f    carepath.OutcomeFigure
			want float64
			n    int
		}{
			{"op completion", o.Overall.CompletionPct, 50, 20},
			{"op median weeks", o.Overall.MedianWeeks, 7, 20},
			{"op phq9 improvement", o.Overall.PHQ9.ReliableImprovementPct, 75, 40},
			{"op phq9 recovery", o.Overall.PHQ9.RecoveryPct, 50, 20},
			{"op phq9 change", o.Overall.PHQ9.MeanChange, -5.5, 40},
			{"op gad7 improvement", o.Overall.GAD7.ReliableImprovementPct, 100, 10},
			{"op gad7 recovery", o.Overall.GAD7.RecoveryPct, 100, 10},
			{"iop completion", i.Overall.CompletionPct, 70, 50},
			{"iop median weeks", i.Overall.MedianWeeks, 6, 50},
			{"iop phq9 improvement", i.Overall.PHQ9.ReliableImprovementPct, 60, 50},
			{"iop phq9 recovery", i.Overall.PHQ9.RecoveryPct, 100, 40},
			{"iop phq9 change", i.Overall.PHQ9.MeanChange, -8.4, 50},
			{"op mild improvement", o.ByBand[0].PHQ9.ReliableImprovementPct, 100, 20},
			{"op severe improvement", o.ByBand[2].PHQ9.ReliableImprovementPct, 0, 10},
			{"iop severe improvement", i.ByBand[2].PHQ9.ReliableImprovementPct, 100, 30},
			{"op standardized improvement", o.Standardized.PHQ9.ReliableImprovementPct, 50.0 / 90 * 100, 40},
			{"iop standardized improvement", i.Standardized.PHQ9.ReliableImprovementPct, 40.0 / 90 * 100, 50},
			{"op standardized recovery", o.Standardized.PHQ9.RecoveryPct, 100.0 / 3, 20},
			{"iop standardized recovery", i.Standardized.PHQ9.RecoveryPct, 100, 40},
			{"op standardized change", o.Standardized.PHQ9.MeanChange, -420.0 / 90, 40},
			{"iop standardized change", i.Standardized.PHQ9.MeanChange, -620.0 / 90, 50},
			{"iop standardized completion", i.Standardized.CompletionPct, 55.0 / 70 * 100, 50},
			{"op standardized gad7", o.Standardized.GAD7.ReliableImprovementPct, 100, 10},
		} {
			checkFigure(t, c.name, c.f, c.want, c.n)
		}
		if f := o.Standardized.CompletionPct; f.Status != carepath.FigureNotStandardized || !strings.Contains(f.Note, "No episodes") {
			t.Errorf("op standardized completion = %+v, want not standardized (no ended severe stays)", f)
		}
		if f := i.Standardized.GAD7.ReliableImprovementPct; f.Status != carepath.FigureNone {
			t.Errorf("iop standardized gad7 = %+v, want none", f)
		}
		if !strings.Contains(r.Caveats, "not the result of a trial") || !strings.Contains(r.Method, "one stay per level") {
			t.Errorf("caveats %q, method %q", r.Caveats, r.Method)
		}
		csv := string(r.CSV)
		if lines := strings.Count(csv, "\n"); lines != 16 || !strings.Contains(csv, "php,all,suppressed,suppressed") ||
			!strings.Contains(csv, "outpatient,all,40,50.0,7.0,100.0,100.0,100.0,75.0,50.0,-5.5,100.0,100.0,-6.0") {
			t.Errorf("csv:\n%s", csv)
		}

		// One program: the outpatient program's own stays only.
		r, err = svc.OutcomeReport(as(carepath.RoleAdmin), carepath.OutcomeFilter{From: "2026-01-01", To: "2026-07-01", ProgramID: op})
		if err != nil {
			t.Fatal(err)
		}
		checkInt(t, "program outpatient episodes", r.Levels[0].Overall.Episodes, 30)
		checkInt(t, "program iop episodes", r.Levels[1].Overall.Episodes, 0)
		if f := r.Levels[1].Overall.PHQ9.MeanChange; f.Status != carepath.FigureNone || f.Value != nil {
			t.Errorf("program iop change = %+v, want none", f)
		}

		// A period that only the earlier episodes overlap.
		r, err = svc.OutcomeReport(as(carepath.RoleAdmin), carepath.OutcomeFilter{From: "2025-01-01", To: "2026-01-01"})
		if err != nil {
			t.Fatal(err)
		}
		if r.Stays != 0 || !r.Levels[0].Overall.Suppressed {
			t.Errorf("2025: stays %d, outpatient %+v", r.Stays, r.Levels[0].Overall)
		}

		for _, c := range []struct {
			f     carepath.OutcomeFilter
			field string
		}{
			{carepath.OutcomeFilter{From: "2026-13-01", To: "2026-07-01"}, "from"},
			{carepath.OutcomeFilter{From: "2026-01-01"}, "to"},
			{carepath.OutcomeFilter{From: "2026-07-01", To: "2026-01-01"}, "to"},
			{carepath.OutcomeFilter{From: "2026-01-01", To: "2026-07-01", ProgramID: "nope"}, "program_id"},
			{carepath.OutcomeFilter{From: "2026-01-01", To: "2026-07-01", ProgramID: "00000000-0000-7000-8999-000000000001"}, "program_id"},
		} {
			_, err := svc.OutcomeReport(as(carepath.RoleAdmin), c.f)
			fe := carepath.ErrorFields(err)
			if carepath.ErrorCode(err) != carepath.EINVALID || len(fe) != 1 || fe[0].Field != c.field {
				t.Errorf("%+v: err %v, fields %+v; want EINVALID on %s", c.f, err, fe, c.field)
			}
		}
		for _, role := range []carepath.Role{carepath.RoleFrontDesk, carepath.RoleCaseManager, carepath.RoleReviewer} {
			_, err := svc.OutcomeReport(as(role), carepath.OutcomeFilter{From: "2026-01-01", To: "2026-07-01"})
			if carepath.ErrorCode(err) != carepath.EFORBIDDEN {
				t.Errorf("%s: err %v, want EFORBIDDEN", role, err)
			}
		}
		var n, denied int
		if err := env.Write.QueryRow(`SELECT COUNT(*), COALESCE(SUM(CASE WHEN allowed THEN 0 ELSE 1 END), 0)
			FROM audit_log WHERE action = 'outcome.read'`).Scan(&n, &denied); err != nil {
			t.Fatal(err)
		}
		if n != 3+5+3 || denied != 3 {
			t.Errorf("outcome.read audit rows = %d (%d denied), want one per call: 11 (3 denied)", n, denied)
		}
	})
}

// checkInt checks a count that must be shown.
func checkInt(t *testing.T, name string, got *int, want int) {
	t.Helper()
	if got == nil || *got != want {
		t.Errorf("%s = %v, want %d", name, got, want)
	}
}

// checkFigure checks a shown figure's value (to 1e-9) and count.
func checkFigure(t *testing.T, name string, f carepath.OutcomeFigure, want float64, n int) {
	t.Helper()
	if f.Status != carepath.FigureOK || f.Value == nil || f.N == nil {
		t.Errorf("%s = %+v, want %.3f over %d", name, f, want, n)
		return
	}
	if math.Abs(*f.Value-want) > 1e-9 || *f.N != n {
		t.Errorf("%s = %.6f over %d, want %.6f over %d", name, *f.Value, *f.N, want, n)
	}
}

// TestOutcomeReportTransfers: episodes stepped down through the episode service (which keeps
// an episode's current level on the episode and the earlier ones on its transfers) count one
// stay at each level, the first one completed.
func TestOutcomeReportTransfers(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		ctx := as(carepath.RoleAdmin)
		p, err := store.NewProgramService(env.Store).CreateProgram(ctx, carepath.ProgramCreate{Name: "Step IOP", Level: carepath.LevelIOP, TimeZone: "UTC"})
		if err != nil {
			t.Fatal(err)
		}
		clients, episodes := store.NewClientService(env.Store), store.NewEpisodeService(env.Store)
		for i := range 10 {
			c := &carepath.Client{GivenName: "Step", FamilyName: fmt.Sprint("Down", i), BirthDate: "1990-01-01"}
			if err := clients.CreateClient(ctx, c); err != nil {
				t.Fatal(err)
			}
			e, err := episodes.AdmitClient(ctx, carepath.EpisodeAdmit{ClientID: c.ID, ProgramID: p.ID, On: "2026-02-02"})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := episodes.TransferEpisode(ctx, e.ID, carepath.EpisodeTransfer{Version: e.Version,
				ToLevel: carepath.LevelOutpatient, On: "2026-03-02", Reason: "Remission on two measures"}); err != nil {
				t.Fatal(err)
			}
		}
		r, err := store.NewOutcomeService(env.Store).OutcomeReport(ctx, carepath.OutcomeFilter{From: "2026-01-01", To: "2026-07-01"})
		if err != nil {
			t.Fatal(err)
		}
		checkInt(t, "outpatient stays", r.Levels[0].Overall.Episodes, 10)
		checkInt(t, "iop stays", r.Levels[1].Overall.Episodes, 10)
		checkFigure(t, "iop completion", r.Levels[1].Overall.CompletionPct, 100, 10)
		checkFigure(t, "iop median weeks", r.Levels[1].Overall.MedianWeeks, 4, 10)
		if f := r.Levels[0].Overall.CompletionPct; f.Status != carepath.FigureNone {
			t.Errorf("outpatient completion = %+v, want none (still open)", f)
		}
	})
}
