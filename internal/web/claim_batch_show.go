package web

import (
	"net/http"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// claimBatchShow shows one batch: its period, payer, control number and total, and each claim
// with its client, lines, amounts, status and the payer's claim control number; a held claim
// lists every hold with what to do, and a sent claim offers its replacement and its void.
func (s *Server) claimBatchShow(w http.ResponseWriter, r *http.Request, who signedIn) {
	s.renderClaimBatch(w, r, who, http.StatusOK, r.PathValue("id"), nil)
}

// renderClaimBatch renders the page of batch id; fix, when given, is a correction of one of its
// claims that was refused, shown on that claim's form with what was typed and the errors.
func (s *Server) renderClaimBatch(w http.ResponseWriter, r *http.Request, who signedIn, status int, id string, fix *claimCorrectionForm) {
	if !access.Allowed(who.Role, access.Charge, access.Create) {
		s.deny(w, r, claimErrors)
		return
	}
	b, err := s.Claims.FindClaimBatch(r.Context(), id)
	if err != nil {
		s.fail(w, r, "find claim batch", err, claimErrors)
		return
	}
	v := claimBatchView{page: page{Title: "Claim batch " + batchNumber(b.InterchangeControl)}, Batch: b,
		CanPost: access.Allowed(who.Role, access.Charge, access.Update)}
	v.Claims = s.claimRows(r, b.Claims)
	for i, c := range b.Claims {
		if c.Status != carepath.ClaimHeld {
			v.HasFile = true
		}
		if fix != nil && fix.ClaimID == c.ID {
			v.Claims[i].Fix = fix
			v.Summary = summaryOf(fix.Errors, fix.order()...)
		}
	}
	s.render(w, r, status, "claim_batch", v)
}
