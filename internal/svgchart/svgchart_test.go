package svgchart

import (
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"
)

func TestChartSVGIsAccessibleAndWellFormed(t *testing.T) {
	for _, line := range []bool{false, true} {
		c := Chart{ID: "hours", Title: "Hours <delivered> & required", Desc: "Week by week.", XLabel: "ISO week", YLabel: "Hours",
			Line: line, Ref: 9, RefLabel: "Minimum 9 h",
			Points: []Point{{Label: "2026-W10", Value: 8.5}, {Label: "2026-W11", Value: 10, Text: "10 h"}, {Label: "A very long category name indeed", Value: 0}}}
		out := string(c.SVG())
		dec := xml.NewDecoder(strings.NewReader(out))
		var sawTitle, sawDesc, sawTable bool
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("line=%v: not well-formed: %v\n%s", line, err, out)
			}
			if se, ok := tok.(xml.StartElement); ok {
				switch se.Name.Local {
				case "title":
					sawTitle = true
				case "desc":
					sawDesc = true
				case "table":
					sawTable = true
				}
			}
		}
		if !sawTitle || !sawDesc || !sawTable {
			t.Errorf("line=%v: title %v desc %v table %v", line, sawTitle, sawDesc, sawTable)
		}
		for _, want := range []string{`role="img"`, `aria-labelledby="hours-title hours-desc"`, "Hours &lt;delivered&gt; &amp; required",
			`<th scope="row">2026-W11</th><td>10 h</td>`, `<th scope="row">A very long category name indeed</th>`, `<tspan x="533.0" dy="0">A very long category</tspan><tspan x="533.0" dy="18">name indeed</tspan>`, "Minimum 9 h", "stroke-dasharray"} {
			if !strings.Contains(out, want) {
				t.Errorf("line=%v: output lacks %q", line, want)
			}
		}
	}
}

func TestNiceMax(t *testing.T) {
	for v, want := range map[float64]float64{0: 1, -3: 1, 0.7: 1, 9: 10, 11: 20, 180: 200, 240: 250, 420: 500, 1: 1} {
		if got := niceMax(v); got != want {
			t.Errorf("niceMax(%v) = %v, want %v", v, got, want)
		}
	}
}

// TestNiceTicks checks that axis ticks are round: steps of 1, 2, 2.5 or 5 × 10^k, never
// 0.2 / 0.5 / 0.8 or 12.5 / 37.5, and whole when the values are.
func TestNiceTicks(t *testing.T) {
	for _, tc := range []struct {
		v         float64
		whole     bool
		top, step float64
	}{
		{0, true, 1, 1}, {1, true, 1, 1}, {1, false, 1, 0.2}, {0.7, false, 0.8, 0.2}, {3, true, 3, 1},
		{9, true, 10, 2}, {45, true, 50, 10}, {50, false, 50, 10}, {54.5, false, 60, 20},
		{100, true, 100, 20}, {120, true, 125, 25}, {12, true, 15, 5}, {180, true, 200, 50}, {8.5, false, 10, 2},
	} {
		top, step := niceTicks(tc.v, tc.whole)
		if top != tc.top || step != tc.step {
			t.Errorf("niceTicks(%v, %v) = %v by %v, want %v by %v", tc.v, tc.whole, top, step, tc.top, tc.step)
		}
	}
	c := Chart{ID: "p", Title: "Share", XLabel: "Level", YLabel: "Percent",
		Points: []Point{{Label: "Outpatient", Value: 50}, {Label: "IOP", Value: 25}}}
	out := string(c.SVG())
	for _, bad := range []string{">12.5<", ">37.5<", ">0.2<", ">0.8<"} {
		if strings.Contains(out, bad) {
			t.Errorf("odd tick %s in %s", bad, out)
		}
	}
}

