package api

import (
	"context"
	"net/http"

	"github.com/carepath/carepath"
)

// addAuthorization records an authorization of the episode and answers 201 with it, its units
// used and left and the date its units run out.
func (a *API) addAuthorization(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusCreated, func(ctx context.Context, in carepath.AuthorizationInput) (*carepath.Authorization, error) {
		auth, err := a.Authorizations.AddAuthorization(ctx, r.PathValue("id"), in)
		if err == nil {
			w.Header().Set("Location", "/api/v1/authorizations/"+auth.ID)
		}
		return auth, err
	})
}

// authorizationList is the answer of GET /api/v1/episodes/{id}/authorizations.
type authorizationList struct {
	Authorizations []*carepath.Authorization `json:"authorizations"`
}

// listAuthorizations answers the episode's authorizations by start.
func (a *API) listAuthorizations(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (authorizationList, error) {
		list, err := a.Authorizations.FindAuthorizations(ctx, r.PathValue("id"))
		return authorizationList{Authorizations: list}, err
	})
}

// getAuthorization answers one authorization.
func (a *API) getAuthorization(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (*carepath.Authorization, error) {
		return a.Authorizations.FindAuthorization(ctx, r.PathValue("id"))
	})
}

// updateAuthorization extends an authorization, moves its next review or assigns its
// reviewer; 400 naming units when fewer than those used.
func (a *API) updateAuthorization(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusOK, func(ctx context.Context, in carepath.AuthorizationUpdate) (*carepath.Authorization, error) {
		return a.Authorizations.UpdateAuthorization(ctx, r.PathValue("id"), in)
	})
}

// authorizationAlertList is the answer of GET /api/v1/authorization-alerts.
type authorizationAlertList struct {
	Alerts []*carepath.AuthorizationAlert `json:"alerts"`
}

// listAuthorizationAlerts answers the authorization alerts due today of the caller's clients.
func (a *API) listAuthorizationAlerts(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (authorizationAlertList, error) {
		list, err := a.Authorizations.FindAuthorizationAlerts(ctx)
		return authorizationAlertList{Alerts: list}, err
	})
}

// listAssignedAuthorizations answers the authorizations assigned to the caller as payer
// reviewer, each with its client's name, and how many are withheld for want of a consent;
// assigned must be "me".
func (a *API) listAssignedAuthorizations(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (*carepath.AssignedAuthorizations, error) {
		if r.URL.Query().Get("assigned") != "me" {
			var errs carepath.FieldErrors
			errs.Add("assigned", "required", "Please ask for assigned=me: the authorizations assigned to you.")
			return nil, errs.Err()
		}
		return a.Authorizations.FindAssignedAuthorizations(ctx)
	})
}
