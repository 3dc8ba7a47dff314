package web

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// chart is a small server-drawn SVG chart: bars, or a line, over named categories, with an
// optional reference line (a target such as the weekly minimum). It is drawn without
// JavaScript and says everything it shows three ways: a title and description the SVG
// announces as one image, axis labels, and a data table after it for screen readers and
// anyone who prefers numbers.
type chart struct {
	ID     string // unique on the page; prefixes the element ids
	Title  string
	Desc   string // one or two sentences: what the chart shows and what stands out
	XLabel string
	YLabel string
	Line   bool // draw a line with markers instead of bars
	Points []chartPoint
	// Ref, when RefLabel is set, draws a dashed horizontal line at that value.
	Ref      float64
	RefLabel string
	RefText  string // how Ref reads in the table; the number itself when empty
}

// chartPoint is one category's value; Text is how the value reads in labels and the table
// (e.g. "9 h 30 min"); empty means the number itself.
type chartPoint struct {
	Label string
	Value float64
	Text  string
}

// The chart's geometry, in SVG user units.
const (
	chartW, chartH   = 640, 300
	chartLeft        = 64
	chartRight       = 16
	chartTop         = 24
	chartBottom      = 64
	chartInk         = "#1b1f24"
	chartBar         = "#14365a"
	chartGrid        = "#c6ccd2"
	chartRefInk      = "#8a4b00"
	chartTicks       = 4
	chartMaxLabelLen = 14
)

func (p chartPoint) text() string {
	if p.Text != "" {
		return p.Text
	}
	return trimFloat(p.Value)
}

// trimFloat writes v with at most one decimal, dropping a trailing ".0".
func trimFloat(v float64) string {
	s := fmt.Sprintf("%.1f", v)
	return strings.TrimSuffix(s, ".0")
}

// niceMax rounds v up to 1, 2, 2.5 or 5 times a power of ten, so the axis ticks are round.
func niceMax(v float64) float64 {
	if v <= 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if v <= m*p {
			return m * p
		}
	}
	return 10 * p
}

// SVG returns the chart as a figure: the SVG image and its data table.
func (c chart) SVG() template.HTML {
	esc := template.HTMLEscapeString
	var b strings.Builder
	top := c.Ref
	for _, p := range c.Points {
		top = math.Max(top, p.Value)
	}
	top = niceMax(top)
	plotW, plotH := float64(chartW-chartLeft-chartRight), float64(chartH-chartTop-chartBottom)
	y := func(v float64) float64 { return chartTop + plotH - math.Max(0, v)/top*plotH }
	id := esc(c.ID)
	fmt.Fprintf(&b, `<figure class="chart" id="%s">`, id)
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="100%%" role="img" aria-labelledby="%s-title %s-desc" focusable="false">`, chartW, chartH, id, id)
	fmt.Fprintf(&b, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, id, esc(c.Title), id, esc(c.Desc))
	// Grid and y-axis ticks.
	for i := 0; i <= chartTicks; i++ {
		v := top * float64(i) / chartTicks
		yy := y(v)
		fmt.Fprintf(&b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="%s" stroke-width="1"/>`, chartLeft, yy, chartW-chartRight, yy, chartGrid)
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" font-size="12" text-anchor="end" fill="%s">%s</text>`, chartLeft-6, yy+4, chartInk, esc(trimFloat(v)))
	}
	// Axes and their labels.
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%.1f" stroke="%s" stroke-width="1.5"/>`, chartLeft, chartTop, chartLeft, chartTop+plotH, chartInk)
	fmt.Fprintf(&b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="%s" stroke-width="1.5"/>`, chartLeft, chartTop+plotH, chartW-chartRight, chartTop+plotH, chartInk)
	fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="13" text-anchor="middle" fill="%s">%s</text>`, chartLeft+int(plotW)/2, chartH-8, chartInk, esc(c.XLabel))
	fmt.Fprintf(&b, `<text transform="translate(14 %d) rotate(-90)" font-size="13" text-anchor="middle" fill="%s">%s</text>`, chartTop+int(plotH)/2, chartInk, esc(c.YLabel))
	n := len(c.Points)
	if n > 0 {
		slot := plotW / float64(n)
		longest := 0
		for _, p := range c.Points {
			longest = max(longest, len([]rune(shorten(p.Label))))
		}
		// Label every category whose label fits its slot (about 7 units a character at 12), or
		// every second, third…; the table names them all.
		every := max(1, int(math.Ceil((float64(longest)*7+8)/slot)))
		var path strings.Builder
		for i, p := range c.Points {
			cx := chartLeft + slot*(float64(i)+0.5)
			if c.Line {
				if i == 0 {
					fmt.Fprintf(&path, "M%.1f %.1f", cx, y(p.Value))
				} else {
					fmt.Fprintf(&path, " L%.1f %.1f", cx, y(p.Value))
				}
			} else {
				bw := math.Min(slot*0.6, 48)
				fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>`, cx-bw/2, y(p.Value), bw, chartTop+plotH-y(p.Value), chartBar)
				if n <= 12 {
					fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="12" text-anchor="middle" fill="%s">%s</text>`, cx, y(p.Value)-5, chartInk, esc(p.text()))
				}
			}
			if i%every == 0 {
				fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="12" text-anchor="middle" fill="%s">%s</text>`, cx, chartTop+plotH+18, chartInk, esc(shorten(p.Label)))
			}
		}
		if c.Line {
			fmt.Fprintf(&b, `<path d="%s" fill="none" stroke="%s" stroke-width="2.5"/>`, path.String(), chartBar)
			for i, p := range c.Points {
				cx := chartLeft + slot*(float64(i)+0.5)
				fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="4" fill="%s"/>`, cx, y(p.Value), chartBar)
			}
		}
	}
	if c.RefLabel != "" {
		ry := y(c.Ref)
		fmt.Fprintf(&b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="%s" stroke-width="2" stroke-dasharray="6 4"/>`, chartLeft, ry, chartW-chartRight, ry, chartRefInk)
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" font-size="12" text-anchor="end" fill="%s">%s</text>`, chartW-chartRight, ry-5, chartRefInk, esc(c.RefLabel))
	}
	b.WriteString(`</svg>`)
	// The text alternative: the same numbers as a table.
	fmt.Fprintf(&b, `<table class="chart-data"><caption>%s: the numbers</caption><thead><tr><th scope="col">%s</th><th scope="col">%s</th></tr></thead><tbody>`,
		esc(c.Title), esc(c.XLabel), esc(c.YLabel))
	for _, p := range c.Points {
		fmt.Fprintf(&b, `<tr><th scope="row">%s</th><td>%s</td></tr>`, esc(p.Label), esc(p.text()))
	}
	if c.RefLabel != "" {
		ref := c.RefText
		if ref == "" {
			ref = trimFloat(c.Ref)
		}
		fmt.Fprintf(&b, `<tr><th scope="row">%s</th><td>%s</td></tr>`, esc(c.RefLabel), esc(ref))
	}
	b.WriteString(`</tbody></table></figure>`)
	return template.HTML(b.String())
}

// shorten cuts an axis label to chartMaxLabelLen characters; the table has it whole.
func shorten(s string) string {
	r := []rune(s)
	if len(r) <= chartMaxLabelLen {
		return s
	}
	return string(r[:chartMaxLabelLen-1]) + "…"
}
