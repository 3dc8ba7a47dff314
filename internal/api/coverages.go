package api

import (
	"context"
	"net/http"

	"github.com/carepath/carepath"
)

// payerList is the answer of GET /api/v1/payers.
type payerList struct {
	Payers []*carepath.Payer `json:"payers"`
}

// listPayers answers the payers by name.
func (a *API) listPayers(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (payerList, error) {
		list, err := a.Payers.FindPayers(ctx)
		return payerList{Payers: list}, err
	})
}

// createPayer adds a payer and answers 201 with it.
func (a *API) createPayer(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusCreated, func(ctx context.Context, in carepath.PayerInput) (*carepath.Payer, error) {
		return a.Payers.CreatePayer(ctx, in)
	})
}

// payerUpdateBody is the body of PATCH /api/v1/payers/{id}.
type payerUpdateBody struct {
	ClaimFormat *carepath.ClaimFormat `json:"claim_format"`
	Medicare    *bool                 `json:"medicare"`
}

// updatePayer sets the claim format a payer takes and whether it is Medicare.
func (a *API) updatePayer(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusOK, func(ctx context.Context, in payerUpdateBody) (*carepath.Payer, error) {
		return a.Payers.UpdatePayer(ctx, r.PathValue("id"), carepath.PayerUpdate{ClaimFormat: in.ClaimFormat, Medicare: in.Medicare})
	})
}

// addCoverage records a coverage of the client and answers 201 with it.
func (a *API) addCoverage(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusCreated, func(ctx context.Context, in carepath.CoverageInput) (*carepath.ClientCoverage, error) {
		return a.Coverages.AddCoverage(ctx, r.PathValue("id"), in)
	})
}

// coverageList is the answer of GET /api/v1/clients/{id}/coverages.
type coverageList struct {
	Coverages []*carepath.ClientCoverage `json:"coverages"`
}

// listCoverages answers the client's coverages in force, primary first.
func (a *API) listCoverages(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (coverageList, error) {
		list, err := a.Coverages.FindCoverages(ctx, r.PathValue("id"))
		return coverageList{Coverages: list}, err
	})
}
