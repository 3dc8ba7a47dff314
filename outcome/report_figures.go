package outcome

import (
	"fmt"
	"slices"

	"github.com/carepath/carepath"
)

// cell turns an accumulator into a report cell.
func (a *acc) cell(level carepath.Level, band string, minCell int) Cell {
	c := Cell{Level: level, Band: band, Episodes: a.episodes}
	if a.episodes > 0 && a.episodes < minCell {
		sup := Figure{Status: FigureSuppressed}
		c.Episodes, c.Suppressed = 0, true
		c.Completion, c.MedianWeeks = sup, sup
		c.Recovery, c.ReliableImprovement, c.ReliableRecovery = sup, sup, sup
		c.PHQ9 = InstrumentFigures{sup, sup, sup}
		c.GAD7 = InstrumentFigures{sup, sup, sup}
		return c
	}
	var figs [nFigures]Figure
	for f := range nFigures {
		figs[f] = shown(a.sum[f], a.n[f], percentFigure(f), minCell)
	}
	c.setFigures(&figs)
	c.MedianWeeks = Figure{Status: FigureNone}
	switch n := len(a.stayDays); {
	case n >= minCell:
		c.MedianWeeks = Figure{Status: FigureOK, Value: medianDays(a.stayDays) / 7, N: n}
	case n > 0:
		c.MedianWeeks = Figure{Status: FigureSuppressed}
	}
	return c
}

// setFigures sets the figures of c from figs, indexed by the fig constants.
func (c *Cell) setFigures(figs *[nFigures]Figure) {
	c.Completion = figs[figCompletion]
	c.Recovery, c.ReliableImprovement, c.ReliableRecovery = figs[figRecovered], figs[figReliablyImproved], figs[figReliablyRecovered]
	c.PHQ9 = InstrumentFigures{figs[figPHQ9Improved], figs[figPHQ9LeftCaseness], figs[figPHQ9Change]}
	c.GAD7 = InstrumentFigures{figs[figGAD7Improved], figs[figGAD7LeftCaseness], figs[figGAD7Change]}
}

// shown is the mean sum/n as a figure: none when n is 0, suppressed below minCell, and in
// percent when percent is set.
func shown(sum float64, n int, percent bool, minCell int) Figure {
	switch {
	case n == 0:
		return Figure{Status: FigureNone}
	case n < minCell:
		return Figure{Status: FigureSuppressed}
	}
	v := sum / float64(n)
	if percent {
		v *= 100
	}
	return Figure{Status: FigureOK, Value: v, N: n}
}

// medianDays returns the median of days, the mean of the two middle values when their count
// is even. It sorts days in place.
func medianDays(days []int) float64 {
	slices.Sort(days)
	n := len(days)
	if n%2 == 1 {
		return float64(days[n/2])
	}
	return float64(days[n/2-1]+days[n/2]) / 2
}

// standardize fills in r.Standardized and r.Standards from the band accumulators, level by
// level and band by band (see BuildReport).
func (r *Report) standardize(byBand []acc, minCell int) {
	nb := len(SeverityBands)
	// pooled[f][b] counts the episodes of band b, at every level, that figure f is computed from.
	pooled := make([][]int, nFigures)
	for f := range nFigures {
		pooled[f] = make([]int, nb)
		total := 0
		for l := range ReportLevels {
			for b := range nb {
				pooled[f][b] += byBand[l*nb+b].n[f]
				total += byBand[l*nb+b].n[f]
			}
		}
		shares := make([]float64, nb)
		for b := range nb {
			if total > 0 {
				shares[b] = 100 * float64(pooled[f][b]) / float64(total)
			}
		}
		r.Standards = append(r.Standards, BandStandard{Figure: figureColumns[f], Shares: shares})
	}
	for l, level := range ReportLevels {
		c := Cell{Level: level, Band: "standardized"}
		var figs [nFigures]Figure
		for f := range nFigures {
			figs[f] = standardized(byBand[l*nb:(l+1)*nb], pooled[f], f, minCell)
		}
		c.setFigures(&figs)
		c.MedianWeeks = Figure{Status: FigureNotStandardized, Note: "A median is not standardized."}
		for b := range nb {
			c.Episodes += byBand[l*nb+b].episodes
		}
		if c.Episodes > 0 && c.Episodes < minCell {
			c.Episodes, c.Suppressed = 0, true
		}
		r.Standardized = append(r.Standardized, c)
	}
}

// standardized returns figure f of one level, whose band accumulators are bands, weighted to
// the pooled counts of each band.
func standardized(bands []acc, pooled []int, f, minCell int) Figure {
	total, levelN := 0, 0
	for b := range bands {
		total += pooled[b]
		levelN += bands[b].n[f]
	}
	if total == 0 || levelN == 0 {
		return Figure{Status: FigureNone}
	}
	v := 0.0
	for b, sb := range SeverityBands {
		if pooled[b] == 0 {
			continue // no weight: no level has such episodes
		}
		a := &bands[b]
		switch {
		case a.n[f] == 0:
			return Figure{Status: FigureNotStandardized,
				Note: fmt.Sprintf("No episodes at this level in the band %s, so its figure is unknown.", sb.Label)}
		case a.n[f] < minCell:
			return Figure{Status: FigureNotStandardized,
				Note: fmt.Sprintf("Fewer than %d episodes at this level in the band %s, too few to show.", minCell, sb.Label)}
		}
		v += float64(pooled[b]) / float64(total) * (a.sum[f] / float64(a.n[f]))
	}
	if percentFigure(f) {
		v *= 100
	}
	return Figure{Status: FigureOK, Value: v, N: levelN}
}
