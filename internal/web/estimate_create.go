package web

import (
	"net/http"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/statement"
)

// estimateCreate gives the client a good-faith estimate, keeps it as issued, and goes back to
// the list pointing at it; what it cannot be priced without (an assessment, an episode, the
// clinic's billing details) or an insured client is shown on the list (400), nothing kept.
func (s *Server) estimateCreate(w http.ResponseWriter, r *http.Request, who signedIn) {
	e, _, err := statement.IssueEstimate(r.Context(), s.Services, r.PathValue("id"), time.Now())
	switch {
	case err == nil:
		http.Redirect(w, r, "/staff/clients/"+e.ClientID+"/estimates?new="+e.ID+"#estimate-"+e.ID, http.StatusSeeOther)
	case isInvalid(err):
		s.renderEstimateList(w, r, http.StatusBadRequest, carepath.ErrorMessage(err)+" "+firstFieldMessage(err))
	default:
		s.fail(w, r, "issue estimate", err, statementErrors)
	}
}
