package api

import (
	"context"
	"net/http"

	"github.com/carepath/carepath"
)

// registerOutcomes adds the outcomes report: how each level of care does, by baseline severity.
func (a *API) registerOutcomes(mux Mux) {
	mux.HandleFunc("GET /api/v1/outcomes", a.outcomeReport)
	mux.HandleFunc("GET /api/v1/outcomes.csv", a.outcomeReportCSV)
}

// outcomeFilter reads ?from=&to=&program_id=. from and to are dates or ISO weeks: from as a
// week is its Monday, to as a week includes that whole week (to as a date is the day after
// the period).
func outcomeFilter(r *http.Request) (carepath.OutcomeFilter, error) {
	q := r.URL.Query()
	from, err := startParam("from", q.Get("from"))
	if err != nil {
		return carepath.OutcomeFilter{}, err
	}
	to, err := endParam("to", q.Get("to"))
	if err != nil {
		return carepath.OutcomeFilter{}, err
	}
	return carepath.OutcomeFilter{From: from, To: to, ProgramID: q.Get("program_id")}, nil
}

// outcomeReport answers the outcomes report as JSON, or as CSV with ?format=csv.
func (a *API) outcomeReport(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Query().Get("format") {
	case "", "json":
	case "csv":
		a.outcomeReportCSV(w, r)
		return
	default:
		var errs carepath.FieldErrors
		errs.Add("format", "format", "Ask for format json or csv.")
		WriteError(w, r, a.Log, errs.Err())
		return
	}
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (*carepath.OutcomeReport, error) {
		f, err := outcomeFilter(r)
		if err != nil {
			return nil, err
		}
		return a.Outcomes.OutcomeReport(ctx, f)
	})
}

// outcomeReportCSV answers the outcomes report as CSV: a row per level and band (see
// outcome.Report.WriteCSV).
func (a *API) outcomeReportCSV(w http.ResponseWriter, r *http.Request) {
	ctx, err := a.authenticate(r)
	if err != nil {
		a.writeAuthError(w, r, err)
		return
	}
	f, err := outcomeFilter(r)
	var rep *carepath.OutcomeReport
	if err == nil {
		rep, err = a.Outcomes.OutcomeReport(ctx, f)
	}
	if err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="outcomes-`+rep.From+`-to-`+rep.To+`.csv"`)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(rep.CSV)
}
