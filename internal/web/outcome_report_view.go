package web

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/svgchart"
)

// outcomesFieldIDs maps the report's field names to the filter form's element ids.
var outcomesFieldIDs = map[string]string{"from": "outcomes-from", "to": "outcomes-to", "program_id": "outcomes-program"}

// outcomesView is the view model of the outcomes report page.
type outcomesView struct {
	page
	Who      signedIn
	Filter   carepath.OutcomeFilter
	Programs []*carepath.Program
	Program  string // the chosen program's name; "" for every program
	Errors   map[string]string
	Summary  []errorLink
	Problem  string
	Report   *carepath.OutcomeReport
	Levels   []outcomeTable
	Charts   []outcomeChart
	Stays    string   // the count of stays as a sentence
	Bands    []string // each band's label
	CSVLink  string
}

// outcomesFilter reads ?from=&to=&program_id=, defaulting to the twelve months up to today.
func outcomesFilter(r *http.Request) carepath.OutcomeFilter {
	q := r.URL.Query()
	f := carepath.OutcomeFilter{From: q.Get("from"), To: q.Get("to"), ProgramID: q.Get("program_id")}
	if !q.Has("from") && !q.Has("to") {
		to := time.Now().UTC().AddDate(0, 0, 1)
		f.From, f.To = to.AddDate(-1, 0, 0).Format(time.DateOnly), to.Format(time.DateOnly)
	}
	return f
}

// outcomeText is one figure as a table cell: its value, and a hint (how many stays it is
// from, or why it is not shown).
type outcomeText struct{ Value, Hint string }

// outcomeRow is one row of a level's table: all its stays, one baseline band, or standardized.
type outcomeRow struct {
	Label string
	Cells []outcomeText // stays, completion, median weeks, PHQ-9 ×3, GAD-7 ×3
}

// outcomeTable is one level's table.
type outcomeTable struct {
	ID       string
	Name     string
	Stays    string
	Unbanded string
	Rows     []outcomeRow
}

// shortLevel is a level's name in chart labels.
func shortLevel(l carepath.Level) string {
	switch l {
	case carepath.LevelOutpatient:
		return "Outpatient"
	case carepath.LevelIOP:
		return "IOP"
	case carepath.LevelPHP:
		return "PHP"
	}
	return string(l)
}

// outcomeUnit is how a figure's value reads.
type outcomeUnit int

const (
	unitPercent outcomeUnit = iota
	unitPoints
	unitWeeks
)

// figureText formats f; minCell is the smallest cell shown.
func figureText(f carepath.OutcomeFigure, unit outcomeUnit, minCell int) outcomeText {
	switch f.Status {
	case carepath.FigureOK:
	case carepath.FigureSuppressed:
		return outcomeText{Value: "not shown", Hint: fmt.Sprintf("fewer than %d stays, or hidden so that a smaller number cannot be worked out", minCell)}
	case carepath.FigureNotStandardized:
		return outcomeText{Value: "not standardized", Hint: f.Note}
	default:
		return outcomeText{Value: "none"}
	}
	v, n := 0.0, 0
	if f.Value != nil {
		v = *f.Value
	}
	if f.N != nil {
		n = *f.N
	}
	t := outcomeText{Hint: fmt.Sprintf("of %d stays", n)}
	switch unit {
	case unitPercent:
		t.Value = fmt.Sprintf("%.1f%%", v)
	case unitPoints:
		t.Value = strings.Replace(fmt.Sprintf("%+.1f points", v), "-", "−", 1)
	case unitWeeks:
		t.Value = fmt.Sprintf("%.1f weeks", v)
	}
	return t
}

// noneText is how t reads in a sentence.
func noneText(t outcomeText) string {
	if t.Value == "none" {
		return "no stays to compute it from"
	}
	return t.Value
}

// countText formats a count that is null when suppressed: fewer than minCell, or hidden so
// that a smaller count cannot be worked out by subtraction.
func countText(n *int, minCell int) string {
	if n == nil {
		return fmt.Sprintf("not shown (fewer than %d, or hidden so that a smaller count cannot be worked out)", minCell)
	}
	return fmt.Sprint(*n)
}

// outcomeTables lays out the report as one table per level.
func outcomeTables(rep *carepath.OutcomeReport) []outcomeTable {
	var out []outcomeTable
	for _, l := range rep.Levels {
		t := outcomeTable{ID: "level-" + string(l.Level), Name: l.Level.Name(), Stays: countText(l.Overall.Episodes, rep.MinCell),
			Unbanded: countText(l.Unbanded, rep.MinCell)}
		t.Rows = append(t.Rows, outcomeRow{Label: "All stays", Cells: cellTexts(l.Overall, rep.MinCell)})
		for i, c := range l.ByBand {
			label := c.Band
			if i < len(rep.Bands) {
				label = rep.Bands[i].Label
			}
			t.Rows = append(t.Rows, outcomeRow{Label: "Baseline " + label, Cells: cellTexts(c, rep.MinCell)})
		}
		t.Rows = append(t.Rows, outcomeRow{Label: "Standardized to the pooled baseline mix", Cells: cellTexts(l.Standardized, rep.MinCell)})
		out = append(out, t)
	}
	return out
}

