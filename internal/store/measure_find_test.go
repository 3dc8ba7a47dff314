package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// TestSearchMeasures checks the measure search FHIR reads from: scope by care team, filters by
// client, id, instrument and time ranges (groups AND, ranges within a group OR), id-ordered
// pages that follow one another, counts per instrument, and the audit rows.
func TestSearchMeasures(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		now := time.Date(2026, 3, 20, 15, 0, 0, 0, time.UTC)
		svc, ada := measureSetup(t, env, now)
		clients := store.NewClientService(env.Store)
		bea := mustCreate(t, clients, newTestClient("Bea", "Rook", clinicianB))
		p, err := store.NewProgramService(env.Store).CreateProgram(asAdmin, carepath.ProgramCreate{Name: "IOP 2", Level: carepath.LevelIOP, TimeZone: "UTC"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := store.NewEpisodeService(env.Store).AdmitClient(asAdmin, carepath.EpisodeAdmit{ClientID: bea.ID, ProgramID: p.ID,
			On: now.AddDate(0, 0, -20).Format(carepath.DateLayout)}); err != nil {
			t.Fatal(err)
		}
		phq := []int{1, 1, 1, 1, 1, 1, 0, 0, 0}
		gad := []int{1, 1, 1, 1, 1, 1, 1}
		var adaIDs []string
		for i := range 4 {
			in := carepath.MeasureInput{Instrument: "phq9", Answers: phq, TakenAt: now.AddDate(0, 0, -16+4*i)}
			if i%2 == 1 {
				in = carepath.MeasureInput{Instrument: "gad7", Answers: gad, TakenAt: in.TakenAt}
			}
			m, _, err := svc.CreateMeasure(asAdmin, ada.ID, in)
			if err != nil {
				t.Fatal(err)
			}
			adaIDs = append(adaIDs, m.ID)
		}
		mb, _, err := svc.CreateMeasure(asAdmin, bea.ID, carepath.MeasureInput{Instrument: "phq9", Answers: phq, TakenAt: now.AddDate(0, 0, -2)})
		if err != nil {
			t.Fatal(err)
		}
		ids := func(p *carepath.MeasurePage) []string {
			var out []string
			for _, m := range p.Measures {
				out = append(out, m.ID)
			}
			return out
		}
		asA := actorAs(carepath.RoleClinician, clinicianA)
		for _, tc := range []struct {
			name   string
			ctx    context.Context
			q      carepath.MeasureQuery
			want   []string
			counts map[string]int
		}{
			{"admin sees all", asAdmin, carepath.MeasureQuery{}, append(slices.Clone(adaIDs), mb.ID), map[string]int{"phq9": 3, "gad7": 2}},
			{"clinician sees own caseload", asA, carepath.MeasureQuery{}, adaIDs, map[string]int{"phq9": 2, "gad7": 2}},
			{"asking for another caseload finds nothing", asA, carepath.MeasureQuery{ClientIDs: []string{bea.ID}}, nil, map[string]int{}},
			{"by client", asAdmin, carepath.MeasureQuery{ClientIDs: []string{bea.ID}}, []string{mb.ID}, map[string]int{"phq9": 1}},
			{"by instrument", asAdmin, carepath.MeasureQuery{Instruments: []string{"gad7"}}, []string{adaIDs[1], adaIDs[3]}, map[string]int{"gad7": 2}},
			{"by id", asAdmin, carepath.MeasureQuery{IDs: []string{adaIDs[2], mb.ID}}, []string{adaIDs[2], mb.ID}, map[string]int{"phq9": 2}},
			{"taken in one of two ranges", asAdmin, carepath.MeasureQuery{Taken: [][]carepath.TimeRange{{
				{To: now.AddDate(0, 0, -15)}, {From: now.AddDate(0, 0, -4), To: now.AddDate(0, 0, -3)}}}},
				[]string{adaIDs[0], adaIDs[3]}, map[string]int{"phq9": 1, "gad7": 1}},
			{"taken in both of two groups", asAdmin, carepath.MeasureQuery{Taken: [][]carepath.TimeRange{
				{{From: now.AddDate(0, 0, -13)}}, {{To: now.AddDate(0, 0, -7)}}}},
				[]string{adaIDs[1], adaIDs[2]}, map[string]int{"gad7": 1, "phq9": 1}},
			{"created since", asAdmin, carepath.MeasureQuery{Created: [][]carepath.TimeRange{{{From: now}}}},
				append(slices.Clone(adaIDs), mb.ID), map[string]int{"phq9": 3, "gad7": 2}},
			{"created before", asAdmin, carepath.MeasureQuery{Created: [][]carepath.TimeRange{{{To: now}}}}, nil, map[string]int{}},
		} {
			page, err := svc.SearchMeasures(tc.ctx, tc.q)
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			if got := ids(page); !slices.Equal(got, tc.want) {
				t.Errorf("%s: ids %v, want %v", tc.name, got, tc.want)
			}
			if len(page.Counts) != len(tc.counts) {
				t.Errorf("%s: counts %v, want %v", tc.name, page.Counts, tc.counts)
			}
			for k, v := range tc.counts {
				if page.Counts[k] != v {
					t.Errorf("%s: counts %v, want %v", tc.name, page.Counts, tc.counts)
				}
			}
		}

		// Pages follow one another by id, and counts ignore the page.
		first, err := svc.SearchMeasures(asAdmin, carepath.MeasureQuery{Limit: 2})
		if err != nil || !slices.Equal(ids(first), adaIDs[:2]) || first.Counts["phq9"] != 3 {
			t.Fatalf("first page: %v %v %v", ids(first), first.Counts, err)
		}
		next, err := svc.SearchMeasures(asAdmin, carepath.MeasureQuery{Limit: 2, After: adaIDs[1]})
		if err != nil || !slices.Equal(ids(next), adaIDs[2:4]) {
			t.Fatalf("next page: %v %v", ids(next), err)
		}
		m := next.Measures[0]
		if m.ClientID != ada.ID || m.Instrument != "phq9" || m.Score != 6 || m.Severity != "mild" || !slices.Equal(m.Answers, phq) ||
			!m.TakenAt.Equal(now.AddDate(0, 0, -8)) || m.Source != carepath.MeasureByStaff || m.EnteredBy != "staff-admin" || m.Change != nil {
			t.Errorf("measure read back: %+v", m)
		}

		// Bad queries and roles that may not read measures.
		if _, err := svc.SearchMeasures(asAdmin, carepath.MeasureQuery{Limit: -1}); carepath.ErrorCode(err) != carepath.EINVALID {
			t.Errorf("negative limit: %v", err)
		}
		if _, err := svc.SearchMeasures(asFrontDesk, carepath.MeasureQuery{}); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("front desk: %v", err)
		}

		// One audit row for the list, one audit_shown row per client shown.
		before := rowCount(t, env, "audit_shown", "1 = 1")
		if _, err := svc.SearchMeasures(asAdmin, carepath.MeasureQuery{}); err != nil {
			t.Fatal(err)
		}
		if got := rowCount(t, env, "audit_shown", "1 = 1") - before; got != 2 {
			t.Errorf("audit_shown rows = %d, want 2 (one per client)", got)
		}
	})
}

