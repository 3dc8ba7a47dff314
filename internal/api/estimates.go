package api

import (
	"context"
	"io"
	"net/http"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/pdf"
	"github.com/carepath/carepath/internal/statement"
)

// issueGoodFaithEstimate gives the client a good-faith estimate and keeps it on the chart as
// issued (statement.IssueEstimate): 201 with the kept estimate and its document; 400 naming
// coverage, assessment, episode or billing_provider as getGoodFaithEstimate does.
func (a *API) issueGoodFaithEstimate(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusCreated, func(ctx context.Context) (*carepath.IssuedEstimate, error) {
		e, _, err := statement.IssueEstimate(ctx, a.Services, r.PathValue("id"), time.Now())
		return e, err
	})
}

// issuedEstimateList is the answer of GET /api/v1/clients/{id}/good-faith-estimates.
type issuedEstimateList struct {
	Estimates []*carepath.IssuedEstimate `json:"estimates"`
}

// listIssuedEstimates answers the estimates given to the client, newest first, without their
// documents.
func (a *API) listIssuedEstimates(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (issuedEstimateList, error) {
		list, err := a.Estimates.FindEstimates(ctx, r.PathValue("id"))
		return issuedEstimateList{Estimates: list}, err
	})
}

// getIssuedEstimate answers one estimate given to the client, with its document as issued.
func (a *API) getIssuedEstimate(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (*carepath.IssuedEstimate, error) {
		return a.Estimates.FindEstimate(ctx, r.PathValue("id"), r.PathValue("eid"))
	})
}

// getIssuedEstimatePDF answers one estimate given to the client as the PDF made from its
// document as issued: the same figures, whatever the rates are now.
func (a *API) getIssuedEstimatePDF(w http.ResponseWriter, r *http.Request) {
	servePDF(a, w, r, "good-faith-estimate.pdf", func(ctx context.Context, out io.Writer) error {
		e, err := a.Estimates.FindEstimate(ctx, r.PathValue("id"), r.PathValue("eid"))
		if err != nil {
			return err
		}
		g, err := statement.IssuedDocument(e)
		if err != nil {
			return err
		}
		return pdf.GoodFaithEstimate(out, *g)
	})
}
