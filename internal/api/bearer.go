package api

import (
	"context"
	"net/http"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/httpserver"
)

// authenticate turns the request's "Authorization: Bearer <token>" into the staff member's
// actor and returns a context carrying it. A missing, malformed, wrong or revoked token is
// EUNAUTHORIZED. A refused token is audited (as token.login) under the caller's address.
func (a *API) authenticate(r *http.Request) (context.Context, error) {
	h := r.Header.Get("Authorization")
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		return nil, carepath.Errorf(carepath.EUNAUTHORIZED, "Send an API token as Authorization: Bearer <token>.")
	}
	if a.Staff == nil {
		return nil, carepath.Errorf(carepath.EUNAUTHORIZED, "API tokens are not accepted here.")
	}
	st, err := a.Staff.AuthenticateToken(httpserver.PublicContext(r), strings.TrimSpace(token))
	if err != nil {
		return nil, err
	}
	return carepath.NewContext(r.Context(), st.Actor(httpserver.RemoteAddr(r))), nil
}

// writeAuthError writes err, with the WWW-Authenticate challenge RFC 6750 asks of a 401.
func (a *API) writeAuthError(w http.ResponseWriter, r *http.Request, err error) {
	if carepath.ErrorCode(err) == carepath.EUNAUTHORIZED {
		w.Header().Set("WWW-Authenticate", `Bearer realm="carepath"`)
	}
	WriteError(w, r, a.Log, err)
}

// Authenticate is the API's bearer-token sign-in for other endpoints served beside the API
// (FHIR under /fhir/R4): it returns a context carrying the token's actor, or EUNAUTHORIZED.
func (a *API) Authenticate(r *http.Request) (context.Context, error) { return a.authenticate(r) }
