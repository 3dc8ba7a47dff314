package web

import "net/http"

// noteRoutes registers the clinical-note pages: writing, signing and co-signing notes, and addenda.
func (s *Server) noteRoutes(mux *http.ServeMux) {}
