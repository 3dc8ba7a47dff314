package api

import (
	"context"
	"net/http"

	"github.com/carepath/carepath"
)

// alertList is the answer of GET /api/v1/alerts.
type alertList struct {
	Alerts []*carepath.Alert `json:"alerts"`
}

// clientDose answers a client's dose for ?week=, an ISO week (YYYY-Www) or a date standing for
// the week that holds it.
func (a *API) clientDose(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (*carepath.Dose, error) {
		week, err := weekParam("week", r.URL.Query().Get("week"))
		if err != nil {
			return nil, err
		}
		return a.Attendance.ClientDose(ctx, r.PathValue("id"), week)
	})
}

// listAlerts answers the alerts of the signed-in staff member's clients, newest first.
func (a *API) listAlerts(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (alertList, error) {
		list, err := a.Attendance.FindAlerts(ctx)
		return alertList{Alerts: list}, err
	})
}