// TestWrapLabel checks that category labels wrap at spaces rather than being cut.
func TestWrapLabel(t *testing.T) {
	for _, tc := range []struct {
		s    string
		per  int
		want string
	}{
		{"10th percentile of hours", 12, "10th|percentile|of hours"},
		{"IOP", 12, "IOP"},
		{"Outpatient therapy", 25, "Outpatient therapy"},
		{"one two three four five six seven", 5, "one|two|thre…"},
		{"Supercalifragilistic", 8, "Superca…"},
	} {
		if got := strings.Join(wrapLabel(tc.s, tc.per, 3), "|"); got != tc.want {
			t.Errorf("wrapLabel(%q, %d) = %q, want %q", tc.s, tc.per, got, tc.want)
		}
	}
	c := Chart{ID: "w", Title: "Hours", XLabel: "Measure", YLabel: "Hours",
		Points: []Point{{Label: "10th percentile", Value: 4}, {Label: "Median", Value: 9}, {Label: "90th percentile", Value: 12},
			{Label: "Minimum required", Value: 9}, {Label: "Mean", Value: 8}, {Label: "Most", Value: 15}}}
	if out := string(c.SVG()); strings.Contains(out, "…") || !strings.Contains(out, ">percentile</tspan>") {
		t.Errorf("labels cut: %s", out)
	}
}

func TestTimeChartBandsEventsStrip(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC).AddDate(0, 0, d) }
	c := Chart{ID: "measure-phq9", Title: "PHQ-9 over time", Desc: "Three scores.", XLabel: "Date taken", YLabel: "PHQ-9 score",
		Time: true, From: day(-3), To: day(31), Max: 27, Columns: []string{"Severity", "Change vs baseline"},
		Bands: []Band{{0, 4, "Minimal"}, {5, 9, "Mild"}, {10, 14, "Moderate"}, {15, 19, "Moderately severe"}, {20, 27, "Severe"}},
		Points: []Point{{Label: "2026-03-02", Value: 14, At: day(0), Cells: []string{"Moderate", "baseline"}},
			{Label: "2026-03-16", Value: 21, At: day(14), Alarm: true, Cells: []string{"Severe", "+7 from 14"}},
			{Label: "2026-03-30", Value: 6, At: day(28), Cells: []string{"Mild", "-8 from 14"}}},
		Events: []Event{{At: day(10), Label: "Step up from Outpatient to IOP"}, {At: day(40), Label: "outside, clamped"}},
		Strip: []Week{{Label: "2026-W10", From: day(0), To: day(7), Attended: 3, Scheduled: 3},
			{Label: "2026-W11", From: day(7), To: day(14), Attended: 1, Scheduled: 3},
			{Label: "2026-W12", From: day(14), To: day(21), Scheduled: 2}}}
	out := string(c.SVG())
	if os.Getenv("CAREPATH_CHART_DUMP") != "" {
		_ = os.WriteFile(os.Getenv("CAREPATH_CHART_DUMP"), []byte("<!doctype html><body style='max-width:700px'>"+out), 0o600)
	}
	dec := xml.NewDecoder(strings.NewReader(out))
	for {
		if _, err := dec.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, out)
		}
	}
	for want, n := range map[string]int{`class="band"`: 5, `class="event"`: 2, `class="week"`: 3, `class="alarm"`: 1, "<table": 3,
		">Moderately severe<": 1, "Step up from Outpatient to IOP": 1, "attended 1 of 3": 2, "absent from all 2": 2,
		"<td>+7 from 14</td>": 1, `role="img"`: 1} {
		if got := strings.Count(out, want); got != n {
			t.Errorf("%q appears %d times, want %d", want, got, n)
		}
	}
	// Points sit in their band: 14 lies between the y of 10 and of 15.
	plotH := float64(chartH - chartTop - chartBottom)
	y := func(v float64) float64 { return chartTop + plotH - v/27*plotH }
	if !strings.Contains(out, fmt.Sprintf(`cy="%.1f"`, y(14))) {
		t.Errorf("the baseline point is not at y(14) = %.1f", y(14))
	}
}

func TestDateTicks(t *testing.T) {
	from := time.Date(2026, 1, 1, 6, 0, 0, 0, time.UTC)
	for _, days := range []int{3, 30, 120, 400} {
		got := dateTicks(from, from.AddDate(0, 0, days))
		if len(got) == 0 || len(got) > 7 || !got[0].After(from) || got[len(got)-1].After(from.AddDate(0, 0, days)) {
			t.Errorf("%d days: %d ticks %v", days, len(got), got)
		}
	}
}
