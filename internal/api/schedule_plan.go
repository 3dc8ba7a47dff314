package api

import (
	"context"
	"net/http"

	"github.com/carepath/carepath"
)

// registerSchedulePlans adds the routes of "Plan next week": proposing and applying
// a program's weekly schedule, and the availability it is built from.
func (a *API) registerSchedulePlans(mux Mux) {
	mux.HandleFunc("POST /api/v1/programs/{id}/schedule-plans", a.proposeSchedulePlan)
	mux.HandleFunc("GET /api/v1/schedule-plans/{id}", a.getSchedulePlan)
	mux.HandleFunc("POST /api/v1/schedule-plans/{id}/apply", a.applySchedulePlan)
	mux.HandleFunc("GET /api/v1/clients/{id}/availability", a.getClientAvailability)
	mux.HandleFunc("PUT /api/v1/clients/{id}/availability", a.putClientAvailability)
	mux.HandleFunc("GET /api/v1/staff/{id}/availability", a.getClinicianAvailability)
	mux.HandleFunc("PUT /api/v1/staff/{id}/availability", a.putClinicianAvailability)
}

// availabilityBody is the body of PUT /api/v1/clients/{id}/availability and, with
// max_clients, of PUT /api/v1/staff/{id}/availability.
type availabilityBody struct {
	Slots      []string `json:"slots"`
	MaxClients *int     `json:"max_clients,omitempty"`
}

// proposeSchedulePlan builds, solves and stores a proposal, answering 201 with its changes.
func (a *API) proposeSchedulePlan(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusCreated, func(ctx context.Context, in carepath.SchedulePlanCreate) (*carepath.SchedulePlan, error) {
		p, err := a.SchedulePlans.ProposeSchedulePlan(ctx, r.PathValue("id"), in)
		if err == nil {
			w.Header().Set("Location", "/api/v1/schedule-plans/"+p.ID)
		}
		return p, err
	})
}

// getSchedulePlan answers a stored proposal.
func (a *API) getSchedulePlan(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (*carepath.SchedulePlan, error) {
		return a.SchedulePlans.FindSchedulePlanByID(ctx, r.PathValue("id"))
	})
}

// applySchedulePlan applies a proposal: 200 with it, 409 when stale or already applied.
func (a *API) applySchedulePlan(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (*carepath.SchedulePlan, error) {
		return a.SchedulePlans.ApplySchedulePlan(ctx, r.PathValue("id"))
	})
}

// getClientAvailability answers a client's weekly availability.
func (a *API) getClientAvailability(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (*carepath.ClientAvailability, error) {
		return a.Availability.FindClientAvailability(ctx, r.PathValue("id"))
	})
}

// putClientAvailability records a client's weekly availability.
func (a *API) putClientAvailability(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusOK, func(ctx context.Context, in availabilityBody) (*carepath.ClientAvailability, error) {
		return a.Availability.SetClientAvailability(ctx, r.PathValue("id"), in.Slots)
	})
}

// getClinicianAvailability answers a staff member's availability and caseload limit.
func (a *API) getClinicianAvailability(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (*carepath.ClinicianAvailability, error) {
		return a.Availability.FindClinicianAvailability(ctx, r.PathValue("id"))
	})
}

// putClinicianAvailability records a staff member's availability and caseload limit
// (max_clients: the default when left out).
func (a *API) putClinicianAvailability(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusOK, func(ctx context.Context, in availabilityBody) (*carepath.ClinicianAvailability, error) {
		ca := carepath.ClinicianAvailability{StaffID: r.PathValue("id"), Slots: in.Slots, MaxClients: carepath.DefaultMaxClients}
		if in.MaxClients != nil {
			ca.MaxClients = *in.MaxClients
		}
		return a.Availability.SetClinicianAvailability(ctx, ca)
	})
}
