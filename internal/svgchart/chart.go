// Package svgchart draws the charts of carepath's pages as SVG on the server: bars or a line
// over categories, and a line over time with severity bands, events and an attendance strip.
// Every chart works without JavaScript and comes with its data as a table.
package svgchart

import (
	"fmt"
	"html/template"
	"math"
	"strings"
	"time"
)

// Chart is a small server-drawn SVG chart: bars, or a line, over named categories, with an
// optional reference line (a target such as the weekly minimum). It is drawn without
// JavaScript and says everything it shows three ways: a title and description the SVG
// announces as one image, axis labels, and a data table after it for screen readers and
// anyone who prefers numbers.
type Chart struct {
	ID     string // unique on the page; prefixes the element ids
	Title  string
	Desc   string // one or two sentences: what the chart shows and what stands out
	XLabel string
	YLabel string
	Line   bool // draw a line with markers instead of bars
	Points []Point
	// Ref, when RefLabel is set, draws a dashed horizontal line at that value.
	Ref      float64
	RefLabel string
	RefText  string // how Ref reads in the table; the number itself when empty

	// The rest draws a line over time (see timeSVG) when Time is set: each point at its
	// chartPoint.At, the y axis from 0 to Max, severity Bands behind the line, numbered
	// Events as dashed vertical markers and an attendance Strip beneath, each also written
	// out as a table after the image.
	Time    bool
	From    time.Time
	To      time.Time
	Max     float64
	Bands   []Band
	Events  []Event
	Strip   []Week
	Columns []string // extra columns of the data table, filled from chartPoint.Cells
}

// Band is a severity band drawn behind a line: values From..To (inclusive).
type Band struct {
	From, To float64
	Label    string
}

// Event is a dated event marked on a time chart (a level change, a relapse).
type Event struct {
	At    time.Time
	Label string
}

// Week is one week of the attendance strip: sessions attended of those scheduled.
type Week struct {
	Label               string // e.g. 2026-W10
	From, To            time.Time
	Attended, Scheduled int
	Current             bool // the week in progress: not judged yet
}

// text is how the week reads in the table and the strip's tooltip.
func (w Week) text() string {
	switch {
	case w.Current && w.Scheduled == 0:
		return "this week, in progress: no sessions scheduled"
	case w.Current:
		return fmt.Sprintf("this week, in progress: %d attended of %d scheduled", w.Attended, w.Scheduled)
	case w.Scheduled == 0 && w.Attended == 0:
		return "no sessions scheduled"
	case w.Attended >= w.Scheduled:
		return fmt.Sprintf("attended all %d", w.Attended)
	case w.Attended == 0:
		return fmt.Sprintf("absent from all %d", w.Scheduled)
	}
	return fmt.Sprintf("attended %d of %d", w.Attended, w.Scheduled)
}

// Point is one category's value; Text is how the value reads in labels and the table
// (e.g. "9 h 30 min"); empty means the number itself.
type Point struct {
	Label string
	Value float64
	Text  string
	At    time.Time // the point's time on a time chart
	Alarm bool      // drawn as a larger diamond (e.g. PHQ-9 item 9 answered positively)
	Cells []string  // the extra table columns (chart.Columns)
}

// The chart's geometry, in SVG user units.
const (
	chartW, chartH   = 640, 300
	chartLeft        = 78
	chartRight       = 16
	chartTop         = 30
	chartBottom      = 84
	chartInk         = "#1b1f24"
	chartBar         = "#14365a"
	chartGrid        = "#c6ccd2"
	chartRefInk      = "#8a4b00"
	chartTicks       = 4
	chartMaxLabelLen = 14  // a word this long is cut rather than thinning out the labels
	chartMaxSteps    = 5   // the most steps of a bar chart's y axis
	chartCharW       = 8.2 // about how wide a character of a 15-unit label is
	chartLineH       = 18  // the line height of a wrapped category label
	chartLabelLines  = 3   // the most lines a category label wraps onto
)

