package api

import (
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
	ctx, err := a.authenticate(r)
	if err != nil {
		a.writeAuthError(w, r, err)
		return
	}
	all := r.URL.Query().Get("all")
	if all != "" && all != "true" && all != "false" {
		WriteError(w, r, a.Log, invalidQuery("all", "must be true or false"))
		return
	}
	list, err := a.MeasureAlerts.FindMeasureAlerts(ctx, all == "true")
	if err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	WriteJSON(w, http.StatusOK, measureAlertList{Alerts: list})
}

// acknowledgeMeasureAlert records an acknowledgement with its note.
func (a *API) acknowledgeMeasureAlert(w http.ResponseWriter, r *http.Request) {
	ctx, err := a.authenticate(r)
	if err != nil {
		a.writeAuthError(w, r, err)
		return
	}
	var body alertAckBody
	if err := decodeJSON(w, r, &body); err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	al, err := a.MeasureAlerts.AcknowledgeMeasureAlert(ctx, r.PathValue("id"), body.Note)
	if err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	WriteJSON(w, http.StatusOK, al)
}
