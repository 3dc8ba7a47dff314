package outcome

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/instrument"
)

// builder makes constructed episodes with a PHQ-9 at admission and one at discharge.
type builder struct {
	n   int
	eps []ReportEpisode
}

// add adds count episodes at level, with PHQ-9 baseline → latest, staying weeks weeks,
// completed or not.
func (b *builder) add(count int, level carepath.Level, baseline, latest, weeks int, completed bool) {
	for range count {
		b.n++
		id := "e" + itoa(b.n)
		admit := day0.AddDate(0, 0, b.n%5)
		out := admit.AddDate(0, 0, 7*weeks)
		b.eps = append(b.eps, ReportEpisode{ID: id, Level: level, AdmittedOn: admit, DischargedOn: out, Completed: completed,
			Measures: []Measure{
				{ID: id + "a", Instrument: instrument.PHQ9, TakenAt: admit, Total: baseline},
				{ID: id + "b", Instrument: instrument.PHQ9, TakenAt: out, Total: latest},
			}})
	}
}

// near reports whether a and b agree to 1e-9.
func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// checkFigure fails unless f is ok with value want.
func checkFigure(t *testing.T, name string, f Figure, want float64) {
	t.Helper()
	if f.Status != FigureOK || !near(f.Value, want) {
		t.Errorf("%s = %+v, want %.6f", name, f, want)
	}
}

