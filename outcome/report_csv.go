package outcome

import (
	"encoding/csv"
	"io"
	"strconv"
)

// csvHeader is the first row of the CSV encoding.
var csvHeader = []string{"level", "band", "episodes", "completion_pct", "median_weeks",
	"recovery_pct", "reliable_improvement_pct", "reliable_recovery_pct",
	"phq9_reliable_improvement_pct", "phq9_left_caseness_pct", "phq9_mean_change",
	"gad7_reliable_improvement_pct", "gad7_left_caseness_pct", "gad7_mean_change"}

// WriteCSV writes the report as CSV: a header, then for each level its overall row (band
// "all"), a row per severity band and its standardized row. A figure is a number with one
// decimal (percentages, points, weeks), "suppressed" when too few episodes stand behind it,
// "not_standardized" when it cannot be standardized, and empty when there is nothing to
// compute it from. A suppressed cell's episode count is "suppressed" too, never 0.
func (r *Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	nb := len(SeverityBands)
	for l := range r.Overall {
		rows := append([]Cell{r.Overall[l]}, r.ByBand[l*nb:(l+1)*nb]...)
		rows = append(rows, r.Standardized[l])
		for i := range rows {
			if err := cw.Write(rows[i].csvRecord()); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvRecord is the CSV row of c.
func (c *Cell) csvRecord() []string {
	band := c.Band
	if band == "" {
		band = "all"
	}
	episodes := strconv.Itoa(c.Episodes)
	if c.Suppressed {
		episodes = string(FigureSuppressed)
	}
	return []string{string(c.Level), band, episodes, c.Completion.csv(), c.MedianWeeks.csv(),
		c.Recovery.csv(), c.ReliableImprovement.csv(), c.ReliableRecovery.csv(),
		c.PHQ9.ReliableImprovement.csv(), c.PHQ9.LeftCaseness.csv(), c.PHQ9.MeanChange.csv(),
		c.GAD7.ReliableImprovement.csv(), c.GAD7.LeftCaseness.csv(), c.GAD7.MeanChange.csv()}
}

// csv formats f as a CSV field.
func (f Figure) csv() string {
	switch f.Status {
	case FigureOK:
		return strconv.FormatFloat(f.Value, 'f', 1, 64)
	case FigureNone, "":
		return ""
	}
	return string(f.Status)
}
