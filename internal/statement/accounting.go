package statement

import (
	"context"
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/httpserver"
)

// Accounting is the accounting export of a period: the charges, the payments clients made and
// what payers' remittances posted, each read as the actor asking (the charges and payments of
// the clients they see, every read audited).
type Accounting struct {
	Charges  []*carepath.Charge
	Payments []*carepath.ClientPayment
	Postings []*carepath.PayerPosting
}

// AccountingExport reads the accounting export of the days f chooses (of one client when
// f.ClientID is set). EINVALID names from, to or client_id as the charge listing does.
func AccountingExport(ctx context.Context, svc carepath.Services, f carepath.ChargeFilter) (*Accounting, error) {
	charges, err := svc.Charges.FindCharges(ctx, f)
	if err != nil {
		return nil, err
	}
	payments, err := svc.Claims.FindClientPayments(ctx, carepath.ClientPaymentFilter{ClientID: f.ClientID, From: f.From, To: f.To})
	if err != nil {
		return nil, err
	}
	postings, err := svc.Claims.FindPayerPostings(ctx, carepath.PayerPostingFilter{ClientID: f.ClientID, From: f.From, To: f.To})
	if err != nil {
		return nil, err
	}
	return &Accounting{Charges: charges, Payments: payments, Postings: postings}, nil
}

// WriteCSV writes the export as CSV with a header line: the charges, then the client payments,
// then the payers' postings, every text cell neutralized against spreadsheet formulas
// (httpserver.CSVCell); amounts in dollars with cents. The entry column says which a row is
// (charge, client_payment or payer_payment). A client payment's row has its id, date, client,
// amount, status (received or voided), method, reference and the reason it was voided. A payer
// payment's row has the posting's id, the day paid, the client, the payer, the amount paid,
// the trace number as reference, the claim, the charge it paid (paid_charge_id), what was
// written off and left to the client, and the adjustments (group-reason amount, e.g.
// CO-45 50.00).
func (a *Accounting) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"charge_id", "date", "client_id", "program_id", "payer_id", "service", "code", "modifiers", "revenue_code",
		"place_of_service", "units", "amount", "status", "hold_reasons", "entry", "method", "reference", "void_reason",
		"claim_id", "paid_charge_id", "written_off", "patient_responsibility", "adjustments"})
	cell := httpserver.CSVCell
	for _, c := range a.Charges {
		var holds []string
		for _, h := range c.Holds {
			holds = append(holds, h.Rule+": "+h.Reason)
		}
		_ = cw.Write([]string{cell(c.ID), c.Date, c.ClientID, c.ProgramID, c.PayerID, cell(c.Service), cell(c.Code),
			cell(strings.Join(c.Modifiers, " ")), cell(c.RevenueCode), cell(c.PlaceOfService), strconv.Itoa(c.Units),
			dollars(c.Cents), c.Status, cell(strings.Join(holds, "; ")), "charge", "", "", "", "", "", "", "", ""})
	}
	for _, p := range a.Payments {
		status := "received"
		if p.Voided() {
			status = "voided"
		}
		_ = cw.Write([]string{p.ID, p.Date, p.ClientID, "", "", "", "", "", "", "", "", dollars(p.Cents), status, "",
			"client_payment", p.Method, cell(p.Reference), cell(p.VoidReason), "", "", "", "", ""})
	}
	for _, p := range a.Postings {
		var adj []string
		for _, x := range p.Adjustments {
			adj = append(adj, x.Group+"-"+x.Reason+" "+dollars(x.Cents))
		}
		_ = cw.Write([]string{p.ID, p.PaidOn, p.ClientID, "", p.PayerID, "", "", "", "", "", "", dollars(p.Paid), "posted", "",
			"payer_payment", "", cell(p.Reference), "", cell(p.ClaimID), cell(p.ChargeID), dollars(p.WrittenOff),
			dollars(p.PatientResponsibility), cell(strings.Join(adj, "; "))})
	}
	cw.Flush()
	return cw.Error()
}

// dollars writes cents as a plain decimal amount, e.g. 300.00.
func dollars(c carepath.Cents) string {
	sign := ""
	if c < 0 {
		sign, c = "-", -c
	}
	return sign + strconv.FormatInt(int64(c)/100, 10) + "." + strconv.FormatInt(int64(c)%100/10, 10) + strconv.FormatInt(int64(c)%10, 10)
}