// TestReportStandardized checks the report on a constructed dataset whose figures are worked
// out by hand below. Every episode completes exactly when it improves reliably.
//
// Outpatient, 70 episodes, 10 weeks each:
//
//	minimal/mild 40: 8 of them 8 → 2 (−6, reliable), 32 of them 8 → 6 (−2)
//	moderate     20: 10 of them 12 → 5 (−7, reliable, recovered), 10 of them 12 → 10 (−2, still a case)
//	severe       10: 7 of them 18 → 11 (−7, reliable, still a case), 3 of them 18 → 16 (−2)
//
// IOP, 60 episodes, 6 weeks each:
//
//	minimal/mild 10: 1 reliable (−6), 9 not (−2)
//	moderate     20: 8 reliable and recovered (−7), 12 not (−2)
//	severe       30: 18 reliable, not recovered (−7), 12 not (−2)
//
// Crude reliable improvement: outpatient 25/70 = 35.714 %, IOP 27/60 = 45 %: the IOP looks
// better. Within bands the outpatient rates are 20 %, 50 %, 70 % and the IOP's 10 %, 40 %, 60 %.
// Pooled mix, all 130 episodes: minimal/mild 50, moderate 40, severe 40.
//
//	outpatient standardized = (50·20 + 40·50 + 40·70) / 130 = 5800/130 = 44.615 %
//	IOP standardized        = (50·10 + 40·40 + 40·60) / 130 = 4500/130 = 34.615 %
//
// so with the mix held equal the comparison reverses. Recovery counts only episodes at
// caseness at baseline (PHQ-9 ≥ 10: the moderate and severe bands, 40 and 40 pooled, so the
// minimal/mild band has no weight): outpatient moderate 10/20 = 50 %, severe 0/10 = 0 %; IOP
// 8/20 = 40 %, 0/30 = 0 %.
//
//	outpatient recovery: crude 10/30 = 33.333 %, standardized (40·50 + 40·0)/80 = 25 %
//	IOP recovery:        crude 8/50 = 16 %,      standardized (40·40 + 40·0)/80 = 20 %
//
// Mean change by band: outpatient (8·−6 + 32·−2)/40 = −2.8, (10·−7 + 10·−2)/20 = −4.5,
// (7·−7 + 3·−2)/10 = −5.5; IOP (−6 + 9·−2)/10 = −2.4, (8·−7 + 12·−2)/20 = −4,
// (18·−7 + 12·−2)/30 = −5.
//
//	outpatient standardized = (50·−2.8 + 40·−4.5 + 40·−5.5)/130 = −540/130 = −4.153846
//	IOP standardized        = (50·−2.4 + 40·−4 + 40·−5)/130     = −480/130 = −3.692308
//
// There are no GAD-7 measures and no PHP episodes: those figures are "none".
func TestReportStandardized(t *testing.T) {
	var b builder
	op, iop := carepath.LevelOutpatient, carepath.LevelIOP
	b.add(8, op, 8, 2, 10, true)
	b.add(32, op, 8, 6, 10, false)
	b.add(10, op, 12, 5, 10, true)
	b.add(10, op, 12, 10, 10, false)
	b.add(7, op, 18, 11, 10, true)
	b.add(3, op, 18, 16, 10, false)
	b.add(1, iop, 8, 2, 6, true)
	b.add(9, iop, 8, 6, 6, false)
	b.add(8, iop, 12, 5, 6, true)
	b.add(12, iop, 12, 10, 6, false)
	b.add(18, iop, 18, 11, 6, true)
	b.add(12, iop, 18, 16, 6, false)
	r := BuildReport(b.eps, DefaultConfig(), 0)

	o, i, p := r.Overall[0], r.Overall[1], r.Overall[2]
	if o.Episodes != 70 || i.Episodes != 60 || p.Episodes != 0 || p.Suppressed {
		t.Fatalf("episodes %d %d %d", o.Episodes, i.Episodes, p.Episodes)
	}
	checkFigure(t, "outpatient crude improvement", o.PHQ9.ReliableImprovement, 100*25.0/70)
	checkFigure(t, "IOP crude improvement", i.PHQ9.ReliableImprovement, 45)
	checkFigure(t, "outpatient completion", o.Completion, 100*25.0/70)
	checkFigure(t, "outpatient median weeks", o.MedianWeeks, 10)
	checkFigure(t, "IOP median weeks", i.MedianWeeks, 6)
	checkFigure(t, "outpatient crude recovery", o.PHQ9.LeftCaseness, 100*10.0/30)
	checkFigure(t, "IOP crude recovery", i.PHQ9.LeftCaseness, 16)
	if p.PHQ9.ReliableImprovement.Status != FigureNone || o.GAD7.MeanChange.Status != FigureNone {
		t.Errorf("empty figures: PHP %+v, GAD-7 %+v", p.PHQ9.ReliableImprovement, o.GAD7.MeanChange)
	}

	bandImprove := []float64{20, 50, 70, 10, 40, 60}
	for k, c := range r.ByBand[:6] {
		checkFigure(t, string(c.Level)+" "+c.Band+" improvement", c.PHQ9.ReliableImprovement, bandImprove[k])
	}
	if r.ByBand[0].PHQ9.LeftCaseness.Status != FigureNone {
		t.Errorf("minimal/mild recovery = %+v, want none (no one at caseness)", r.ByBand[0].PHQ9.LeftCaseness)
	}

	so, si := r.Standardized[0], r.Standardized[1]
	checkFigure(t, "outpatient standardized improvement", so.PHQ9.ReliableImprovement, 5800.0/130)
	checkFigure(t, "IOP standardized improvement", si.PHQ9.ReliableImprovement, 4500.0/130)
	checkFigure(t, "outpatient standardized recovery", so.PHQ9.LeftCaseness, 25)
	checkFigure(t, "IOP standardized recovery", si.PHQ9.LeftCaseness, 20)
	checkFigure(t, "outpatient standardized change", so.PHQ9.MeanChange, -540.0/130)
	checkFigure(t, "IOP standardized change", si.PHQ9.MeanChange, -480.0/130)
	checkFigure(t, "outpatient standardized completion", so.Completion, 5800.0/130)
	if so.MedianWeeks.Status != FigureNotStandardized || r.Standardized[2].PHQ9.MeanChange.Status != FigureNone {
		t.Errorf("standardized median %+v, PHP %+v", so.MedianWeeks, r.Standardized[2].PHQ9.MeanChange)
	}
	// The pooled mix: 50, 40, 40 of 130 for improvement; 0, 40, 40 of 80 for recovery.
	for _, s := range r.Standards {
		var want []float64
		switch s.Figure {
		case "phq9_reliable_improvement_pct":
			want = []float64{100 * 50.0 / 130, 100 * 40.0 / 130, 100 * 40.0 / 130}
		case "phq9_left_caseness_pct":
			want = []float64{0, 50, 50}
		case "gad7_mean_change":
			want = []float64{0, 0, 0}
		default:
			continue
		}
		for k := range want {
			if !near(s.Shares[k], want[k]) {
				t.Errorf("%s shares %v, want %v", s.Figure, s.Shares, want)
			}
		}
	}
	if !strings.Contains(r.Caveats, "not the result of a trial") || !strings.Contains(r.Caveats, "fewer than 10") {
		t.Errorf("caveats %q", r.Caveats)
	}
}

