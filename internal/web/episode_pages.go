package web

import "net/http"

// episodeRoutes registers the admit, transfer and discharge forms.
func (s *Server) episodeRoutes(mux *http.ServeMux) {}
