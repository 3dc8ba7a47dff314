package web

import (
	"net/http"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// reviewView is the view model of the review pages.
type reviewView struct {
	page
	Who     signedIn
	Client  *carepath.Client
	Episode *carepath.Episode // the open episode, nil when there is none
	Review  *carepath.Review  // the review shown, nil on the review page itself
	History []*carepath.Review
	Reason  string            // the decline reason as typed
	Errors  map[string]string // by element id
	Summary []errorLink
	// Problem explains a refusal that is not about a field (409).
	Problem string
}

// reviewBase reads the chart's client, its open episode and its reviews, answering the error
// page itself when it cannot; ok is false then.
func (s *Server) reviewBase(w http.ResponseWriter, r *http.Request, who signedIn) (reviewView, bool) {
	v := reviewView{page: page{Title: "Continued-stay review"}, Who: who, Errors: map[string]string{}}
	if !access.Allowed(who.Role, access.Review, access.Create) || s.Reviews == nil {
		s.deny(w, r, reviewErrors)
		return v, false
	}
	c, ok := s.chartClient(w, r)
	if !ok {
		return v, false
	}
	v.Client = c
	if list, err := s.Episodes.FindEpisodes(r.Context(), c.ID); err == nil {
		for _, e := range list {
			if e.Status == carepath.EpisodeOpen {
				v.Episode = e
			}
		}
	} else {
		s.Log.Error("review episodes", "err", err)
	}
	history, err := s.Reviews.FindReviews(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, "list reviews", err, reviewErrors)
		return v, false
	}
	v.History = history
	return v, true
}

// withReview finds the review the path names among v's history.
func (s *Server) withReview(w http.ResponseWriter, r *http.Request, v *reviewView) bool {
	id := r.PathValue("review")
	for _, rv := range v.History {
		if rv.ID == id {
			v.Review = rv
			return true
		}
	}
	s.fail(w, r, "find review", carepath.Errorf(carepath.ENOTFOUND, "no such review"), reviewErrors)
	return false
}

// reviewIndex shows the review page: run a review, and the reviews so far.
func (s *Server) reviewIndex(w http.ResponseWriter, r *http.Request, who signedIn) {
	v, ok := s.reviewBase(w, r, who)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "review", v)
}

// reviewRun runs a review and shows it; 409 when the client has no open episode.
func (s *Server) reviewRun(w http.ResponseWriter, r *http.Request, who signedIn) {
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

// reviewShow shows one review: the suggestion, its reasons, the data behind it and, while it
// is pending, the accept and decline forms.
func (s *Server) reviewShow(w http.ResponseWriter, r *http.Request, who signedIn) {
	v, ok := s.reviewBase(w, r, who)
	if !ok || !s.withReview(w, r, &v) {
		return
	}
	s.render(w, r, http.StatusOK, "review", v)
}

// reviewAcceptForm asks to confirm the acceptance, saying what it will do.
func (s *Server) reviewAcceptForm(w http.ResponseWriter, r *http.Request, who signedIn) {
	v, ok := s.reviewBase(w, r, who)
	if !ok || !s.withReview(w, r, &v) {
		return
	}
	v.Title = "Accept the suggestion"
	s.render(w, r, http.StatusOK, "review_accept", v)
}

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

// reviewConflict shows the review again as it is now, explaining why nothing was done.
func (s *Server) reviewConflict(w http.ResponseWriter, r *http.Request, who signedIn, err error) {
	v, ok := s.reviewBase(w, r, who)
	if !ok || !s.withReview(w, r, &v) {
		return
	}
	v.Problem = carepath.ErrorMessage(err)
	s.render(w, r, http.StatusConflict, "review", v)
}

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
