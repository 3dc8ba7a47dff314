package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/carepath/carepath"
)

// claimCorrectionForm is a replacement or void of one claim as posted from its batch page:
// which it was, what was typed, and the errors by element id.
type claimCorrectionForm struct {
	ClaimID           string
	Action            string // "replacement" or "void"
	PayerClaimControl string
	Errors            map[string]string
}

// order is the element ids of the form's fields in page order, for the error summary.
func (f *claimCorrectionForm) order() []string {
	return []string{correctionID(f.Action, f.ClaimID), correctionID(f.Action, f.ClaimID) + "-pcc"}
}

// correctionID is the element id of claim's replacement or void form (action).
func correctionID(action, claimID string) string {
	return action + "-" + claimID
}

// postClaimCorrection makes the replacement or void (action, by correct) of the claim the path
// names and opens its new batch; a refusal shows the claim's batch again (400 or 409) with the
// typed number kept and the error next to the field it names. Nothing is written then.
func (s *Server) postClaimCorrection(w http.ResponseWriter, r *http.Request, who signedIn, action string,
	correct func(ctx context.Context, id string, in carepath.ClaimCorrectionInput) (*carepath.ClaimBatch, error)) {
	_ = r.ParseForm()
	claimID := r.PathValue("id")
	f := &claimCorrectionForm{ClaimID: claimID, Action: action, PayerClaimControl: r.PostForm.Get("payer_claim_control"), Errors: map[string]string{}}
	b, err := correct(r.Context(), claimID, carepath.ClaimCorrectionInput{PayerClaimControl: f.PayerClaimControl})
	if err == nil {
		http.Redirect(w, r, "/staff/claim-batches/"+b.ID, http.StatusSeeOther)
		return
	}
	code := carepath.ErrorCode(err)
	if code != carepath.EINVALID && code != carepath.ECONFLICT {
		s.fail(w, r, action+" claim", err, claimErrors)
		return
	}
	form := correctionID(action, claimID)
	placeFieldErrors(f.Errors, err, func(field, _ string) string {
		if field == "payer_claim_control" {
			return form + "-pcc"
		}
		return form
	}, form)
	status := http.StatusBadRequest
	if code == carepath.ECONFLICT {
		status = http.StatusConflict
	}
	batchID := strings.TrimSpace(r.PostForm.Get("batch_id"))
	s.renderClaimBatch(w, r, who, status, batchID, f)
}
