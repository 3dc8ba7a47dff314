package outcome

import (
	"fmt"
	"slices"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/instrument"
)

// ReportEpisode is one episode of care as the outcomes report sees it: one stay at one level,
// its dates, whether it ended by completing the program, and the client's measures during it.
type ReportEpisode struct {
	ID           string
	Level        carepath.Level
	AdmittedOn   time.Time
	DischargedOn time.Time // the zero time while the episode is open
	Completed    bool      // discharged having completed the program
	Measures     []Measure
}

// SeverityBand is a band of baseline PHQ-9 totals that the report compares like with like in.
type SeverityBand struct {
	Code  string
	Label string
	Min   int
	Max   int
}

// SeverityBands are the baseline bands of the report, from the PHQ-9's published bands with
// the two lowest and the two highest merged so that cells stay large enough to show.
var SeverityBands = []SeverityBand{
	{Code: "minimal_mild", Label: "Minimal or mild (PHQ-9 0–9)", Min: 0, Max: 9},
	{Code: "moderate", Label: "Moderate (PHQ-9 10–14)", Min: 10, Max: 14},
	{Code: "severe", Label: "Moderately severe or severe (PHQ-9 15–27)", Min: 15, Max: 27},
}

// ReportLevels are the levels of care the report compares, in order.
var ReportLevels = []carepath.Level{carepath.LevelOutpatient, carepath.LevelIOP, carepath.LevelPHP}

// DefaultMinCell is the fewest episodes a figure is shown for.
const DefaultMinCell = 10

// FigureStatus says whether a figure holds a value and, if not, why.
type FigureStatus string

// The figure statuses.
const (
	FigureOK              FigureStatus = "ok"
	FigureSuppressed      FigureStatus = "suppressed"       // fewer than MinCell episodes: not shown
	FigureNone            FigureStatus = "none"             // no episode to compute it from
	FigureNotStandardized FigureStatus = "not_standardized" // see Note
)

// Figure is one number of the report. Value is a percentage for shares, points for a mean
// change and weeks for a median; N is how many episodes it is computed from. Both are zero
// unless Status is ok, so that a suppressed figure discloses nothing.
type Figure struct {
	Status FigureStatus
	Value  float64
	N      int
	Note   string
}

// InstrumentFigures are the change figures of one instrument on its own, from episodes with at
// least two measures on it (the first is the baseline, the last the result). They are named
// apart from the figures of the PHQ-9 and GAD-7 together (Cell.Recovery and its kin).
type InstrumentFigures struct {
	ReliableImprovement Figure // percent with reliable improvement on this instrument
	LeftCaseness        Figure // percent below caseness at the end, of those at caseness at baseline
	MeanChange          Figure // mean of last − first, in points (negative is better)
}

// Cell is one row of the report: the episodes at Level, within Band ("" for every band, the
// code of a SeverityBand, or "standardized"). Episodes is 0 and every figure suppressed when
// the cell holds fewer than MinCell episodes.
type Cell struct {
	Level       carepath.Level
	Band        string
	Episodes    int
	Suppressed  bool
	Completion  Figure // percent completed, of the discharged episodes
	MedianWeeks Figure // of the discharged episodes, from admission to discharge
	// Recovery, ReliableImprovement and ReliableRecovery judge the PHQ-9 and GAD-7 together,
	// as NHS Talking Therapies does (see Recovery), over the episodes with both measured at
	// least twice; Recovery and ReliableRecovery only over those at caseness on either at
	// baseline.
	Recovery            Figure
	ReliableImprovement Figure
	ReliableRecovery    Figure
	PHQ9                InstrumentFigures
	GAD7                InstrumentFigures
}

// BandStandard is the pooled baseline mix that standardized figures are weighted to: the share
// of each band, in percent, among the episodes of every level that the figure is computed from.
type BandStandard struct {
	Figure string    // the figure's CSV column, e.g. "recovery_pct"
	Shares []float64 // one per SeverityBands, summing to 100
}

