package web

import (
	"bytes"
	"net/http"

	"github.com/carepath/carepath/internal/pdf"
	"github.com/carepath/carepath/internal/statement"
)

// superbillPrint answers the client's superbill for the days from and to (query) as a PDF,
// regenerated from their charges (statement.Superbill); a client without out-of-network
// coverage, or a bad period, comes back as the error page naming it.
func (s *Server) superbillPrint(w http.ResponseWriter, r *http.Request, who signedIn) {
	q := r.URL.Query()
	b, err := statement.Superbill(r.Context(), s.Services, r.PathValue("id"), q.Get("from"), q.Get("to"))
	if err != nil {
		s.statementFail(w, r, "superbill", err)
		return
	}
	var buf bytes.Buffer
	if err := pdf.Superbill(&buf, *b); err != nil {
		s.fail(w, r, "superbill: pdf", err, statementErrors)
		return
	}
	sendPDF(w, "superbill-"+b.IssuedOn+".pdf", buf.Bytes())
}
