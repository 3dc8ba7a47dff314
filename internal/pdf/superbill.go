package pdf

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/billing"
)

// Superbill renders s as a PDF the client sends to their insurer.
func Superbill(w io.Writer, s billing.Superbill) error {
	issued, _ := time.Parse(carepath.DateLayout, s.IssuedOn)
	p := newPage("Superbill "+s.Number, "Superbill "+s.Number, issued)
	p.title("Superbill", "Itemized statement of services for insurance reimbursement")

	top := p.GetY()
	half := p.width/2 - 4
	left := p.labelled(margin, half, [][2]string{
		{"Provider", s.Provider.Name}, {"NPI", s.Provider.NPI}, {"Tax id", s.Provider.TaxID},
		{"Address", s.Provider.Address.OneLine()}, {"Phone", s.Provider.Phone},
	})
	p.SetY(top)
	right := p.labelled(margin+half+8, half, [][2]string{
		{"Statement", s.Number}, {"Date", dateText(s.IssuedOn)}, {"Client", s.Client.Name},
		{"Born", dateText(s.Client.BirthDate)}, {"Insurance", s.PayerName}, {"Member id", s.MemberID},
	})
	p.SetY(max(left, right) + 2)

	p.heading("Diagnoses (ICD-10-CM)")
	for i, d := range s.Diagnoses {
		p.para(fmt.Sprintf("%c.  %s  %s", 'A'+i, d.Code, d.Description))
	}
	p.heading("Services")
	cols := []column{{"Date", 22, "L"}, {"Code", 16, "C"}, {"Mod", 12, "C"}, {"POS", 11, "C"}, {"Service", 61, "L"},
		{"Dx", 14, "C"}, {"Units", 12, "R"}, {"Charge", p.width - 148, "R"}}
	var rows [][]string
	for _, l := range s.Lines {
		rows = append(rows, []string{l.Date, l.Code, strings.Join(l.Modifiers, " "), l.PlaceOfService, l.Label,
			l.DiagnosisRefs, fmt.Sprint(l.Units), money(l.Cents)})
	}
	p.table(cols, rows, []string{"", "", "", "", "Total charges", "", "", money(s.Total)})
	p.heading("Payments received from the client")
	if len(s.Payments) == 0 {
		p.para("No payments received in this period.")
	} else {
		var paid [][]string
		for _, pay := range s.Payments {
			paid = append(paid, []string{dateText(pay.Date), carepath.PaymentMethodName(pay.Method), money(pay.Cents)})
		}
		p.table([]column{{"Date paid", 40, "L"}, {"Method", 40, "L"}, {"Amount paid", p.width - 80, "R"}}, paid,
			[]string{"", "Total paid", money(s.Paid)})
	}
	p.Ln(2)
	p.labelled(margin+p.width-80, 80, [][2]string{{"Paid", money(s.Paid)}, {"Balance due", money(s.BalanceDue)}})
	p.Ln(3)
	p.para(s.Statement)
	p.Ln(10)
	y := p.GetY()
	p.SetDrawColor(0, 0, 0)
	p.SetLineWidth(0.2)
	p.Line(margin, y, margin+90, y)
	p.Line(margin+110, y, margin+p.width, y)
	p.SetFont("Helvetica", "", 8)
	p.SetXY(margin, y+1)
	p.CellFormat(90, 4, p.tr("Provider signature"), "", 0, "L", false, 0, "")
	p.SetXY(margin+110, y+1)
	p.CellFormat(p.width-110, 4, p.tr("Date"), "", 0, "L", false, 0, "")
	return output(p, w)
}
