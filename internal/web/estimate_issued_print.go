package web

import (
	"bytes"
	"net/http"

	"github.com/carepath/carepath/internal/pdf"
	"github.com/carepath/carepath/internal/statement"
)

// estimateIssuedPrint answers a kept good-faith estimate as the PDF the client was given: made
// from the document kept when it was issued, whatever the rates are now.
func (s *Server) estimateIssuedPrint(w http.ResponseWriter, r *http.Request, who signedIn) {
	e, err := s.Estimates.FindEstimate(r.Context(), r.PathValue("id"), r.PathValue("eid"))
	if err != nil {
		s.fail(w, r, "issued estimate", err, statementErrors)
		return
	}
	g, err := statement.IssuedDocument(e)
	if err != nil {
		s.fail(w, r, "issued estimate: decode", err, statementErrors)
		return
	}
	var buf bytes.Buffer
	if err := pdf.GoodFaithEstimate(&buf, *g); err != nil {
		s.fail(w, r, "issued estimate: pdf", err, statementErrors)
		return
	}
	sendPDF(w, "good-faith-estimate-"+g.Number+".pdf", buf.Bytes())
}
