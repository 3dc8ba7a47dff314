package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// payerCreate adds the posted payer and goes back to the list, or shows the list again with
// what was typed kept and each problem named (400).
func (s *Server) payerCreate(w http.ResponseWriter, r *http.Request, who signedIn) {
	_ = r.ParseForm()
	f := carepath.PayerInput{Name: r.PostForm.Get("name"), PayerID: r.PostForm.Get("payer_id"),
		ClaimFormat: carepath.ClaimFormat(r.PostForm.Get("claim_format")), Medicare: r.PostForm.Get("medicare") == "yes"}
	_, err := s.Payers.CreatePayer(r.Context(), f)
	switch {
	case err == nil:
		http.Redirect(w, r, "/staff/payers", http.StatusSeeOther)
	case isInvalid(err) || carepath.ErrorCode(err) == carepath.ECONFLICT:
		errs := map[string]string{}
		for _, fe := range carepath.ErrorFields(err) {
			errs[payerFieldID(fe.Field)] = fe.Message
		}
		status := http.StatusBadRequest
		if carepath.ErrorCode(err) == carepath.ECONFLICT {
			status = http.StatusConflict
		}
		s.renderPayerList(w, r, who, status, f, errs)
	default:
		s.fail(w, r, "add payer", err, chartErrors)
	}
}
