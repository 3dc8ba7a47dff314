package web

import (
	"net/http"
)

// reviewList shows the review page: run a review, and the reviews so far.
func (s *Server) reviewList(w http.ResponseWriter, r *http.Request, who signedIn) {
	v, ok := s.reviewBase(w, r, who)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "review", v)
}
