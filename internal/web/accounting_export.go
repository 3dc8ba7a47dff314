package web

import (
	"bytes"
	"net/http"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/statement"
)

// accountingExport answers the accounting export of the days from–to (query) as CSV: the
// charges, the client payments and the payers' postings of the clients the viewer sees
// (statement.AccountingExport). A bad period is the error page naming it (400).
func (s *Server) accountingExport(w http.ResponseWriter, r *http.Request, who signedIn) {
	q := r.URL.Query()
	e, err := statement.AccountingExport(r.Context(), s.Services, carepath.ChargeFilter{From: q.Get("from"), To: q.Get("to")})
	if isInvalid(err) {
		s.render(w, r, http.StatusBadRequest, "error", errorView{page: page{Title: "The export cannot be made"},
			Message: carepath.ErrorMessage(err) + " " + firstFieldMessage(err)})
		return
	}
	if err != nil {
		s.fail(w, r, "accounting export", err, statementErrors)
		return
	}
	var buf bytes.Buffer
	if err := e.WriteCSV(&buf); err != nil {
		s.fail(w, r, "accounting export: csv", err, statementErrors)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="carepath-accounting-`+q.Get("from")+`-`+q.Get("to")+`.csv"`)
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(buf.Bytes())
}
