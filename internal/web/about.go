package web

import "github.com/carepath/carepath/placement"

// aboutView is the view model of the "how this works" page, which shows the rubric itself.
type aboutView struct {
	page
	Rubric []rubricRow
}

type rubricRow struct{ Code, Level, Dimension, Text string }

func rubricRows() []rubricRow {
	rows := make([]rubricRow, 0, len(placement.Rubric))
	for _, r := range placement.Rubric {
		dim := "—"
		if r.Dimension != "" {
			dim = r.Dimension.Name()
		}
		rows = append(rows, rubricRow{r.Code, r.Level.Name(), dim, r.Text})
	}
	return rows
}