// Report is the outcomes comparison of levels of care.
type Report struct {
	MinCell int
	// Overall holds one cell per ReportLevels; ByBand one per level and band, level by level;
	// Standardized one per level, weighted to the pooled baseline mix in Standards.
	Overall      []Cell
	ByBand       []Cell
	Standardized []Cell
	Standards    []BandStandard
	// Unbanded counts, per ReportLevels, the episodes with no baseline PHQ-9: they count in
	// Overall but in no band, so they take no part in the standardized figures.
	Unbanded []int
	// UnbandedShown says, per ReportLevels, whether Unbanded may be shown: not when it is
	// fewer than MinCell, or when it would let a hidden count be worked out by subtraction.
	UnbandedShown []bool
	// Stays counts the episodes at ReportLevels; StaysSuppressed says it must not be shown.
	Stays           int
	StaysSuppressed bool
	Caveats         string
}

// caveatsFormat is what the figures can and cannot show; %d is the smallest cell shown.
const caveatsFormat = "These figures describe the clients this program treated; they are not the result of a trial. " +
	"Clients were not assigned to a level of care at random: people in more intensive care usually start more unwell, " +
	"and differ in ways the figures cannot see, such as support at home, substance use, motivation and what brought them in. " +
	"Comparing within bands of baseline PHQ-9 severity, and standardizing every level to the same mix of bands, " +
	"removes the difference in starting severity as the PHQ-9 measures it, and nothing else. " +
	"Change is counted only for episodes with at least two measures, and clients who stop answering may be doing better " +
	"or worse than those who continue. Figures from fewer than %d episodes are suppressed to protect privacy and because " +
	"they are too unstable to read. Use these figures to ask questions about care, not to rank programs or people."

// The figures every cell accumulates, as per-episode values with a denominator of their own.
const (
	figCompletion = iota
	figRecovered
	figReliablyImproved
	figReliablyRecovered
	figPHQ9Improved
	figPHQ9LeftCaseness
	figPHQ9Change
	figGAD7Improved
	figGAD7LeftCaseness
	figGAD7Change
	nFigures
)

// figureColumns names each figure in CSV headers and BandStandards.
var figureColumns = [nFigures]string{
	"completion_pct", "recovery_pct", "reliable_improvement_pct", "reliable_recovery_pct",
	"phq9_reliable_improvement_pct", "phq9_left_caseness_pct", "phq9_mean_change",
	"gad7_reliable_improvement_pct", "gad7_left_caseness_pct", "gad7_mean_change",
}

// percentFigure reports whether figure f is a share shown in percent.
func percentFigure(f int) bool { return f != figPHQ9Change && f != figGAD7Change }

// acc accumulates one cell: the sum and count of each figure's per-episode values and the
// lengths of stay of its discharged episodes.
type acc struct {
	episodes int
	sum      [nFigures]float64
	n        [nFigures]int
	stayDays []int
}

// add adds one episode's values.
func (a *acc) add(v *episodeValues) {
	a.episodes++
	for f := range nFigures {
		if v.has[f] {
			a.sum[f] += v.val[f]
			a.n[f]++
		}
	}
	if v.stayDays >= 0 {
		a.stayDays = append(a.stayDays, v.stayDays)
	}
}

// episodeValues are one episode's contribution to each figure.
type episodeValues struct {
	band     int // index into SeverityBands, -1 with no baseline PHQ-9
	has      [nFigures]bool
	val      [nFigures]float64
	stayDays int // -1 while open
}

