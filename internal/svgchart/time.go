package svgchart

import (
	"fmt"
	"html/template"
	"math"
	"strings"
	"time"
)

// Colours of the time chart: severity bands from light green to light red, the attendance
// strip, and the alarm marker.
var chartBandFills = []string{"#e3f1e6", "#f1f4d8", "#fcefd2", "#fbe0cc", "#f7d3d3", "#f2c4c4"}

const (
	chartStripH     = 16
	chartAlarm      = "#a3001b"
	chartStripFull  = "#14365a"
	chartStripPart  = "#8a4b00"
	chartStripNone  = "#f7d3d3"
	chartStripEmpty = "#eef0f2"
)

// timeSVG draws the chart as a line over time: bands behind, the line and its markers, events
// as numbered dashed markers, the attendance strip beneath, then the tables.
func (c Chart) timeSVG() template.HTML {
	esc := template.HTMLEscapeString
	var b strings.Builder
	from, to := c.From, c.To
	if !to.After(from) {
		to = from.Add(24 * time.Hour)
	}
	top := c.Max
	if top <= 0 {
		for _, p := range c.Points {
			top = math.Max(top, p.Value)
		}
		top = niceMax(top)
	}
	height := chartH
	if len(c.Strip) > 0 {
		height += chartStripH + 48
	}
	plotW, plotH := float64(chartW-chartLeft-chartRight), float64(chartH-chartTop-chartBottom)
	y := func(v float64) float64 { return chartTop + plotH - math.Min(math.Max(0, v), top)/top*plotH }
	x := func(t time.Time) float64 {
		f := float64(t.Sub(from)) / float64(to.Sub(from))
		return chartLeft + math.Min(math.Max(f, 0), 1)*plotW
	}
	id := esc(c.ID)
	fmt.Fprintf(&b, `<figure class="chart chart-time" id="%s">`, id)
	// On a narrow screen the image keeps a width at which its smallest labels read at 11 px
	// or more, and its region scrolls sideways (the table after it has the same numbers).
	fmt.Fprintf(&b, `<div class="chart-scroll" role="region" tabindex="0" aria-label="%s: the chart">`, esc(c.Title))
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="100%%" role="img" aria-labelledby="%s-title %s-desc" focusable="false">`, chartW, height, id, id)
	fmt.Fprintf(&b, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, id, esc(c.Title), id, esc(c.Desc))
	// Severity bands, each with its name at the right when it is tall enough.
	ticks := []float64{}
	for i, band := range c.Bands {
		y1, y2 := y(band.To+1), y(band.From)
		if band.To+1 > top {
			y1 = y(top)
		}
		fmt.Fprintf(&b, `<rect class="band" x="%d" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>`, chartLeft, y1, plotW, y2-y1, chartBandFills[min(i, len(chartBandFills)-1)])
		if y2-y1 >= 13 {
			fmt.Fprintf(&b, `<text x="%d" y="%.1f" font-size="14" text-anchor="end" fill="%s">%s</text>`, chartW-chartRight-4, y1+12, chartInk, esc(band.Label))
		}
		ticks = append(ticks, band.From)
	}
	if len(c.Bands) == 0 {
		n := chartTicks
		if math.Mod(top, 5) == 0 && math.Mod(top, 4) != 0 {
			n = 5 // whole steps: 0, 2, 4 … 10 rather than 2.5, 7.5
		}
		for i := 0; i <= n; i++ {
			ticks = append(ticks, top*float64(i)/float64(n))
		}
	} else {
		ticks = append(ticks, top)
	}
	for _, v := range ticks {
		yy := y(v)
		fmt.Fprintf(&b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="%s" stroke-width="1"/>`, chartLeft, yy, chartW-chartRight, yy, chartGrid)
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" font-size="15" text-anchor="end" fill="%s">%s</text>`, chartLeft-6, yy+4, chartInk, esc(trimFloat(v)))
	}
	// Axes, their labels and the date ticks.
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%.1f" stroke="%s" stroke-width="1.5"/>`, chartLeft, chartTop, chartLeft, chartTop+plotH, chartInk)
	fmt.Fprintf(&b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="%s" stroke-width="1.5"/>`, chartLeft, chartTop+plotH, chartW-chartRight, chartTop+plotH, chartInk)
	fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="16" text-anchor="middle" fill="%s">%s</text>`, chartLeft+int(plotW)/2, height-8, chartInk, esc(c.XLabel))
	fmt.Fprintf(&b, `<text transform="translate(18 %d) rotate(-90)" font-size="16" text-anchor="middle" fill="%s">%s</text>`, chartTop+int(plotH)/2, chartInk, esc(c.YLabel))
	for _, t := range dateTicks(from, to) {
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="15" text-anchor="middle" fill="%s">%s</text>`, x(t), chartTop+plotH+24, chartInk, t.Format("Jan 2"))
	}
	// Events: a dashed line and a numbered disc at the top; the table says what each is.
	for i, e := range c.Events {
		ex := x(e.At)
		fmt.Fprintf(&b, `<line class="event" x1="%.1f" y1="%d" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="1.5" stroke-dasharray="4 3"/>`, ex, chartTop, ex, chartTop+plotH, chartRefInk)
		fmt.Fprintf(&b, `<circle cx="%.1f" cy="%d" r="9" fill="%s"/><text x="%.1f" y="%d" font-size="14" text-anchor="middle" fill="#ffffff">%d</text>`, ex, chartTop-12, chartRefInk, ex, chartTop-8, i+1)
	}
	// The line and its markers; an alarm point is a larger diamond.
	var path strings.Builder
	for i, p := range c.Points {
		cmd := " L"
		if i == 0 {
			cmd = "M"
		}
		fmt.Fprintf(&path, "%s%.1f %.1f", cmd, x(p.At), y(p.Value))
	}
	if len(c.Points) > 0 {
		fmt.Fprintf(&b, `<path d="%s" fill="none" stroke="%s" stroke-width="2.5"/>`, strings.TrimSpace(path.String()), chartBar)
	}
	for _, p := range c.Points {
		px, py := x(p.At), y(p.Value)
		if p.Alarm {
			fmt.Fprintf(&b, `<path class="alarm" d="M%.1f %.1f l7 7 l-7 7 l-7 -7 z" fill="%s" stroke="#ffffff" stroke-width="1.5"/>`, px, py-7, chartAlarm)
			continue
		}
		fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="4" fill="%s"/>`, px, py, chartBar)
	}
	// The attendance strip: one cell per week.
	if len(c.Strip) > 0 {
		sy := chartTop + plotH + 34
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" font-size="14" text-anchor="end" fill="%s">Attended</text>`, chartLeft-6, sy+12, chartInk)
		for _, w := range c.Strip {
			x1, x2 := x(w.From), x(w.To)
			if x2-x1 < 1 {
				continue
			}
			fill := chartStripEmpty
			switch {
			case w.Current || w.Scheduled == 0 && w.Attended == 0:
			case w.Attended >= w.Scheduled:
				fill = chartStripFull
			case w.Attended == 0:
				fill = chartStripNone
			default:
				fill = chartStripPart
			}
			fmt.Fprintf(&b, `<rect class="week" x="%.1f" y="%.1f" width="%.1f" height="%d" fill="%s" stroke="#ffffff" stroke-width="1"><title>%s: %s</title></rect>`,
				x1, sy, x2-x1, chartStripH, fill, esc(w.Label), esc(w.text()))
		}
		lx, ly := float64(chartLeft), sy+chartStripH+22
		for _, l := range []struct{ fill, text string }{{chartStripFull, "all attended"}, {chartStripPart, "some missed"}, {chartStripNone, "all missed"}, {chartStripEmpty, "none scheduled"}} {
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="10" height="10" fill="%s" stroke="%s" stroke-width="0.5"/><text x="%.1f" y="%.1f" font-size="14" fill="%s">%s</text>`,
				lx, ly-9, l.fill, chartGrid, lx+14, ly, chartInk, l.text)
			lx += 24 + 8*float64(len(l.text))
		}
	}
	b.WriteString(`</svg></div>`)
	// The text alternative: the points, the events and the weeks as tables.
	fmt.Fprintf(&b, `<div class="scroll" role="region" tabindex="0" aria-labelledby="%s-cap-data"><table class="chart-data"><caption id="%s-cap-data">%s: the numbers</caption><thead><tr><th scope="col">%s</th><th scope="col">%s</th>`, id, id, esc(c.Title), esc(c.XLabel), esc(c.YLabel))
	for _, col := range c.Columns {
		fmt.Fprintf(&b, `<th scope="col">%s</th>`, esc(col))
	}
	b.WriteString(`</tr></thead><tbody>`)
	for _, p := range c.Points {
		fmt.Fprintf(&b, `<tr><th scope="row">%s</th><td>%s</td>`, esc(p.Label), esc(p.text()))
		for i := range c.Columns {
			cell := ""
			if i < len(p.Cells) {
				cell = p.Cells[i]
			}
			fmt.Fprintf(&b, `<td>%s</td>`, esc(cell))
		}
		b.WriteString(`</tr>`)
	}
	b.WriteString(`</tbody></table></div>`)
	if len(c.Events) > 0 {
		fmt.Fprintf(&b, `<div class="scroll" role="region" tabindex="0" aria-labelledby="%s-cap-events"><table class="chart-events"><caption id="%s-cap-events">%s: events marked</caption><thead><tr><th scope="col">Marker</th><th scope="col">Date</th><th scope="col">Event</th></tr></thead><tbody>`, id, id, esc(c.Title))
		for i, e := range c.Events {
			fmt.Fprintf(&b, `<tr><td>%d</td><th scope="row">%s</th><td>%s</td></tr>`, i+1, e.At.Format("2006-01-02"), esc(e.Label))
		}
		b.WriteString(`</tbody></table></div>`)
	}
	if len(c.Strip) > 0 {
		fmt.Fprintf(&b, `<div class="scroll" role="region" tabindex="0" aria-labelledby="%s-cap-strip"><table class="chart-strip"><caption id="%s-cap-strip">%s: session attendance by week</caption><thead><tr><th scope="col">Week</th><th scope="col">Sessions</th></tr></thead><tbody>`, id, id, esc(c.Title))
		for _, w := range c.Strip {
			fmt.Fprintf(&b, `<tr><th scope="row">%s</th><td>%s</td></tr>`, esc(w.Label), esc(w.text()))
		}
		b.WriteString(`</tbody></table></div>`)
	}
	b.WriteString(`</figure>`)
	return template.HTML(b.String())
}

// dateTicks returns up to six round days between from and to for the time axis.
func dateTicks(from, to time.Time) []time.Time {
	days := to.Sub(from).Hours() / 24
	step := 1
	for _, s := range []int{1, 2, 7, 14, 28, 56, 91, 182, 364} {
		step = s
		if days/float64(s) <= 6 {
			break
		}
	}
	first := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, from.Location())
	if first.Before(from) {
		first = first.AddDate(0, 0, 1)
	}
	var out []time.Time
	for t := first; !t.After(to) && len(out) < 12; t = t.AddDate(0, 0, step) {
		out = append(out, t)
	}
	return out
}
