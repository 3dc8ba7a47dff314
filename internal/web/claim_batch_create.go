package web

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// claimBatchCreate makes the posted batch and opens it, or shows the form again with what was
// typed kept and each problem named next to its field (400); nothing is written then. A format
// left to the payer's setting takes the payer's claim format; no client ticked bills every client
// of the payer with charges in the period.
func (s *Server) claimBatchCreate(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Charge, access.Create) {
		s.deny(w, r, claimErrors)
		return
	}
	_ = r.ParseForm()
	f := carepath.ClaimBatchInput{PayerID: r.PostForm.Get("payer_id"), From: r.PostForm.Get("from"), To: r.PostForm.Get("to"),
		Format: carepath.ClaimFormat(r.PostForm.Get("format"))}
	for _, id := range r.PostForm["client_ids"] {
		if id != "" {
			f.ClientIDs = append(f.ClientIDs, id)
		}
	}
	in := f
	if in.Format == "" {
		if payers, err := s.Payers.FindPayers(r.Context()); err == nil {
			for _, p := range payers {
				if p.ID == in.PayerID || p.PayerID == in.PayerID {
					in.Format = p.ClaimFormat
				}
			}
		}
	}
	b, err := s.Claims.CreateClaimBatch(r.Context(), in)
	switch {
	case err == nil:
		http.Redirect(w, r, "/staff/claim-batches/"+b.ID, http.StatusSeeOther)
	case isInvalid(err):
		errs := map[string]string{}
		placeFieldErrors(errs, err, func(field, _ string) string { return batchFieldID(field, f) }, "batch-payer")
		if f.Format == "" && in.Format == "" {
			// The format follows the payer: the payer's own error says what to fix.
			delete(errs, "batch-format")
			if len(errs) == 0 {
				errs["batch-payer"] = "Please choose the payer from the list."
			}
		}
		s.renderClaimBatchForm(w, r, who, http.StatusBadRequest, f, errs)
	default:
		s.fail(w, r, "create claim batch", err, claimErrors)
	}
}

// batchFieldID is the element id of the new batch form's field for a service field path; a
// client's error goes to that client's box.
func batchFieldID(field string, f carepath.ClaimBatchInput) string {
	switch field {
	case "payer_id":
		return "batch-payer"
	case "from", "to", "format":
		return "batch-" + field
	case "client_id":
		return "batch-clients"
	case "billing_provider":
		return "billing-provider"
	}
	if !strings.HasPrefix(field, "client_ids[") {
		return ""
	}
	var i int
	if _, err := fmt.Sscanf(field, "client_ids[%d]", &i); err == nil && i >= 0 && i < len(f.ClientIDs) {
		return "client-" + f.ClientIDs[i]
	}
	return "batch-clients"
}
