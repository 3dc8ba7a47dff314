package web

import "net/http"

// intakeQueueRoutes registers the intake queue and its conversion form.
func (s *Server) intakeQueueRoutes(mux *http.ServeMux) {}
