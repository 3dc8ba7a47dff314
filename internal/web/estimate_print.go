package web

import (
	"bytes"
	"net/http"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/pdf"
	"github.com/carepath/carepath/internal/statement"
)

// estimatePrint answers the client's good-faith estimate as a PDF the client keeps,
// regenerated from the chart (statement.Estimate); what it cannot be priced without (an
// assessment, an episode, the clinic's billing details) or an insured client comes back as the
// error page naming it.
func (s *Server) estimatePrint(w http.ResponseWriter, r *http.Request, who signedIn) {
	g, err := statement.Estimate(r.Context(), s.Services, r.PathValue("id"))
	if err != nil {
		s.statementFail(w, r, "good-faith estimate", err)
		return
	}
	var buf bytes.Buffer
	if err := pdf.GoodFaithEstimate(&buf, *g); err != nil {
		s.fail(w, r, "good-faith estimate: pdf", err, statementErrors)
		return
	}
	sendPDF(w, "good-faith-estimate-"+g.IssuedOn+".pdf", buf.Bytes())
}

// statementFail answers a billing document that cannot be made: what is missing (an EINVALID
// naming coverage, assessment, episode, billing_provider or the period) as a 400 page in the
// error's own words, anything else as the error page.
func (s *Server) statementFail(w http.ResponseWriter, r *http.Request, what string, err error) {
	if isInvalid(err) {
		s.render(w, r, http.StatusBadRequest, "error", errorView{page: page{Title: "The document cannot be made yet"}, Message: carepath.ErrorMessage(err)})
		return
	}
	s.fail(w, r, what, err, statementErrors)
}

// sendPDF answers data as a PDF attachment named name, never cached.
func sendPDF(w http.ResponseWriter, name string, data []byte) {
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(data)
}
