package web

import "net/http"

// consentRoutes registers the chart's consent pages.
func (s *Server) consentRoutes(mux *http.ServeMux) {}
