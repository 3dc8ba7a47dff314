package api

import (
	"context"
	"net/http"

	"github.com/carepath/carepath"
)

// registerSafety adds the routes of safety: programs' on-call rotas and office hours, the
// alerts the on-call rota is paged about, and clients' safety plans.
func (a *API) registerSafety(mux Mux) {
	mux.HandleFunc("GET /api/v1/programs/{id}/on-call", a.getOnCall)
	mux.HandleFunc("PUT /api/v1/programs/{id}/on-call", a.putOnCall)
	mux.HandleFunc("GET /api/v1/programs/{id}/office-hours", a.getOfficeHours)
	mux.HandleFunc("PUT /api/v1/programs/{id}/office-hours", a.putOfficeHours)
	mux.HandleFunc("GET /api/v1/safety-alerts/{id}", a.getSafetyAlert)
	mux.HandleFunc("POST /api/v1/safety-alerts/{id}/acknowledge", a.acknowledgeSafetyAlert)
	mux.HandleFunc("GET /api/v1/clients/{id}/safety-plan", a.getSafetyPlan)
	mux.HandleFunc("POST /api/v1/clients/{id}/safety-plan", a.saveSafetyPlan)
	mux.HandleFunc("GET /api/v1/clients/{id}/safety-plan/versions", a.listSafetyPlanVersions)
	mux.HandleFunc("GET /api/v1/clients/{id}/safety-plan/versions/{version}", a.getSafetyPlanVersion)
	mux.HandleFunc("POST /api/v1/clients/{id}/safety-plan/links", a.createSafetyPlanLink)
}

// getOnCall answers a program's on-call rota; 404 when it has none.
func (a *API) getOnCall(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (*carepath.OnCall, error) {
		return a.OnCall.FindOnCall(ctx, r.PathValue("id"))
	})
}

// putOnCall replaces a program's rota ({"primary_id", "backup_id", "intake_alerts", "shifts",
// "version"}) and answers it as stored; 409 when the version is stale.
func (a *API) putOnCall(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusOK, func(ctx context.Context, in carepath.OnCallUpdate) (*carepath.OnCall, error) {
		return a.OnCall.SetOnCall(ctx, r.PathValue("id"), in)
	})
}

// officeHoursBody is the body of PUT /api/v1/programs/{id}/office-hours.
type officeHoursBody struct {
	Days []carepath.OfficeSpan `json:"days"`
}

// getOfficeHours answers a program's office hours.
func (a *API) getOfficeHours(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (*carepath.OfficeHours, error) {
		return a.OnCall.FindOfficeHours(ctx, r.PathValue("id"))
	})
}

// putOfficeHours replaces a program's office hours.
func (a *API) putOfficeHours(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusOK, func(ctx context.Context, in officeHoursBody) (*carepath.OfficeHours, error) {
		if in.Days == nil {
			in.Days = []carepath.OfficeSpan{}
		}
		return a.OnCall.SetOfficeHours(ctx, r.PathValue("id"), in.Days)
	})
}

// getSafetyAlert answers one safety alert, with how to reach the person and who was paged.
func (a *API) getSafetyAlert(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (*carepath.SafetyAlert, error) {
		return a.SafetyAlerts.FindSafetyAlert(ctx, r.PathValue("id"))
	})
}

// acknowledgeSafetyAlert records an acknowledgement with its note; nothing more is sent
// about the alert.
func (a *API) acknowledgeSafetyAlert(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusOK, func(ctx context.Context, body alertAckBody) (*carepath.SafetyAlert, error) {
		return a.SafetyAlerts.AcknowledgeSafetyAlert(ctx, r.PathValue("id"), body.Note)
	})
}
