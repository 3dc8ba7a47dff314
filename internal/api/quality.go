package api

import "net/http"

// programQuality answers a program's quality-of-care report for ?from=YYYY-Www&to=YYYY-Www.
func (a *API) programQuality(w http.ResponseWriter, r *http.Request) {
	ctx, err := a.authenticate(r)
	if err != nil {
		a.writeAuthError(w, r, err)
		return
	}
	q := r.URL.Query()
	rep, err := a.Attendance.ProgramQuality(ctx, r.PathValue("id"), q.Get("from"), q.Get("to"))
	if err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	WriteJSON(w, http.StatusOK, rep)
}
