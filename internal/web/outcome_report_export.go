package web

import (
	"net/http"

	"github.com/carepath/carepath/access"
)

// outcomeReportExport sends the outcomes report as CSV.
func (s *Server) outcomeReportExport(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.OutcomeReport, access.Read) {
		s.deny(w, r, outcomeReportErrors)
		return
	}
	rep, err := s.Outcomes.OutcomeReport(r.Context(), outcomesFilter(r))
	if err != nil {
		if isInvalid(err) {
			s.render(w, r, http.StatusBadRequest, "error", errorView{page: page{Title: "Please check the period"},
				Message: "The period or program of this download is not valid. Please choose them again on the outcomes page."})
			return
		}
		s.fail(w, r, "outcomes csv", err, pageErrors)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="outcomes-`+rep.From+`-to-`+rep.To+`.csv"`)
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(rep.CSV)
}
