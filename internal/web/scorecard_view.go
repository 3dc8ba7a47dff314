package web

import (
	"fmt"
	"strings"

	"github.com/carepath/carepath/delivery"
	"github.com/carepath/carepath/internal/svgchart"
)

// smallCells applies small-cell suppression (delivery.Suppressed, delivery.SuppressCells) to
// the counts of clients and client-weeks a figure shows, on the public scorecard only (public);
// the admin's own quality page shows every count.
type smallCells struct{ public bool }

// fewer is how a suppressed count reads.
var fewer = fmt.Sprintf("fewer than %d", delivery.SmallCell)

// hides reports whether a count of people n is withheld.
func (c smallCells) hides(n float64) bool { return c.public && delivery.Suppressed(int(n)) }

// count writes a count of people, or "fewer than 11" when it is withheld.
func (c smallCells) count(n float64) string {
	if c.hides(n) {
		return fewer
	}
	return fmt.Sprint(n)
}

// withheld is figure f with every figure of it withheld, because the people it counts (what)
// number fewer than delivery.SmallCell: its statistics would describe a few recognisable
// clients.
func (c smallCells) withheld(f qualityFigure, what string) qualityFigure {
	f.Headline = fmt.Sprintf("Not published: %s %s in the period, too few to show without pointing at someone.", fewer, what)
	f.Facts = []figureFact{{strings.ToUpper(what[:1]) + what[1:], fewer}}
	f.Charts = nil
	return f
}

// bins returns, when some of bins (parts of the clients counted) are withheld, a fact that
// lists them with the withheld parts (and the complementary one) unread, and true; the chart
// is then not drawn. When none is withheld it returns false and the chart is drawn.
func (c smallCells) bins(label string, bins []svgchart.Point) (figureFact, bool) {
	if !c.public {
		return figureFact{}, false
	}
	counts := make([]int, len(bins))
	for i, b := range bins {
		counts[i] = int(b.Value)
	}
	hide := delivery.SuppressCells(counts)
	hiddenAny := false
	parts := make([]string, len(bins))
	for i, b := range bins {
		v := fmt.Sprint(counts[i])
		if hide[i] {
			hiddenAny = true
			v = "not shown"
			if delivery.Suppressed(counts[i]) {
				v = fewer
			}
		}
		parts[i] = b.Label + ": " + v
	}
	return figureFact{label, strings.Join(parts, "; ")}, hiddenAny
}
