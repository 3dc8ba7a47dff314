package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// payerUpdate sets the claim format of a payer and whether it is Medicare (an unchecked box is
// not Medicare), and goes back to the list.
func (s *Server) payerUpdate(w http.ResponseWriter, r *http.Request, who signedIn) {
	_ = r.ParseForm()
	format, medicare := carepath.ClaimFormat(r.PostForm.Get("claim_format")), r.PostForm.Get("medicare") == "yes"
	_, err := s.Payers.UpdatePayer(r.Context(), r.PathValue("id"), carepath.PayerUpdate{ClaimFormat: &format, Medicare: &medicare})
	switch {
	case err == nil:
		http.Redirect(w, r, "/staff/payers", http.StatusSeeOther)
	case isInvalid(err):
		s.renderPayerList(w, r, who, http.StatusBadRequest, carepath.PayerInput{ClaimFormat: carepath.Claim837I},
			map[string]string{"payer-format": firstFieldMessage(err)})
	default:
		s.fail(w, r, "update payer", err, chartErrors)
	}
}
