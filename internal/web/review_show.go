package web

import (
	"net/http"
)

// reviewShow shows one review: the suggestion, its reasons, the data behind it and, while it
// is pending, the accept and decline forms.
func (s *Server) reviewShow(w http.ResponseWriter, r *http.Request, who signedIn) {
	v, ok := s.reviewBase(w, r, who)
	if !ok || !s.withReview(w, r, &v) {
		return
	}
	s.render(w, r, http.StatusOK, "review", v)
}
