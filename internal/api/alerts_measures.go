package api

import (
	"context"
	"net/http"

	"github.com/carepath/carepath"
)

// measureAlertList is the answer of GET /api/v1/measure-alerts. The attendance alerts of
// GET /api/v1/alerts are separate: they are not acknowledged.
type measureAlertList struct {
	Alerts []*carepath.MeasureAlert `json:"alerts"`
}

// alertAckBody is the body of POST /api/v1/measure-alerts/{id}/acknowledge.
type alertAckBody struct {
	Note string `json:"note"`
}

// listMeasureAlerts answers the measure alerts of the signed-in staff member's clients, most
// urgent first; ?all=true includes acknowledged ones.
func (a *API) listMeasureAlerts(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (measureAlertList, error) {
		all := r.URL.Query().Get("all")
		if all != "" && all != "true" && all != "false" {
			return measureAlertList{}, invalidQuery("all", "must be true or false")
		}
		list, err := a.MeasureAlerts.FindMeasureAlerts(ctx, all == "true")
		return measureAlertList{Alerts: list}, err
	})
}

// acknowledgeMeasureAlert records an acknowledgement with its note.
func (a *API) acknowledgeMeasureAlert(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusOK, func(ctx context.Context, body alertAckBody) (*carepath.MeasureAlert, error) {
		return a.MeasureAlerts.AcknowledgeMeasureAlert(ctx, r.PathValue("id"), body.Note)
	})
}
