package api

import (
	"log/slog"
	"net/http"

	"github.com/carepath/carepath/placement"
)

// API holds what the JSON handlers need.
type API struct {
	Placement placement.Config
	Log       *slog.Logger
}

// Register adds every JSON API route to mux. This is the API's one route table.
func (a *API) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /api/v1/placements", a.createPlacement)
	mux.HandleFunc("GET /api/v1/openapi.json", a.openAPI)
}
