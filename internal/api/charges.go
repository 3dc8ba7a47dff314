package api

import (
	"context"
	"net/http"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/statement"
)

// chargeList is the answer of GET /api/v1/charges.
type chargeList struct {
	Charges []*carepath.Charge `json:"charges"`
}

// listCharges answers the charges of a period (from, to; one client with client_id), computed
// from attendance and signed notes; format=csv answers the accounting export of the period as CSV
// (statement.AccountingExport: the charges, the client payments and the payers' postings).
func (a *API) listCharges(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := carepath.ChargeFilter{From: q.Get("from"), To: q.Get("to"), ClientID: q.Get("client_id")}
	if q.Get("format") == "csv" {
		ctx, err := a.authenticate(r)
		if err != nil {
			a.writeAuthError(w, r, err)
			return
		}
		e, err := statement.AccountingExport(ctx, a.Services, f)
		if err != nil {
			WriteError(w, r, a.Log, err)
			return
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="carepath-charges.csv"`)
		w.Header().Set("Cache-Control", "no-store")
		_ = e.WriteCSV(w)
		return
	}
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (chargeList, error) {
		list, err := a.Charges.FindCharges(ctx, f)
		return chargeList{Charges: list}, err
	})
}
