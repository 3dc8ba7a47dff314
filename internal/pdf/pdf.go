// Package pdf renders the billing documents a client keeps — the good-faith estimate and the
// superbill — and a release of records to a recipient outside the care team as printable PDF
// from plain values, with codeberg.org/go-pdf/fpdf and its built-in Helvetica (text is written
// in Windows-1252, which covers the labels carepath uses). It is an adapter: it decides
// nothing, it only lays out what billing and the disclosure gate decided.
package pdf

import (
	"fmt"
	"io"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/carepath/carepath"
)

// page is a Letter page with 18 mm margins and the helpers both documents use.
type page struct {
	*fpdf.Fpdf
	tr    func(string) string
	width float64 // the printable width
}

const (
	margin   = 18.0
	lineH    = 5.0
	fontBody = 10.0
)

func newPage(title, footer string, created time.Time) *page {
	f := fpdf.New("P", "mm", "Letter", "")
	f.SetMargins(margin, margin, margin)
	f.SetAutoPageBreak(true, margin+4)
	f.SetTitle(title, true)
	f.SetAuthor("carepath", true)
	f.SetCreator("carepath", true)
	f.SetCreationDate(created)
	f.SetModificationDate(created)
	f.AliasNbPages("{nb}")
	p := &page{Fpdf: f, tr: f.UnicodeTranslatorFromDescriptor("")}
	w, _ := f.GetPageSize()
	p.width = w - 2*margin
	f.SetFooterFunc(func() {
		f.SetY(-margin)
		f.SetFont("Helvetica", "", 8)
		f.SetTextColor(90, 90, 90)
		f.CellFormat(0, 4, p.tr(fmt.Sprintf("%s — page %d of {nb}", footer, f.PageNo())), "", 0, "C", false, 0, "")
	})
	f.AddPage()
	return p
}

// title writes the document's heading and a line under it.
func (p *page) title(main, sub string) {
	p.SetFont("Helvetica", "B", 18)
	p.SetTextColor(20, 40, 80)
	p.CellFormat(0, 9, p.tr(main), "", 1, "L", false, 0, "")
	if sub != "" {
		p.SetFont("Helvetica", "", 10)
		p.SetTextColor(60, 60, 60)
		p.CellFormat(0, 5, p.tr(sub), "", 1, "L", false, 0, "")
	}
	p.SetDrawColor(20, 40, 80)
	p.SetLineWidth(0.6)
	y := p.GetY() + 2
	p.Line(margin, y, margin+p.width, y)
	p.SetY(y + 4)
	p.SetTextColor(0, 0, 0)
}

// heading writes a section heading.
func (p *page) heading(s string) {
	p.Ln(2)
	p.SetFont("Helvetica", "B", 12)
	p.SetTextColor(20, 40, 80)
	p.CellFormat(0, 7, p.tr(s), "", 1, "L", false, 0, "")
	p.SetTextColor(0, 0, 0)
	p.SetFont("Helvetica", "", fontBody)
}

// para writes wrapped body text.
func (p *page) para(s string) {
	p.SetFont("Helvetica", "", fontBody)
	p.MultiCell(0, lineH, p.tr(s), "", "L", false)
}

// labelled writes "Label: value" rows in two columns starting at x.
func (p *page) labelled(x, w float64, rows [][2]string) float64 {
	y := p.GetY()
	for _, r := range rows {
		if r[1] == "" {
			continue
		}
		p.SetXY(x, y)
		p.SetFont("Helvetica", "B", 9)
		p.CellFormat(28, lineH, p.tr(r[0]), "", 0, "L", false, 0, "")
		p.SetFont("Helvetica", "", fontBody)
		p.MultiCell(w-28, lineH, p.tr(r[1]), "", "L", false)
		y = p.GetY()
	}
	return y
}

// column is one column of a table: its heading, width (mm) and alignment.
type column struct {
	head  string
	width float64
	align string
}

// table writes a header row and the rows, shading every other row; a row too tall for the page
// moves to the next with the header repeated.
func (p *page) table(cols []column, rows [][]string, total []string) {
	header := func() {
		p.SetFont("Helvetica", "B", 9)
		p.SetFillColor(220, 228, 240)
		for _, c := range cols {
			p.CellFormat(c.width, 6, p.tr(c.head), "B", 0, c.align, true, 0, "")
		}
		p.Ln(-1)
		p.SetFont("Helvetica", "", 9)
	}
	header()
	_, pageH := p.GetPageSize()
	for i, r := range rows {
		if p.GetY()+6 > pageH-margin-6 {
			p.AddPage()
			header()
		}
		p.SetFillColor(245, 247, 250)
		for j, c := range cols {
			p.CellFormat(c.width, 6, p.tr(fit(p, r[j], c.width-1)), "", 0, c.align, i%2 == 1, 0, "")
		}
		p.Ln(-1)
	}
	if total != nil {
		p.SetFont("Helvetica", "B", 9)
		for j, c := range cols {
			p.CellFormat(c.width, 7, p.tr(total[j]), "T", 0, c.align, false, 0, "")
		}
		p.Ln(-1)
		p.SetFont("Helvetica", "", fontBody)
	}
}

// fit shortens s with an ellipsis until it fits width w at the current font.
func fit(p *page, s string, w float64) string {
	if p.GetStringWidth(p.tr(s)) <= w {
		return s
	}
	for len(s) > 1 && p.GetStringWidth(p.tr(s+"…")) > w {
		s = strings.TrimSpace(s[:len(s)-1])
	}
	return s + "…"
}

// money writes cents with two decimals: $1,234.50.
func money(c carepath.Cents) string {
	s := c.String()
	if !strings.Contains(s, ".") {
		s += ".00"
	}
	return s
}

// dateText writes a YYYY-MM-DD date as "March 2, 2026".
func dateText(d string) string {
	t, err := time.Parse(carepath.DateLayout, d)
	if err != nil {
		return d
	}
	return t.Format("January 2, 2006")
}

func output(p *page, w io.Writer) error {
	if err := p.Output(w); err != nil {
		return fmt.Errorf("render pdf: %w", err)
	}
	return nil
}
