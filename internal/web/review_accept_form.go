package web

import (
	"net/http"
)

// reviewAcceptForm asks to confirm the acceptance, saying what it will do.
func (s *Server) reviewAcceptForm(w http.ResponseWriter, r *http.Request, who signedIn) {
	v, ok := s.reviewBase(w, r, who)
	if !ok || !s.withReview(w, r, &v) {
		return
	}
	v.Title = "Accept the suggestion"
	s.render(w, r, http.StatusOK, "review_accept", v)
}
