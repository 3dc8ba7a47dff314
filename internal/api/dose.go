package api

import (
	"net/http"

	"github.com/carepath/carepath"
)

// alertList is the answer of GET /api/v1/alerts.
type alertList struct {
	Alerts []*carepath.Alert `json:"alerts"`
}

// clientDose answers a client's dose for ?week=YYYY-Www.
func (a *API) clientDose(w http.ResponseWriter, r *http.Request) {
	ctx, err := a.authenticate(r)
	if err != nil {
		a.writeAuthError(w, r, err)
		return
	}
	d, err := a.Attendance.ClientDose(ctx, r.PathValue("id"), r.URL.Query().Get("week"))
	if err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	WriteJSON(w, http.StatusOK, d)
}

// listAlerts answers the alerts of the signed-in staff member's clients, newest first.
func (a *API) listAlerts(w http.ResponseWriter, r *http.Request) {
	ctx, err := a.authenticate(r)
	if err != nil {
		a.writeAuthError(w, r, err)
		return
	}
	list, err := a.Attendance.FindAlerts(ctx)
	if err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	WriteJSON(w, http.StatusOK, alertList{Alerts: list})
}
