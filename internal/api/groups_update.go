package api

import (
	"context"
	"net/http"

	"github.com/carepath/carepath"
)

// updateGroup changes a group's name, capacity, facilitators, place or last date and answers
// 200 with it.
func (a *API) updateGroup(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusOK, func(ctx context.Context, in carepath.GroupUpdate) (*carepath.Group, error) {
		return a.Groups.UpdateGroup(ctx, r.PathValue("id"), in)
	})
}
