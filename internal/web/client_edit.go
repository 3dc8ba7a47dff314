package web

import "net/http"

// clientEditRoutes registers the pages that create and edit a client.
func (s *Server) clientEditRoutes(mux *http.ServeMux) {}
