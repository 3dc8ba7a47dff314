package web

import (
	"net/http"
)

// signInEnd ends the session (and who signed in on this browser) and shows the sign-in page.
func (s *Server) signInEnd(w http.ResponseWriter, r *http.Request) {
	s.forgetOwner(w, r)
	if err := s.manager(r).Destroy(r.Context()); err != nil {
		s.Log.Error("end session", "err", err)
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}
