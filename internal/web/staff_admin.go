package web

import "net/http"

// staffAdminRoutes registers staff management and TOTP enrolment.
func (s *Server) staffAdminRoutes(mux *http.ServeMux) {}
