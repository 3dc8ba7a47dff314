package web

import "net/http"

// intakeShow is one intake request: what the person sent, who changed its status and when
// (with their notes), and the form that marks it contacted, closed or new again.
func (s *Server) intakeShow(w http.ResponseWriter, r *http.Request, who signedIn) {
	v, ok := s.intakePage(w, r, who)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "intake", v)
}
