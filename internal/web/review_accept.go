package web

import (
	"net/http"
)

// reviewAccept accepts the review (a step up or down transfers the episode today) and shows
// it; 409 when it was already decided or the episode changed since the review ran.
func (s *Server) reviewAccept(w http.ResponseWriter, r *http.Request, who signedIn) {
	v, ok := s.reviewBase(w, r, who)
	if !ok || !s.withReview(w, r, &v) {
		return
	}
	_, err := s.Reviews.AcceptReview(r.Context(), v.Review.ID)
	switch {
	case err == nil:
		http.Redirect(w, r, "/staff/clients/"+v.Client.ID+"/reviews/"+v.Review.ID, http.StatusSeeOther)
	case isConflict(err):
		s.reviewConflict(w, r, who, err)
	default:
		s.fail(w, r, "accept review", err, reviewErrors)
	}
}
