package api

import (
	"net/http"

	"github.com/carepath/carepath"
)

// AdminOnly serves next only to a request with an admin's API token (Authorization: Bearer):
// 401 without a valid token, 403 for any other role, as problem details. It guards what is
// served beside the API to operators, such as /metrics.
func (a *API) AdminOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, err := a.authenticate(r)
		if err != nil {
			a.writeAuthError(w, r, err)
			return
		}
		if actor, _ := carepath.ActorFrom(ctx); actor.Role != carepath.RoleAdmin {
			WriteError(w, r, a.Log, carepath.Errorf(carepath.EFORBIDDEN, "Only an admin's token reads this."))
			return
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}