func (p Point) text() string {
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
func (c Chart) SVG() template.HTML {
	if c.Time {
		return c.timeSVG()
	}
	esc := template.HTMLEscapeString
	var b strings.Builder
	top, whole := c.Ref, c.Ref == math.Trunc(c.Ref)
	for _, p := range c.Points {
		top = math.Max(top, p.Value)
		whole = whole && p.Value == math.Trunc(p.Value)
	}
	top, step := niceTicks(top, whole)
	plotW, plotH := float64(chartW-chartLeft-chartRight), float64(chartH-chartTop-chartBottom)
	// Category labels wrap onto up to chartLabelLines lines within their slot (every
	// category's, or every second's… when even one word does not fit); the image grows to fit.
	n := len(c.Points)
	every, labels, lines := 1, make([][]string, n), 1
	if n > 0 {
		slot := plotW / float64(n)
		longest := 0
		for _, p := range c.Points {
			for _, w := range strings.Fields(p.Label) {
				longest = max(longest, len([]rune(w)))
			}
		}
		every = max(1, int(math.Ceil((float64(min(longest, chartMaxLabelLen))*chartCharW+8)/slot)))
		perLine := max(1, int((slot*float64(every)-8)/chartCharW))
		for i, p := range c.Points {
			if i%every == 0 {
				labels[i] = wrapLabel(p.Label, perLine, chartLabelLines)
				lines = max(lines, len(labels[i]))
			}
		}
	}
	height := chartH + (lines-1)*chartLineH
	y := func(v float64) float64 { return chartTop + plotH - math.Max(0, v)/top*plotH }
	id := esc(c.ID)
	fmt.Fprintf(&b, `<figure class="chart" id="%s">`, id)
	// On a narrow screen the image keeps a width at which its smallest labels read at 11 px
	// or more, and its region scrolls sideways (the table after it has the same numbers).
	fmt.Fprintf(&b, `<div class="chart-scroll" role="region" tabindex="0" aria-label="%s: the chart">`, esc(c.Title))
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="100%%" role="img" aria-labelledby="%s-title %s-desc" focusable="false">`, chartW, height, id, id)
	fmt.Fprintf(&b, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, id, esc(c.Title), id, esc(c.Desc))
	// Grid and y-axis ticks, one every step.
	for i := 0; float64(i)*step <= top+step/1e6; i++ {
		v := float64(i) * step
		yy := y(v)
		fmt.Fprintf(&b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="%s" stroke-width="1"/>`, chartLeft, yy, chartW-chartRight, yy, chartGrid)
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" font-size="15" text-anchor="end" fill="%s">%s</text>`, chartLeft-6, yy+4, chartInk, esc(trimFloat(v)))
	}
	// Axes and their labels.
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%.1f" stroke="%s" stroke-width="1.5"/>`, chartLeft, chartTop, chartLeft, chartTop+plotH, chartInk)
	fmt.Fprintf(&b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="%s" stroke-width="1.5"/>`, chartLeft, chartTop+plotH, chartW-chartRight, chartTop+plotH, chartInk)
	fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="16" text-anchor="middle" fill="%s">%s</text>`, chartLeft+int(plotW)/2, height-8, chartInk, esc(c.XLabel))
	fmt.Fprintf(&b, `<text transform="translate(18 %d) rotate(-90)" font-size="16" text-anchor="middle" fill="%s">%s</text>`, chartTop+int(plotH)/2, chartInk, esc(c.YLabel))
	if n > 0 {
		slot := plotW / float64(n)
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
					fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="15" text-anchor="middle" fill="%s">%s</text>`, cx, y(p.Value)-5, chartInk, esc(p.text()))
				}
			}
			if len(labels[i]) > 0 {
				fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="15" text-anchor="middle" fill="%s">`, cx, chartTop+plotH+24, chartInk)
				for k, line := range labels[i] {
					dy := 0
					if k > 0 {
						dy = chartLineH
					}
					fmt.Fprintf(&b, `<tspan x="%.1f" dy="%d">%s</tspan>`, cx, dy, esc(line))
				}
				b.WriteString(`</text>`)
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
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" font-size="15" text-anchor="end" fill="%s">%s</text>`, chartW-chartRight, ry-5, chartRefInk, esc(c.RefLabel))
	}
	b.WriteString(`</svg></div>`)
	// The text alternative: the same numbers as a table.
	fmt.Fprintf(&b, `<div class="scroll" role="region" tabindex="0" aria-labelledby="%s-cap-data"><table class="chart-data"><caption id="%s-cap-data">%s: the numbers</caption><thead><tr><th scope="col">%s</th><th scope="col">%s</th></tr></thead><tbody>`,
		id, id, esc(c.Title), esc(c.XLabel), esc(c.YLabel))
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
	b.WriteString(`</tbody></table></div></figure>`)
	return template.HTML(b.String())
}

// niceTicks returns the top of a y axis that starts at 0 and must reach v, and the step
// between its ticks: 1, 2, 2.5 or 5 times a power of ten, giving at most five steps. Steps of
// 2.5 × 10^k are used only where they read as whole numbers (25, 250…), and when whole is
// set (counts, whole percentages) the step is at least 1, so labels never read 0.2 or 12.5.
func niceTicks(v float64, whole bool) (top, step float64) {
	if v <= 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		v = 1
	}
	raw := v / chartMaxSteps
	for k := math.Floor(math.Log10(raw)) - 1; ; k++ {
		p := math.Pow(10, k)
		for _, m := range []float64{1, 2, 2.5, 5} {
			step = m * p
			if m == 2.5 && k < 1 || whole && step < 1 || step < raw*(1-1e-9) {
				continue
			}
			top = math.Ceil(v/step-1e-9) * step
			return top, step
		}
	}
}

// wrapLabel breaks s into lines of at most perLine characters at spaces, at most maxLines of
// them; a word longer than a line is cut, and what does not fit ends in "…" (the chart's
// table has the label whole).
func wrapLabel(s string, perLine, maxLines int) []string {
	var lines []string
	cur := ""
	for _, w := range strings.Fields(s) {
		switch {
		case cur == "":
			cur = w
		case len([]rune(cur))+1+len([]rune(w)) <= perLine:
			cur += " " + w
		default:
			lines = append(lines, cur)
			cur = w
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	for i, l := range lines {
		if r := []rune(l); len(r) > perLine {
			lines[i] = string(r[:max(1, perLine-1)]) + "…"
		}
	}
	if len(lines) > maxLines {
		lines = lines[:maxLines]
		if r := []rune(lines[maxLines-1]); !strings.HasSuffix(lines[maxLines-1], "…") {
			if len(r) >= perLine {
				r = r[:max(1, perLine-1)]
			}
			lines[maxLines-1] = string(r) + "…"
		}
	}
	return lines
}