func TestReportSmallCells(t *testing.T) {
	var b builder
	op, iop, php := carepath.LevelOutpatient, carepath.LevelIOP, carepath.LevelPHP
	// Outpatient: 20 minimal/mild, 9 moderate (one short of a cell), no severe.
	b.add(20, op, 8, 2, 10, true)
	b.add(9, op, 12, 5, 10, true)
	// IOP: 10 in every band (exactly a cell), 3 of them open episodes without a discharge.
	b.add(10, iop, 8, 2, 6, true)
	b.add(10, iop, 12, 5, 6, false)
	b.add(10, iop, 18, 16, 6, false)
	for k := len(b.eps) - 3; k < len(b.eps); k++ {
		b.eps[k].DischargedOn = time.Time{}
		b.eps[k].Completed = false
	}
	// PHP: 9 episodes, suppressed as a whole.
	b.add(9, php, 18, 11, 4, true)
	// Outpatient: 2 episodes without any PHQ-9 count in the total, in no band.
	b.eps = append(b.eps, ReportEpisode{ID: "x1", Level: op, AdmittedOn: day0}, ReportEpisode{ID: "x2", Level: op, AdmittedOn: day0})
	// A residential episode is not part of the comparison.
	b.eps = append(b.eps, ReportEpisode{ID: "x3", Level: carepath.LevelResidential, AdmittedOn: day0})
	r := BuildReport(b.eps, DefaultConfig(), 10)

	if o := r.Overall[0]; o.Episodes != 31 || r.Unbanded[0] != 2 {
		t.Errorf("outpatient overall %d episodes, %d unbanded", o.Episodes, r.Unbanded[0])
	}
	if mod := r.ByBand[1]; !mod.Suppressed || mod.Episodes != 0 || mod.PHQ9.ReliableImprovement.Status != FigureSuppressed ||
		mod.PHQ9.ReliableImprovement.Value != 0 || mod.MedianWeeks.Status != FigureSuppressed {
		t.Errorf("outpatient moderate with 9 episodes: %+v", mod)
	}
	if sev := r.ByBand[2]; sev.Suppressed || sev.Episodes != 0 || sev.PHQ9.ReliableImprovement.Status != FigureNone {
		t.Errorf("outpatient severe with no episodes: %+v", sev)
	}
	if c := r.ByBand[3]; c.Suppressed || c.Episodes != 10 {
		t.Errorf("IOP band of exactly 10 suppressed: %+v", c)
	}
	// IOP completion: 27 discharged (10 + 10 + 7), 10 completed.
	checkFigure(t, "IOP completion", r.Overall[1].Completion, 100*10.0/27)
	// IOP severe band: only 7 discharged, so its completion and median are suppressed
	// although the band's 10 episodes are shown.
	if c := r.ByBand[5]; c.Completion.Status != FigureSuppressed || c.MedianWeeks.Status != FigureSuppressed ||
		c.PHQ9.MeanChange.Status != FigureOK {
		t.Errorf("IOP severe: %+v", c)
	}
	if p := r.Overall[2]; !p.Suppressed || p.Episodes != 0 || p.PHQ9.MeanChange.Status != FigureSuppressed {
		t.Errorf("PHP with 9 episodes: %+v", p)
	}
	// Outpatient standardized: the moderate band is too small and the severe band is empty.
	so := r.Standardized[0].PHQ9.ReliableImprovement
	if so.Status != FigureNotStandardized || !strings.Contains(so.Note, "Fewer than 10") || !strings.Contains(so.Note, "Moderate") {
		t.Errorf("outpatient standardized: %+v", so)
	}
	// IOP: every band has 10 episodes, so its change figures are standardized; but only 7 of
	// its severe episodes were discharged, so its standardized completion is not.
	si := r.Standardized[1]
	if si.Completion.Status != FigureNotStandardized || si.PHQ9.MeanChange.Status != FigureOK {
		t.Errorf("IOP standardized: completion %+v, change %+v", si.Completion, si.PHQ9.MeanChange)
	}
	if r.Standardized[2].Suppressed != true || r.Standardized[2].PHQ9.MeanChange.Status != FigureNotStandardized {
		t.Errorf("PHP standardized: %+v", r.Standardized[2])
	}

	// An empty band at a level names the band.
	var e builder
	e.add(10, op, 8, 2, 10, true)
	e.add(10, iop, 8, 2, 6, true)
	e.add(10, iop, 18, 2, 6, true)
	r = BuildReport(e.eps, DefaultConfig(), 0)
	if f := r.Standardized[0].PHQ9.ReliableImprovement; f.Status != FigureNotStandardized || !strings.Contains(f.Note, "No episodes") ||
		!strings.Contains(f.Note, "severe") {
		t.Errorf("empty band: %+v", f)
	}

	// The CSV says suppressed, never 0.
	var buf bytes.Buffer
	if err := BuildReport(b.eps, DefaultConfig(), 10).WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+3*5 || strings.Join(rows[0], ",") != strings.Join(csvHeader, ",") {
		t.Fatalf("CSV has %d rows, header %v", len(rows), rows[0])
	}
	want := map[string]string{
		"outpatient,moderate": "outpatient,moderate" + strings.Repeat(",suppressed", 12),
		"outpatient,severe":   "outpatient,severe,0" + strings.Repeat(",", 11),
		"php,all":             "php,all" + strings.Repeat(",suppressed", 12),
		// IOP completion is from 27 stays, 10 + 10 + 7 (suppressed): the smallest other band's
		// completion is suppressed too, or 27 − 10 − 10 would give the 7 away. These stays have
		// no GAD-7, so no figure of the PHQ-9 and GAD-7 together.
		"iop,minimal_mild": "iop,minimal_mild,10,suppressed,suppressed,,,,100.0,,-6.0,,,",
		// 31 stays less 29 with a baseline would give the 2 unbanded (and 29 − 20 the 9 moderate).
		"outpatient,standardized": "outpatient,standardized,suppressed" + strings.Repeat(",not_standardized", 2) + strings.Repeat(",suppressed", 3) +
			strings.Repeat(",not_standardized", 3) + strings.Repeat(",suppressed", 3),
	}
	for _, row := range rows[1:] {
		if w, ok := want[row[0]+","+row[1]]; ok && strings.Join(row, ",") != w {
			t.Errorf("CSV row\n%s\nwant\n%s", strings.Join(row, ","), w)
		}
	}
}

