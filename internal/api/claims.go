package api

import (
	"context"
	"io"
	"net/http"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/x12"
)

// setBillingProvider sets the clinic as claims name it.
func (a *API) setBillingProvider(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusOK, func(ctx context.Context, in carepath.BillingProvider) (*carepath.BillingProvider, error) {
		return a.Claims.SetBillingProvider(ctx, in)
	})
}

// createClaimBatch builds the payer's claims for a period as one 837 and answers 201 with the
// batch: its id, claims and their status.
func (a *API) createClaimBatch(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusCreated, func(ctx context.Context, in carepath.ClaimBatchInput) (*carepath.ClaimBatch, error) {
		b, err := a.Claims.CreateClaimBatch(ctx, in)
		if err == nil {
			w.Header().Set("Location", "/api/v1/claim-batches/"+b.ID)
		}
		return b, err
	})
}

// replaceClaim corrects a sent claim with a replacement claim (frequency 7) in a new batch and
// answers 201 with that batch; the body may give the payer's claim control number.
func (a *API) replaceClaim(w http.ResponseWriter, r *http.Request) {
	a.correctClaim(w, r, a.Claims.ReplaceClaim)
}

// voidClaim withdraws a sent claim with a void (frequency 8) in a new batch and answers 201
// with that batch; the body may give the payer's claim control number.
func (a *API) voidClaim(w http.ResponseWriter, r *http.Request) {
	a.correctClaim(w, r, a.Claims.VoidClaim)
}

// correctClaim serves a replacement or void of claim {id} made by correct.
func (a *API) correctClaim(w http.ResponseWriter, r *http.Request,
	correct func(context.Context, string, carepath.ClaimCorrectionInput) (*carepath.ClaimBatch, error)) {
	serveJSONBody(a, w, r, http.StatusCreated, func(ctx context.Context, in carepath.ClaimCorrectionInput) (*carepath.ClaimBatch, error) {
		b, err := correct(ctx, r.PathValue("id"), in)
		if err == nil {
			w.Header().Set("Location", "/api/v1/claim-batches/"+b.ID)
		}
		return b, err
	})
}

// claimBatchList is the answer of GET /api/v1/claim-batches.
type claimBatchList struct {
	ClaimBatches []*carepath.ClaimBatchSummary `json:"claim_batches"`
}

// listClaimBatches answers the claim batches newest first, with their claims counted by status;
// payer_id keeps one payer's, status those with a claim in that status.
func (a *API) listClaimBatches(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := carepath.ClaimBatchFilter{PayerID: q.Get("payer_id"), Status: q.Get("status")}
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (claimBatchList, error) {
		list, err := a.Claims.FindClaimBatches(ctx, f)
		return claimBatchList{ClaimBatches: list}, err
	})
}

// getClaimBatch answers a batch with its claims' status.
func (a *API) getClaimBatch(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (*carepath.ClaimBatch, error) {
		return a.Claims.FindClaimBatch(ctx, r.PathValue("id"))
	})
}

// getClaimBatchFile answers a batch's X12 837 file, exactly as written.
func (a *API) getClaimBatchFile(w http.ResponseWriter, r *http.Request) {
	ctx, err := a.authenticate(r)
	if err != nil {
		a.writeAuthError(w, r, err)
		return
	}
	file, err := a.Claims.ClaimBatchFile(ctx, r.PathValue("id"))
	if err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	w.Header().Set("Content-Type", "application/edi-x12")
	w.Header().Set("Content-Disposition", `attachment; filename="claims.837"`)
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(file)
}

// postRemittance posts an X12 835 sent as the body (application/edi-x12 or text/plain) and
// answers what it posted and what it could not match; 400 naming the segment of a malformed
// file, with nothing posted.
func (a *API) postRemittance(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (*carepath.Remittance, error) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, x12.MaxFileBytes))
		if err != nil {
			return nil, &carepath.Error{Code: carepath.ETOOLARGE, Message: "The file is too large."}
		}
		return a.Claims.PostRemittance(ctx, body)
	})
}

// getClientBalance answers the client's account from their claims and postings.
func (a *API) getClientBalance(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (*carepath.ClientBalance, error) {
		return a.Claims.FindClientBalance(ctx, r.PathValue("id"))
	})
}
