package api

import (
	"context"
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/httpserver"
)

// chargeList is the answer of GET /api/v1/charges.
type chargeList struct {
	Charges []*carepath.Charge `json:"charges"`
}

// listCharges answers the charges of a period (from, to; one client with client_id), computed
// from attendance and signed notes; format=csv answers them as CSV for accounting.
func (a *API) listCharges(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := carepath.ChargeFilter{From: q.Get("from"), To: q.Get("to"), ClientID: q.Get("client_id")}
	if q.Get("format") == "csv" {
		ctx, err := a.authenticate(r)
		if err != nil {
			a.writeAuthError(w, r, err)
			return
		}
		list, err := a.Charges.FindCharges(ctx, f)
		if err != nil {
			WriteError(w, r, a.Log, err)
			return
		}
		payments, err := a.Claims.FindClientPayments(ctx, carepath.ClientPaymentFilter{ClientID: f.ClientID, From: f.From, To: f.To})
		if err != nil {
			WriteError(w, r, a.Log, err)
			return
		}
		writeChargesCSV(w, list, payments)
		return
	}
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (chargeList, error) {
		list, err := a.Charges.FindCharges(ctx, f)
		return chargeList{Charges: list}, err
	})
}

// writeChargesCSV writes charges, then the client payments of the same period, as CSV with a
// header line, every text cell neutralized against spreadsheet formulas; amounts in dollars with
// cents. The entry column says which a row is (charge or client_payment); a payment's row has
// its id, date, client, amount, status (received or voided), method, reference and the
// reason it was voided.
func writeChargesCSV(w http.ResponseWriter, list []*carepath.Charge, payments []*carepath.ClientPayment) {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="carepath-charges.csv"`)
	w.Header().Set("Cache-Control", "no-store")
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"charge_id", "date", "client_id", "program_id", "payer_id", "service", "code", "modifiers", "revenue_code",
		"place_of_service", "units", "amount", "status", "hold_reasons", "entry", "method", "reference", "void_reason"})
	cell := httpserver.CSVCell
	for _, c := range list {
		var holds []string
		for _, h := range c.Holds {
			holds = append(holds, h.Rule+": "+h.Reason)
		}
		_ = cw.Write([]string{cell(c.ID), c.Date, c.ClientID, c.ProgramID, c.PayerID, cell(c.Service), cell(c.Code),
			cell(strings.Join(c.Modifiers, " ")), cell(c.RevenueCode), cell(c.PlaceOfService), strconv.Itoa(c.Units),
			dollars(c.Cents), c.Status, cell(strings.Join(holds, "; ")), "charge", "", "", ""})
	}
	for _, p := range payments {
		status := "received"
		if p.Voided() {
			status = "voided"
		}
		_ = cw.Write([]string{p.ID, p.Date, p.ClientID, "", "", "", "", "", "", "", "", dollars(p.Cents), status, "",
			"client_payment", p.Method, cell(p.Reference), cell(p.VoidReason)})
	}
	cw.Flush()
}

// dollars writes cents as a plain decimal amount, e.g. 300.00.
func dollars(c carepath.Cents) string {
	sign := ""
	if c < 0 {
		sign, c = "-", -c
	}
	return sign + strconv.FormatInt(int64(c)/100, 10) + "." + strconv.FormatInt(int64(c)%100/10, 10) + strconv.FormatInt(int64(c)%10, 10)
}
