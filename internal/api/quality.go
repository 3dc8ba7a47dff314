package api

import (
	"context"
	"net/http"

	"github.com/carepath/carepath"
)

// programQuality answers a program's quality-of-care report for ?from=YYYY-Www&to=YYYY-Www.
func (a *API) programQuality(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (*carepath.QualityReport, error) {
		q := r.URL.Query()
		return a.Attendance.ProgramQuality(ctx, r.PathValue("id"), q.Get("from"), q.Get("to"))
	})
}
