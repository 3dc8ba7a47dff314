package web

import (
	"net/http"
)

// clientAvailabilityEdit shows a client's weekly availability grid.
func (s *Server) clientAvailabilityEdit(w http.ResponseWriter, r *http.Request, who signedIn) {
	c, err := s.Clients.FindClientByID(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, "client", err, pageErrors)
		return
	}
	a, err := s.Availability.FindClientAvailability(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, "client availability", err, pageErrors)
		return
	}
	v := clientAvailabilityView(who, c, a.Set, a.Slots)
	v.Saved = r.URL.Query().Get("saved") == "1"
	s.render(w, r, http.StatusOK, "availability", v)
}
