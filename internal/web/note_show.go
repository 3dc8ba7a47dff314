package web

import (
	"net/http"
)

// noteShow shows one note: its sections, attendees, objectives and addenda, and what the
// staff member may do with it.
func (s *Server) noteShow(w http.ResponseWriter, r *http.Request, who signedIn) {
	n, _, ok := s.readNote(w, r)
	if !ok {
		return
	}
	s.renderNotePage(w, r, who, http.StatusOK, n, func(*notePageView) {})
}
