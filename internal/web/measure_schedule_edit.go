package web

import (
	"net/http"

	"github.com/carepath/carepath/access"
)

// measureScheduleEdit shows a client's schedule and the form to override it.
func (s *Server) measureScheduleEdit(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Measure, access.Create) {
		s.deny(w, r, measureErrors)
		return
	}
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	view, ok := s.measureScheduleRead(w, r, who, c, nil, map[string]string{})
	if !ok {
		return
	}
	switch r.URL.Query().Get("done") {
	case "saved":
		view.Notice = "The schedule was saved. It now overrides the level's default."
	case "reset":
		view.Notice = "The schedule follows the level's default again."
	}
	s.render(w, r, http.StatusOK, "measure_schedule", view)
}
