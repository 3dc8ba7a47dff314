package api

import (
	"context"
	"net/http"

	"github.com/carepath/carepath"
)

// programQuality answers a program's quality-of-care report for the weeks ?from= to ?to=
// (both included), each an ISO week (YYYY-Www) or a date standing for the week that holds it.
func (a *API) programQuality(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (*carepath.QualityReport, error) {
		q := r.URL.Query()
		from, err := weekParam("from", q.Get("from"))
		if err != nil {
			return nil, err
		}
		to, err := weekParam("to", q.Get("to"))
		if err != nil {
			return nil, err
		}
		return a.Attendance.ProgramQuality(ctx, r.PathValue("id"), from, to)
	})
}
