package web

import "net/http"

// groupShow is a group's page: when and where it meets, who runs it, today's roster with a way
// to take a client off from a date, adding a client (the capacity holds), and the roster's
// history.
func (s *Server) groupShow(w http.ResponseWriter, r *http.Request, who signedIn) {
	v, ok := s.groupPage(w, r, who)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "group", v)
}
