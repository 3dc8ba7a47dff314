package api

import (
	"context"
	"net/http"

	"github.com/carepath/carepath"
)

// reviewList is the answer of GET /api/v1/clients/{id}/reviews, newest first.
type reviewList struct {
	Reviews []*carepath.Review `json:"reviews"`
}

// reviewDeclineBody is the body of POST /api/v1/reviews/{id}/decline.
type reviewDeclineBody struct {
	Reason string `json:"reason"`
}

// registerReviews adds the routes of continued-stay reviews.
func (a *API) registerReviews(mux Mux) {
	mux.HandleFunc("POST /api/v1/clients/{id}/reviews", a.runReview)
	mux.HandleFunc("GET /api/v1/clients/{id}/reviews", a.listReviews)
	mux.HandleFunc("GET /api/v1/reviews/{id}", a.getReview)
	mux.HandleFunc("POST /api/v1/reviews/{id}/accept", a.acceptReview)
	mux.HandleFunc("POST /api/v1/reviews/{id}/decline", a.declineReview)
}

// runReview runs a continued-stay review of the client and answers 201 with its suggestion.
func (a *API) runReview(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusCreated, func(ctx context.Context) (*carepath.Review, error) {
		rv, err := a.Reviews.RunReview(ctx, r.PathValue("id"))
		if err == nil {
			w.Header().Set("Location", "/api/v1/reviews/"+rv.ID)
		}
		return rv, err
	})
}

// listReviews answers the client's reviews, newest first.
func (a *API) listReviews(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (reviewList, error) {
		list, err := a.Reviews.FindReviews(ctx, r.PathValue("id"))
		return reviewList{Reviews: list}, err
	})
}

// getReview answers one review.
func (a *API) getReview(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (*carepath.Review, error) {
		return a.Reviews.FindReviewByID(ctx, r.PathValue("id"))
	})
}

// acceptReview accepts a pending review (a step up or down transfers the episode) and answers
// the review as decided.
func (a *API) acceptReview(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (*carepath.Review, error) {
		return a.Reviews.AcceptReview(ctx, r.PathValue("id"))
	})
}

// declineReview declines a pending review for the reason in the body.
func (a *API) declineReview(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusOK, func(ctx context.Context, body reviewDeclineBody) (*carepath.Review, error) {
		return a.Reviews.DeclineReview(ctx, r.PathValue("id"), body.Reason)
	})
}
