package api

import (
	"log/slog"
	"net/http"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/placement"
)

// API holds what the JSON handlers need.
type API struct {
	Placement placement.Config
	Log       *slog.Logger
	Staff     carepath.StaffService  // checks bearer tokens
	Intakes   carepath.IntakeService // the intake queue
	Clients   carepath.ClientService
	Audit     carepath.AuditService
}

// Register adds every JSON API route to mux. This is the API's one route table.
func (a *API) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /api/v1/placements", a.createPlacement)
	mux.HandleFunc("GET /api/v1/openapi.json", a.openAPI)
	mux.HandleFunc("GET /api/v1/intakes", a.listIntakes)
	mux.HandleFunc("POST /api/v1/clients", a.createClient)
	mux.HandleFunc("GET /api/v1/clients", a.listClients)
	mux.HandleFunc("GET /api/v1/clients/{id}", a.getClient)
	mux.HandleFunc("PATCH /api/v1/clients/{id}", a.updateClient)
	mux.HandleFunc("GET /api/v1/audit", a.listAudit)
}
