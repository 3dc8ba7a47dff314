package api

import (
	"log/slog"
	"net/http"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/notify"
	"github.com/carepath/carepath/placement"
)

// API holds what the JSON handlers need: the services (internal/app builds them once), the
// placement rules and the log.
type API struct {
	carepath.Services
	Placement placement.Config
	Log       *slog.Logger
	// Sender sends answer links (nil: a log sender), whose address starts with BaseURL (empty:
	// the scheme the client used and the request's host, httpserver.ExternalURL).
	Sender  notify.Sender
	BaseURL string
}

// Mux is where Register adds the routes: an *http.ServeMux, or a test's recorder that checks
// the route table against the OpenAPI document.
type Mux interface {
	Handle(pattern string, handler http.Handler)
	HandleFunc(pattern string, handler func(http.ResponseWriter, *http.Request))
}

// Register adds every JSON API route to mux. This is the API's one route table. Every other
// request under Prefix is answered by problem details: 404 for an unknown path, 405 with an
// Allow header for a method the path does not serve.
func (a *API) Register(root Mux) {
	mux := &routeTable{mux: root}
	mux.HandleFunc("POST /api/v1/placements", a.createPlacement)
	mux.HandleFunc("GET /api/v1/openapi.json", a.openAPI)
	mux.HandleFunc("GET /api/v1/intakes", a.listIntakes)
	mux.HandleFunc("GET /api/v1/intakes/{id}", a.getIntake)
	mux.HandleFunc("POST /api/v1/intakes/{id}/status", a.setIntakeStatus)
	mux.HandleFunc("POST /api/v1/clients", a.createClient)
	mux.HandleFunc("GET /api/v1/clients", a.listClients)
	mux.HandleFunc("GET /api/v1/clients/{id}", a.getClient)
	mux.HandleFunc("PATCH /api/v1/clients/{id}", a.updateClient)
	mux.HandleFunc("GET /api/v1/audit", a.listAccessLog)
	mux.HandleFunc("POST /api/v1/programs", a.createProgram)
	mux.HandleFunc("GET /api/v1/programs", a.listPrograms)
	mux.HandleFunc("GET /api/v1/programs/{id}", a.getProgram)
	mux.HandleFunc("GET /api/v1/programs/{id}/census", a.programCensus)
	mux.HandleFunc("POST /api/v1/clients/{id}/episodes", a.admitClient)
	mux.HandleFunc("GET /api/v1/clients/{id}/episodes", a.listEpisodes)
	mux.HandleFunc("POST /api/v1/episodes/{id}/transfers", a.transferEpisode)
	mux.HandleFunc("POST /api/v1/episodes/{id}/discharge", a.dischargeEpisode)
	mux.HandleFunc("POST /api/v1/clients/{id}/assessments", a.createAssessment)
	mux.HandleFunc("GET /api/v1/clients/{id}/assessments", a.listAssessments)
	mux.HandleFunc("POST /api/v1/intakes/{id}/convert", a.convertIntake)
	mux.HandleFunc("POST /api/v1/clients/{id}/consents", a.recordConsent)
	mux.HandleFunc("GET /api/v1/clients/{id}/consents", a.listConsents)
	mux.HandleFunc("POST /api/v1/consents/{id}/revoke", a.revokeConsent)
	mux.HandleFunc("POST /api/v1/clients/{id}/releases", a.releaseRecords)
	mux.HandleFunc("POST /api/v1/clients/{id}/plans", a.createPlan)
	mux.HandleFunc("GET /api/v1/clients/{id}/plans", a.listPlans)
	mux.HandleFunc("GET /api/v1/plans/{id}", a.getPlan)
	mux.HandleFunc("PUT /api/v1/plans/{id}", a.updatePlan)
	mux.HandleFunc("POST /api/v1/plans/{id}/sign", a.signPlan)
	mux.HandleFunc("POST /api/v1/plans/{id}/acknowledge", a.acknowledgePlan)
	a.registerNotes(mux)
	a.registerDelivery(mux)
	a.registerMeasures(mux)
	a.registerSchedulePlans(mux)
	a.registerProgramDetails(mux)
	a.registerReviews(mux)
	a.registerOutcomes(mux)
	a.registerSafety(mux)
	a.registerStaff(mux)
	a.registerBilling(mux)
	root.HandleFunc(Prefix, mux.miss)
}
