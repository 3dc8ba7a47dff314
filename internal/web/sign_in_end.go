package web

import (
	"net/http"
)

// signInEnd ends the session and shows the sign-in page.
func (s *Server) signInEnd(w http.ResponseWriter, r *http.Request) {
	if err := s.manager(r).Destroy(r.Context()); err != nil {
		s.Log.Error("end session", "err", err)
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}
