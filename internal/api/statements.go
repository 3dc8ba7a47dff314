package api

import (
	"bytes"
	"context"
	"io"
	"net/http"

	"github.com/carepath/carepath/internal/pdf"
	"github.com/carepath/carepath/internal/statement"
)

// getGoodFaithEstimate answers the client's good-faith estimate as PDF, regenerated from the
// chart (statement.Estimate); 400 naming coverage for an insured client, assessment, episode or
// billing_provider when what it is priced from is missing.
func (a *API) getGoodFaithEstimate(w http.ResponseWriter, r *http.Request) {
	servePDF(a, w, r, "good-faith-estimate.pdf", func(ctx context.Context, out io.Writer) error {
		g, err := statement.Estimate(ctx, a.Services, r.PathValue("id"))
		if err != nil {
			return err
		}
		return pdf.GoodFaithEstimate(out, *g)
	})
}

// getSuperbill answers the client's superbill for ?from= through ?to= as PDF; 400 naming
// coverage for a client without out-of-network coverage, from and to for a bad period.
func (a *API) getSuperbill(w http.ResponseWriter, r *http.Request) {
	servePDF(a, w, r, "superbill.pdf", func(ctx context.Context, out io.Writer) error {
		q := r.URL.Query()
		s, err := statement.Superbill(ctx, a.Services, r.PathValue("id"), q.Get("from"), q.Get("to"))
		if err != nil {
			return err
		}
		return pdf.Superbill(out, *s)
	})
}

// servePDF authenticates r, writes the PDF write makes into a buffer and answers it as an
// attachment named name; an error is answered as problem details and nothing else is sent.
func servePDF(a *API, w http.ResponseWriter, r *http.Request, name string, write func(ctx context.Context, out io.Writer) error) {
	ctx, err := a.authenticate(r)
	if err != nil {
		a.writeAuthError(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := write(ctx, &buf); err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(buf.Bytes())
}
