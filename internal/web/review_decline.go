package web

import (
	"net/http"
	"strings"
)

// reviewDecline declines the review for the reason typed; 400 naming the reason (kept as
// typed) when it is missing or too long.
func (s *Server) reviewDecline(w http.ResponseWriter, r *http.Request, who signedIn) {
	v, ok := s.reviewBase(w, r, who)
	if !ok || !s.withReview(w, r, &v) {
		return
	}
	_ = r.ParseForm()
	v.Reason = strings.TrimSpace(r.PostForm.Get("reason"))
	_, err := s.Reviews.DeclineReview(r.Context(), v.Review.ID, v.Reason)
	switch {
	case err == nil:
		http.Redirect(w, r, "/staff/clients/"+v.Client.ID+"/reviews/"+v.Review.ID, http.StatusSeeOther)
	case isInvalid(err):
		placeFieldErrors(v.Errors, err, func(field, code string) string { return "decline-reason" }, "decline-reason")
		v.Summary = summaryOf(v.Errors, "decline-reason")
		s.render(w, r, http.StatusBadRequest, "review", v)
	case isConflict(err):
		s.reviewConflict(w, r, who, err)
	default:
		s.fail(w, r, "decline review", err, reviewErrors)
	}
}
