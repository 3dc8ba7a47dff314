package web

import (
	"strconv"

	"github.com/carepath/carepath/internal/release"
	"github.com/carepath/carepath/internal/svgchart"
)

// reviewPacketView is the view model of the utilization-review packet's read-only page.
type reviewPacketView struct {
	page
	Who    signedIn
	Packet *release.Packet
	Charts []svgchart.Chart // one line per questionnaire within the authorization's dates
	// Refused is the disclosure gate's refusal: which consent is missing.
	Refused string
	AuthID  string
}

// packetCharts draws each questionnaire's totals within the packet's dates as a line.
func packetCharts(k *release.Packet) []svgchart.Chart {
	var order []string
	byInstrument := map[string][]svgchart.Point{}
	for _, m := range k.Measures {
		if _, ok := byInstrument[m.Instrument]; !ok {
			order = append(order, m.Instrument)
		}
		byInstrument[m.Instrument] = append(byInstrument[m.Instrument], svgchart.Point{Label: m.TakenAt.Format("2006-01-02"), Value: float64(m.Score)})
	}
	var out []svgchart.Chart
	for i, id := range order {
		pts := byInstrument[id]
		desc := id + " totals within the authorization's dates: " + strconv.Itoa(len(pts)) + " measures."
		for _, c := range k.Changes {
			if c.Instrument == id {
				desc += " From " + strconv.Itoa(c.Baseline) + " to " + strconv.Itoa(c.Latest) + ": " + c.Judgement + "."
			}
		}
		out = append(out, svgchart.Chart{ID: "packet-measure-" + strconv.Itoa(i), Title: id + " totals", Desc: desc,
			XLabel: "Taken", YLabel: "Total", Line: true, Points: pts})
	}
	return out
}
