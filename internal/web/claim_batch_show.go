package web

import (
	"net/http"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// claimBatchShow shows one batch: its period, payer, control number and total, and each claim
// with its client, lines, amounts and status; a held claim lists every hold with what to do.
func (s *Server) claimBatchShow(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Charge, access.Create) {
		s.deny(w, r, claimErrors)
		return
	}
	b, err := s.Claims.FindClaimBatch(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, "find claim batch", err, claimErrors)
		return
	}
	v := claimBatchView{page: page{Title: "Claim batch " + batchNumber(b.InterchangeControl)}, Batch: b,
		CanPost: access.Allowed(who.Role, access.Charge, access.Update)}
	v.Claims = s.claimRows(r, b.Claims)
	for _, c := range b.Claims {
		if c.Status != carepath.ClaimHeld {
			v.HasFile = true
		}
	}
	s.render(w, r, http.StatusOK, "claim_batch", v)
}