// TestReportComplementarySuppression checks that no suppressed count can be worked out by
// subtracting shown counts from a shown total, and that nothing more is hidden when no cell is
// small.
func TestReportComplementarySuppression(t *testing.T) {
	op, iop := carepath.LevelOutpatient, carepath.LevelIOP
	noBaseline := func(n int, l carepath.Level) []ReportEpisode {
		var out []ReportEpisode
		for i := range n {
			out = append(out, ReportEpisode{ID: fmt.Sprintf("u%s%d", l, i), Level: l, AdmittedOn: day0})
		}
		return out
	}
	for _, tc := range []struct {
		name  string
		build func(b *builder)
		check func(t *testing.T, r *Report)
	}{{
		name: "one unbanded stay beside 11 in a band: the QA case",
		build: func(b *builder) {
			b.add(11, op, 8, 2, 10, true)
			b.eps = append(b.eps, noBaseline(1, op)...)
		},
		check: func(t *testing.T, r *Report) {
			if r.UnbandedShown[0] {
				t.Errorf("1 unbanded stay shown")
			}
			o, s := r.Overall[0], r.Standardized[0]
			// 12 stays less 11 with a baseline (or 11 in the band) gives the 1 away: the band
			// and the standardized row are hidden; the total stays.
			if !o.Suppressed && !s.Suppressed && !r.ByBand[0].Suppressed {
				t.Errorf("12 overall, 11 standardized, 11 in band all shown: %+v / %+v", o, s)
			}
			if !o.Suppressed && (!s.Suppressed || !r.ByBand[0].Suppressed) {
				t.Errorf("unbanded recoverable: overall %d, standardized %v, band %v", o.Episodes, s.Suppressed, r.ByBand[0].Suppressed)
			}
			// No figure of the overall row has a shown N beside shown band figures that would
			// give the unbanded stay's share away: completion 12 vs band 11.
			if o.Completion.Status == FigureOK && r.ByBand[0].Completion.Status == FigureOK {
				t.Errorf("completion of the one unbanded stay recoverable: %d − %d", o.Completion.N, r.ByBand[0].Completion.N)
			}
		},
	}, {
		name: "one small band: the smallest other band is hidden too",
		build: func(b *builder) {
			b.add(20, op, 8, 2, 10, true)
			b.add(12, op, 12, 5, 10, true)
			b.add(3, op, 18, 11, 10, true)
		},
		check: func(t *testing.T, r *Report) {
			if !r.ByBand[2].Suppressed || !r.ByBand[1].Suppressed || r.ByBand[0].Suppressed {
				t.Errorf("bands suppressed %v %v %v, want only the moderate (12) and severe (3)",
					r.ByBand[0].Suppressed, r.ByBand[1].Suppressed, r.ByBand[2].Suppressed)
			}
			if r.Overall[0].Episodes != 35 || r.Standardized[0].Episodes != 35 {
				t.Errorf("overall %d", r.Overall[0].Episodes)
			}
		},
	}, {
		name: "one small level: the total of stays is hidden",
		build: func(b *builder) {
			b.add(20, op, 8, 2, 10, true)
			b.add(4, iop, 8, 2, 10, true)
		},
		check: func(t *testing.T, r *Report) {
			if !r.Overall[1].Suppressed || !r.StaysSuppressed || r.Overall[0].Suppressed {
				t.Errorf("iop suppressed %v, stays suppressed %v, outpatient suppressed %v",
					r.Overall[1].Suppressed, r.StaysSuppressed, r.Overall[0].Suppressed)
			}
		},
	}, {
		name: "nothing small: nothing more is hidden",
		build: func(b *builder) {
			b.add(20, op, 8, 2, 10, true)
			b.add(12, op, 12, 5, 10, true)
			b.add(10, iop, 8, 2, 6, true)
			b.add(10, iop, 18, 16, 6, true)
			b.eps = append(b.eps, noBaseline(10, iop)...)
		},
		check: func(t *testing.T, r *Report) {
			if r.StaysSuppressed || r.Stays != 62 {
				t.Errorf("stays %d suppressed %v", r.Stays, r.StaysSuppressed)
			}
			for i, c := range append(append(append([]Cell{}, r.Overall...), r.ByBand...), r.Standardized...) {
				if c.Suppressed {
					t.Errorf("cell %d (%s %s) suppressed", i, c.Level, c.Band)
				}
			}
			if !r.UnbandedShown[1] || r.Overall[1].Completion.Status != FigureOK || r.ByBand[0].PHQ9.MeanChange.Status != FigureOK {
				t.Errorf("figures hidden: %+v", r.Overall[1])
			}
		},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			var b builder
			tc.build(&b)
			r := BuildReport(b.eps, DefaultConfig(), 10)
			tc.check(t, r)
			if !strings.Contains(r.Caveats, "complementary suppression") {
				t.Errorf("caveats do not state the rule")
			}
		})
	}
}
