package web

import "net/http"

// deliveryRoutes registers the program-delivery pages: attendance, the week's schedules, dose, quality and the public scorecard, and the calendar feeds.
func (s *Server) deliveryRoutes(mux *http.ServeMux) {}