// TestFindMeasureByID checks the read of one measure: found for the care team, not found (and
// audited as denied) for another clinician, not found for an unknown or malformed id.
func TestFindMeasureByID(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		now := time.Date(2026, 3, 20, 15, 0, 0, 0, time.UTC)
		svc, c := measureSetup(t, env, now)
		asA := actorAs(carepath.RoleClinician, clinicianA)
		m, _, err := svc.CreateMeasure(asA, c.ID, carepath.MeasureInput{Instrument: "phq9", Answers: []int{3, 3, 3, 3, 3, 3, 3, 3, 1}, TakenAt: now.Add(-time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		got, err := svc.FindMeasureByID(asA, m.ID)
		if err != nil || got.Score != 25 || got.Item9 != 1 || got.Severity != "severe" || got.EpisodeID == "" {
			t.Fatalf("FindMeasureByID = %+v, %v", got, err)
		}
		for _, tc := range []struct {
			name string
			id   string
			ctx  context.Context
			code string
		}{
			{"other clinician", m.ID, actorAs(carepath.RoleClinician, clinicianB), carepath.ENOTFOUND},
			{"unknown", "0190a0b2-0000-7000-8000-000000000000", asA, carepath.ENOTFOUND},
			{"malformed", "x'--", asA, carepath.ENOTFOUND},
			{"front desk", m.ID, asFrontDesk, carepath.EFORBIDDEN},
		} {
			if _, err := svc.FindMeasureByID(tc.ctx, tc.id); carepath.ErrorCode(err) != tc.code {
				t.Errorf("%s: %v, want %s", tc.name, err, tc.code)
			}
		}
		if n := rowCount(t, env, "audit_log", "action = 'measure.read' AND allowed = $1 AND client_id = $2", false, c.ID); n != 2 {
			t.Errorf("denied reads audited = %d, want 2 (the other clinician, the front desk)", n)
		}
	})
}
