package api

import (
	"context"
	"net/http"

	"github.com/carepath/carepath"
)

// consentList is the answer of GET /api/v1/clients/{id}/consents: most recently signed
// first, each with active computed for today.
type consentList struct {
	Consents []*carepath.Consent `json:"consents"`
}

// consentBody is the body of POST /api/v1/clients/{id}/consents; the client is the path's.
type consentBody struct {
	Kind           carepath.ConsentKind         `json:"kind"`
	Recipient      string                       `json:"recipient"`
	Information    string                       `json:"information"`
	Purpose        string                       `json:"purpose"`
	Purposes       []carepath.DisclosurePurpose `json:"purposes"`
	SignedOn       string                       `json:"signed_on"`
	ExpiresOn      string                       `json:"expires_on"`
	ExpiresOnEvent string                       `json:"expires_on_event"`
}

// revokeBody is the body of POST /api/v1/consents/{id}/revoke.
type revokeBody struct {
	Reason string `json:"reason"`
}

// recordConsent stores a consent of the path's client and answers 201 with it.
func (a *API) recordConsent(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusCreated, func(ctx context.Context, in consentBody) (*carepath.Consent, error) {
		return a.Consents.RecordConsent(ctx, carepath.ConsentCreate{ClientID: r.PathValue("id"), Kind: in.Kind,
			Recipient: in.Recipient, Information: in.Information, Purpose: in.Purpose, Purposes: in.Purposes, SignedOn: in.SignedOn,
			ExpiresOn: in.ExpiresOn, ExpiresOnEvent: in.ExpiresOnEvent})
	})
}

// listConsents answers the path's client's consents.
func (a *API) listConsents(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (consentList, error) {
		list, err := a.Consents.FindConsents(ctx, r.PathValue("id"))
		return consentList{Consents: list}, err
	})
}

// revokeConsent revokes a consent and answers 200 with it; a consent already revoked is 409.
func (a *API) revokeConsent(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusOK, func(ctx context.Context, in revokeBody) (*carepath.Consent, error) {
		return a.Consents.RevokeConsent(ctx, r.PathValue("id"), in.Reason)
	})
}
