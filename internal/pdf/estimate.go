package pdf

import (
	"fmt"
	"io"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/billing"
)

// GoodFaithEstimate renders g as a PDF the client can keep.
func GoodFaithEstimate(w io.Writer, g billing.GoodFaithEstimate) error {
	issued, _ := time.Parse(carepath.DateLayout, g.IssuedOn)
	p := newPage("Good-faith estimate "+g.Number, "Good-faith estimate "+g.Number, issued)
	p.title("Good-Faith Estimate", "What we expect your care to cost, under the No Surprises Act")

	top := p.GetY()
	half := p.width/2 - 4
	left := p.labelled(margin, half, [][2]string{
		{"Estimate", g.Number}, {"Issued", dateText(g.IssuedOn)}, {"First visit", dateText(g.ScheduledFor)},
		{"For", g.Client.Name}, {"Born", dateText(g.Client.BirthDate)},
	})
	p.SetY(top)
	right := p.labelled(margin+half+8, half, [][2]string{
		{"Provider", g.Provider.Name}, {"NPI", g.Provider.NPI}, {"Tax id", g.Provider.TaxID},
		{"Address", g.Provider.Address.OneLine()}, {"Phone", g.Provider.Phone},
	})
	p.SetY(max(left, right) + 2)

	if len(g.Diagnoses) > 0 {
		p.heading("Diagnoses")
		for _, d := range g.Diagnoses {
			p.para(d.Code + "  " + d.Description)
		}
	}
	cols := []column{{"Service", 78, "L"}, {"Code", 20, "C"}, {"Units", 16, "R"}, {"Price each", 28, "R"}, {"Expected", p.width - 142, "R"}}
	for _, o := range g.Options {
		kind := "Alternative"
		if o.Recommended {
			kind = "Recommended"
		}
		p.heading(fmt.Sprintf("%s: %s", kind, o.Name))
		p.para("Typical course: " + o.Course + ".")
		var rows [][]string
		for _, it := range o.Items {
			rows = append(rows, []string{it.Label, it.Code, fmt.Sprint(it.Units), money(it.UnitCents), money(it.Cents)})
		}
		if len(rows) > 0 {
			p.Ln(1)
			label := "Total expected charges"
			if !o.OfferedHere {
				label = "Typical total elsewhere"
			}
			p.table(cols, rows, []string{label, "", "", "", money(o.Total)})
		}
		if o.Note != "" {
			p.SetFont("Helvetica", "I", 9)
			p.MultiCell(0, 4.5, p.tr(o.Note), "", "L", false)
		}
	}
	p.heading("Not included in this estimate")
	for _, s := range g.SeparateItems {
		p.para("•  " + s)
	}
	p.heading("What you should know")
	for _, d := range g.Disclosures {
		p.SetFont("Helvetica", "B", fontBody)
		p.MultiCell(0, lineH, p.tr(d.Title), "", "L", false)
		p.para(d.Text)
		p.Ln(1)
	}
	return output(p, w)
}