// cellTexts formats a row's figures in the table's column order.
func cellTexts(c carepath.OutcomeCell, minCell int) []outcomeText {
	stays := outcomeText{Value: countText(c.Episodes, minCell)}
	if c.Band == "standardized" && c.Episodes != nil {
		stays.Hint = "with a baseline PHQ-9"
	}
	return []outcomeText{stays,
		figureText(c.CompletionPct, unitPercent, minCell), figureText(c.MedianWeeks, unitWeeks, minCell),
		figureText(c.PHQ9.ReliableImprovementPct, unitPercent, minCell), figureText(c.PHQ9.RecoveryPct, unitPercent, minCell),
		figureText(c.PHQ9.MeanChange, unitPoints, minCell),
		figureText(c.GAD7.ReliableImprovementPct, unitPercent, minCell), figureText(c.GAD7.RecoveryPct, unitPercent, minCell),
		figureText(c.GAD7.MeanChange, unitPoints, minCell)}
}

// outcomeChart is one chart of the page; Empty when no level's figure can be shown, so the
// page says so in words instead of drawing empty axes and a table of headings.
type outcomeChart struct {
	svgchart.Chart
	Empty bool
}

// staysText is the report's count of stays as a sentence: the number, or why it is not shown.
func staysText(rep *carepath.OutcomeReport) string {
	if rep.Stays > 0 {
		return fmt.Sprintf("%d stays compared.", rep.Stays)
	}
	for _, l := range rep.Levels {
		if l.Overall.Episodes != nil && *l.Overall.Episodes > 0 {
			return fmt.Sprintf("The total number of stays is not shown: with each level's count it would give away a level of fewer than %d.", rep.MinCell)
		}
	}
	return fmt.Sprintf("Fewer than %d stays in this period, or too few to show at any level: figures from so few are not shown.", rep.MinCell)
}

// outcomeCharts draws bar charts comparing the levels: PHQ-9 reliable improvement and
// recovery standardized to the pooled baseline mix, and completion as observed. A level whose
// figure is not shown has no bar, and the chart's description says why.
func outcomeCharts(rep *carepath.OutcomeReport) []outcomeChart {
	standardized := func(l carepath.OutcomeLevel) carepath.OutcomeCell { return l.Standardized }
	overall := func(l carepath.OutcomeLevel) carepath.OutcomeCell { return l.Overall }
	pick := []struct {
		id, title, what string
		cell            func(l carepath.OutcomeLevel) carepath.OutcomeCell
		fig             func(c carepath.OutcomeCell) carepath.OutcomeFigure
	}{
		{"chart-phq9-improvement", "PHQ-9 reliable improvement, standardized to the pooled baseline mix", "stays with reliable improvement",
			standardized, func(c carepath.OutcomeCell) carepath.OutcomeFigure { return c.PHQ9.ReliableImprovementPct }},
		{"chart-phq9-recovery", "PHQ-9 recovery, standardized to the pooled baseline mix", "stays at caseness at baseline that recovered",
			standardized, func(c carepath.OutcomeCell) carepath.OutcomeFigure { return c.PHQ9.RecoveryPct }},
		{"chart-completion", "Stays completed, as observed (not standardized)", "ended stays that completed",
			overall, func(c carepath.OutcomeCell) carepath.OutcomeFigure { return c.CompletionPct }},
	}
	var out []outcomeChart
	for _, p := range pick {
		c := svgchart.Chart{ID: p.id, Title: p.title, XLabel: "Level of care", YLabel: "Percent"}
		var shown, missing []string
		for _, l := range rep.Levels {
			cell := p.cell(l)
			f := p.fig(cell)
			switch {
			case cell.Suppressed:
				missing = append(missing, fmt.Sprintf("%s: fewer than %d stays, or hidden to protect a smaller count", shortLevel(l.Level), rep.MinCell))
				continue
			case f.Status != carepath.FigureOK || f.Value == nil:
				missing = append(missing, shortLevel(l.Level)+": "+noneText(figureText(f, unitPercent, rep.MinCell)))
				continue
			}
			t := fmt.Sprintf("%.1f%%", *f.Value)
			c.Points = append(c.Points, svgchart.Point{Label: shortLevel(l.Level), Value: *f.Value, Text: t})
			shown = append(shown, shortLevel(l.Level)+" "+t)
		}
		switch {
		case len(shown) == 0:
			c.Desc = "No level's share of " + p.what + " can be shown."
		default:
			c.Desc = "Share of " + p.what + ": " + strings.Join(shown, ", ") + "."
		}
		if len(missing) > 0 {
			c.Desc += " Not shown: " + strings.Join(missing, "; ") + "."
		}
		out = append(out, outcomeChart{Chart: c, Empty: len(c.Points) == 0})
	}
	return out
}
