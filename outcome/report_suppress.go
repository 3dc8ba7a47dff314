package outcome

import "fmt"

// suppressRule is the complementary-suppression rule, printed with the caveats.
const suppressRule = " A count or figure that is not shown could otherwise be worked out by subtraction from a total " +
	"and the other counts that add up to it (for example a level's stays less its stays in each band), so wherever a " +
	"total's parts include exactly one hidden number, the smallest other part, or else the total, is hidden too " +
	"(complementary suppression): a hidden number may therefore stand for %d episodes or more."

// node is one published number that takes part in a sum: a count or a figure's N.
type node struct {
	n       int
	shown   bool   // published with its value
	protect bool   // hidden and must not be recoverable (small, or hidden to protect another)
	hide    func() // hides it; nil when it cannot be hidden (already hidden)
}

// sum says that total is the sum of parts.
type sum struct {
	total       *node
	parts       []*node
	preferTotal bool // hide the total rather than a part
}

// complementary hides further numbers of r until no hidden small number can be recovered by
// subtracting shown numbers from a shown total: in each sum whose total and parts hold exactly
// one hidden nonzero number that must be protected, it hides the smallest shown nonzero part,
// or the total when no part can be. Hiding a cell's count hides the whole cell.
func (r *Report) complementary(overall, byBand, unbanded []acc) {
	nb := len(SeverityBands)
	var sums []sum
	cellNodes := map[*Cell]*node{}
	cellNode := func(c *Cell, n int) *node {
		if nd, ok := cellNodes[c]; ok {
			return nd
		}
		nd := &node{n: n, shown: !c.Suppressed, protect: c.Suppressed}
		nd.hide = func() { suppressCell(c); nd.shown, nd.protect = false, true }
		cellNodes[c] = nd
		return nd
	}
	// figNode is figure f of cell c, computed from n episodes; c's own node hides it with it.
	type figRef struct {
		c *Cell
		f int
	}
	figNodes := map[figRef]*node{}
	figNode := func(c *Cell, f, n int) *node {
		k := figRef{c, f}
		if nd, ok := figNodes[k]; ok {
			return nd
		}
		fig := c.figure(f)
		nd := &node{n: n, shown: fig.Status == FigureOK, protect: fig.Status == FigureSuppressed}
		nd.hide = func() {
			*c.figure(f) = Figure{Status: FigureSuppressed}
			if f == figCompletion && c.MedianWeeks.Status == FigureOK {
				c.MedianWeeks = Figure{Status: FigureSuppressed}
			}
			nd.shown, nd.protect = false, true
		}
		figNodes[k] = nd
		return nd
	}
	stays := &node{n: 0, shown: true}
	stays.hide = func() { r.StaysSuppressed = true; stays.shown, stays.protect = false, true }
	staysSum := sum{total: stays, preferTotal: true}
	for l := range ReportLevels {
		o := cellNode(&r.Overall[l], overall[l].episodes)
		s := cellNode(&r.Standardized[l], r.Standardized[l].Episodes)
		stays.n += overall[l].episodes
		staysSum.parts = append(staysSum.parts, o)
		u := unbanded[l].episodes
		un := &node{n: u, shown: r.UnbandedShown[l], protect: !r.UnbandedShown[l]}
		li := l
		un.hide = func() { r.UnbandedShown[li] = false; un.shown, un.protect = false, true }
		bands := make([]*node, nb)
		sn := 0
		for b := range nb {
			bands[b] = cellNode(&r.ByBand[l*nb+b], byBand[l*nb+b].episodes)
			sn += byBand[l*nb+b].episodes
		}
		s.n = sn // a suppressed standardized cell reads 0
		sums = append(sums, sum{total: o, parts: append([]*node{un}, bands...)}, sum{total: s, parts: bands},
			sum{total: o, parts: []*node{un, s}})
		for f := range nFigures {
			fo := figNode(&r.Overall[l], f, overall[l].n[f])
			fs := figNode(&r.Standardized[l], f, 0)
			fu := &node{n: unbanded[l].n[f], protect: unbanded[l].n[f] > 0 && unbanded[l].n[f] < r.MinCell}
			fb := make([]*node, nb)
			for b := range nb {
				fb[b] = figNode(&r.ByBand[l*nb+b], f, byBand[l*nb+b].n[f])
				fs.n += byBand[l*nb+b].n[f]
			}
			sums = append(sums, sum{total: fo, parts: append([]*node{fu}, fb...)}, sum{total: fs, parts: fb},
				sum{total: fo, parts: []*node{fu, fs}})
		}
	}
	if stays.n > 0 && stays.n < r.MinCell {
		stays.shown, stays.protect, r.StaysSuppressed = false, true, true
	}
	sums = append(sums, staysSum)
	// A hidden cell hides its figures: keep the figure nodes in step.
	sync := func() {
		for k, nd := range figNodes {
			if nd.shown && k.c.figure(k.f).Status != FigureOK {
				nd.shown, nd.protect = false, true
			}
		}
	}
	for changed := true; changed; {
		changed = false
		sync()
		for _, s := range sums {
			all := append([]*node{s.total}, s.parts...)
			hidden, guarded := 0, false
			for _, nd := range all {
				if !nd.shown && nd.n > 0 {
					hidden++
					guarded = guarded || nd.protect
				}
			}
			if hidden != 1 || !guarded {
				continue
			}
			var pick *node
			if s.preferTotal && s.total.shown && s.total.hide != nil {
				pick = s.total
			}
			for _, nd := range s.parts {
				if pick != s.total && nd.shown && nd.n > 0 && nd.hide != nil && (pick == nil || nd.n < pick.n) {
					pick = nd
				}
			}
			if pick == nil && s.total.shown && s.total.hide != nil {
				pick = s.total
			}
			if pick != nil {
				pick.hide()
				changed = true
			}
		}
	}
}

// suppressCell hides every number of c.
func suppressCell(c *Cell) {
	sup := Figure{Status: FigureSuppressed}
	c.Episodes, c.Suppressed = 0, true
	for f := range nFigures {
		if c.figure(f).Status != FigureNotStandardized {
			*c.figure(f) = sup
		}
	}
	if c.MedianWeeks.Status != FigureNotStandardized {
		c.MedianWeeks = sup
	}
}

// figure is figure f of c, indexed by the fig constants.
func (c *Cell) figure(f int) *Figure {
	switch f {
	case figCompletion:
		return &c.Completion
	case figRecovered:
		return &c.Recovery
	case figReliablyImproved:
		return &c.ReliableImprovement
	case figReliablyRecovered:
		return &c.ReliableRecovery
	case figPHQ9Improved:
		return &c.PHQ9.ReliableImprovement
	case figPHQ9LeftCaseness:
		return &c.PHQ9.LeftCaseness
	case figPHQ9Change:
		return &c.PHQ9.MeanChange
	case figGAD7Improved:
		return &c.GAD7.ReliableImprovement
	case figGAD7LeftCaseness:
		return &c.GAD7.LeftCaseness
	case figGAD7Change:
		return &c.GAD7.MeanChange
	}
	panic(fmt.Sprintf("outcome: no figure %d", f))
}