// valuesOf works out what episode e contributes.
func valuesOf(e *ReportEpisode, cfg *Config) episodeValues {
	v := episodeValues{band: -1, stayDays: -1}
	if !e.DischargedOn.IsZero() {
		v.stayDays = max(0, dayOf(e.DischargedOn.UTC())-dayOf(e.AdmittedOn.UTC()))
		v.has[figCompletion] = true
		v.val[figCompletion] = b2f(e.Completed)
	}
	var first, last [2]*Measure
	var count [2]int
	for i := range e.Measures {
		m := &e.Measures[i]
		k := 0
		switch m.Instrument {
		case instrument.PHQ9:
		case instrument.GAD7:
			k = 1
		default:
			continue
		}
		count[k]++
		if first[k] == nil || before(m, first[k]) {
			first[k] = m
		}
		if last[k] == nil || before(last[k], m) {
			last[k] = m
		}
	}
	if first[0] != nil {
		for b, sb := range SeverityBands {
			if first[0].Total >= sb.Min && first[0].Total <= sb.Max {
				v.band = b
			}
		}
	}
	for k, id := range [2]instrument.ID{instrument.PHQ9, instrument.GAD7} {
		if count[k] < 2 {
			continue
		}
		ch, ok := cfg.Compare(id, first[k].Total, last[k].Total)
		if !ok {
			continue
		}
		base := figPHQ9Improved + 3*k
		v.has[base], v.val[base] = true, b2f(ch.ReliableImprovement)
		if ch.CaseAtBaseline {
			v.has[base+1], v.val[base+1] = true, b2f(ch.LeftCaseness)
		}
		v.has[base+2], v.val[base+2] = true, float64(ch.Delta)
	}
	if r, ok := cfg.RecoveryOf(e.Measures); ok {
		v.has[figReliablyImproved], v.val[figReliablyImproved] = true, b2f(r.ReliableImprovement)
		if r.CaseAtBaseline {
			v.has[figRecovered], v.val[figRecovered] = true, b2f(r.Recovered)
			v.has[figReliablyRecovered], v.val[figReliablyRecovered] = true, b2f(r.ReliableRecovery)
		}
	}
	return v
}

// b2f is 1 for true and 0 for false.
func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// BuildReport compares the levels of care of episodes, judging change with cfg and showing
// no figure computed from fewer than minCell episodes (DefaultMinCell when minCell < 1).
// Episodes at levels other than ReportLevels are left out.
//
// Standardized figures are directly standardized: for each figure, each band's share of the
// pooled episodes that the figure is computed from (all levels together) weights that band's
// figure at each level, and the weighted figures are summed. A band the figure is computed
// from at no level has no weight. When a band with weight has no such episodes at a level, or
// fewer than minCell, the level's figure for that band is unknown or not shown, and a
// standardized figure would silently drop or guess it: the figure is then not standardized,
// and its Note names the band. Medians are not standardized.
func BuildReport(episodes []ReportEpisode, cfg Config, minCell int) *Report {
	if minCell < 1 {
		minCell = DefaultMinCell
	}
	cfg = cfg.orDefault()
	nb := len(SeverityBands)
	levels := len(ReportLevels)
	overall := make([]acc, levels)
	byBand := make([]acc, levels*nb)
	unbanded := make([]int, levels)
	unbandedAcc := make([]acc, levels)
	for i := range episodes {
		e := &episodes[i]
		l := slices.Index(ReportLevels, e.Level)
		if l < 0 {
			continue
		}
		v := valuesOf(e, &cfg)
		overall[l].add(&v)
		if v.band < 0 {
			unbanded[l]++
			unbandedAcc[l].add(&v)
		} else {
			byBand[l*nb+v.band].add(&v)
		}
	}
	r := &Report{MinCell: minCell, Unbanded: unbanded, Caveats: CaveatsText(minCell)}
	for l, level := range ReportLevels {
		r.Overall = append(r.Overall, overall[l].cell(level, "", minCell))
		for b, sb := range SeverityBands {
			r.ByBand = append(r.ByBand, byBand[l*nb+b].cell(level, sb.Code, minCell))
		}
	}
	r.standardize(byBand, minCell)
	for l, u := range unbanded {
		r.UnbandedShown = append(r.UnbandedShown, u == 0 || u >= minCell)
		r.Stays += overall[l].episodes
	}
	r.complementary(overall, byBand, unbandedAcc)
	return r
}

// CaveatsText returns what the figures of a report that suppresses cells of fewer than
// minCell episodes can and cannot show, to be printed with every report.
func CaveatsText(minCell int) string {
	return fmt.Sprintf(caveatsFormat, minCell) + fmt.Sprintf(suppressRule, minCell)
}
