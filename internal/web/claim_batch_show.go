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
	var ids []string
	for _, c := range b.Claims {
		ids = append(ids, c.ClientID)
	}
	names := s.rosterNames(r, ids)
	for _, c := range b.Claims {
		row := claimRow{Claim: c, ClientName: names[c.ClientID], State: claimStatusOf(c.Status)}
		for _, h := range c.Holds {
			row.Holds = append(row.Holds, holdOf(h))
		}
		if c.Status != carepath.ClaimHeld {
			v.HasFile = true
		}
		v.Claims = append(v.Claims, row)
	}
	s.render(w, r, http.StatusOK, "claim_batch", v)
}
