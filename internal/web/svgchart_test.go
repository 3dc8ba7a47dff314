package web

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

func TestChartSVGIsAccessibleAndWellFormed(t *testing.T) {
	for _, line := range []bool{false, true} {
		c := chart{ID: "hours", Title: "Hours <delivered> & required", Desc: "Week by week.", XLabel: "ISO week", YLabel: "Hours",
			Line: line, Ref: 9, RefLabel: "Minimum 9 h",
			Points: []chartPoint{{Label: "2026-W10", Value: 8.5}, {Label: "2026-W11", Value: 10, Text: "10 h"}, {Label: "A very long category name indeed", Value: 0}}}
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
			`<th scope="row">2026-W11</th><td>10 h</td>`, `<th scope="row">A very long category name indeed</th>`, "A very long c…", "Minimum 9 h", "stroke-dasharray"} {
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
