package web

import (
	"net/http"
)

// reviewCreate runs a review and shows it; 409 when the client has no open episode.
func (s *Server) reviewCreate(w http.ResponseWriter, r *http.Request, who signedIn) {
	v, ok := s.reviewBase(w, r, who)
	if !ok {
		return
	}
	rv, err := s.Reviews.RunReview(r.Context(), v.Client.ID)
	switch {
	case err == nil:
		http.Redirect(w, r, "/staff/clients/"+v.Client.ID+"/reviews/"+rv.ID, http.StatusSeeOther)
	case isConflict(err):
		v.Problem = "The client has no open episode of care, so there is nothing to review. Admit the client to a program first."
		s.render(w, r, http.StatusConflict, "review", v)
	default:
		s.fail(w, r, "run review", err, reviewErrors)
	}
}
