package web

import "net/http"

// planRoutes registers the chart's treatment-plan pages.
func (s *Server) planRoutes(mux *http.ServeMux) {}
