package api

import (
	"context"
	"net/http"
	"strconv"

	"github.com/carepath/carepath"
)

// listIntakes returns the intake queue as a JSON array, newest first, to a staff member
// whose role the policy lets see it: 401 without a valid token, 403 for other roles.
// ?status= and ?limit= narrow it.
func (a *API) listIntakes(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) ([]*carepath.Intake, error) {
		var filter carepath.IntakeFilter
		q := r.URL.Query()
		if s := q.Get("status"); s != "" {
			st := carepath.IntakeStatus(s)
			filter.Status = &st
		}
		if s := q.Get("limit"); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil {
				return nil, invalidQuery("limit", "Use a whole number.")
			}
			filter.Limit = n
		}
		return a.Intakes.FindIntakes(ctx, filter)
	})
}

// getIntake answers one intake request to a staff member whose role the policy lets see the
// queue: 401 without a valid token, 403 for other roles, 404 for an unknown id. Only that
// request is recorded as seen.
func (a *API) getIntake(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (*carepath.Intake, error) {
		return a.Intakes.FindIntakeByID(ctx, r.PathValue("id"))
	})
}
