package web

import (
	"net/http"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// claimBatchList shows the claim batches newest first, filtered by payer and claim status, with
// links to make a batch and (for an admin) to post a remittance; a bad filter is named (400).
func (s *Server) claimBatchList(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Charge, access.Create) {
		s.deny(w, r, claimErrors)
		return
	}
	q := r.URL.Query()
	f := carepath.ClaimBatchFilter{PayerID: q.Get("payer_id"), Status: q.Get("status")}
	v := claimBatchesView{page: page{Title: "Claims"}, PayerID: f.PayerID, Status: f.Status, Filtered: f != carepath.ClaimBatchFilter{},
		CanPost: access.Allowed(who.Role, access.Charge, access.Update)}
	for _, st := range carepath.ClaimStatuses {
		v.Statuses = append(v.Statuses, claimStatusOf(st))
	}
	payers, err := s.Payers.FindPayers(r.Context())
	if err != nil {
		s.fail(w, r, "find payers", err, claimErrors)
		return
	}
	v.Payers = payers
	list, err := s.Claims.FindClaimBatches(r.Context(), f)
	status := http.StatusOK
	switch {
	case isInvalid(err):
		status, v.Error = http.StatusBadRequest, carepath.ErrorMessage(err)
		if fs := carepath.ErrorFields(err); len(fs) > 0 {
			v.Error = fs[0].Message
		}
	case err != nil:
		s.fail(w, r, "find claim batches", err, claimErrors)
		return
	}
	for _, b := range list {
		row := claimBatchRow{ClaimBatchSummary: b}
		for _, c := range b.ByStatus {
			row.Counts = append(row.Counts, claimStatusCount{claimStatusView: claimStatusOf(c.Status), Count: c.Count})
		}
		v.Rows = append(v.Rows, row)
	}
	s.render(w, r, status, "claim_batches", v)
}
