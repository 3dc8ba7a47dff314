package web

import (
	"net/http"

	"github.com/carepath/carepath/access"
)

// billingProviderUpdate sets the clinic's billing details and shows them saved, or shows the
// form again with what was typed kept and each problem named (400).
func (s *Server) billingProviderUpdate(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Charge, access.Update) {
		s.deny(w, r, claimErrors)
		return
	}
	_ = r.ParseForm()
	p := billingProviderForm(r)
	_, err := s.Claims.SetBillingProvider(r.Context(), p)
	switch {
	case err == nil:
		http.Redirect(w, r, "/staff/billing-provider?saved=1", http.StatusSeeOther)
	case isInvalid(err):
		errs := map[string]string{}
		keepFieldErrors(errs, err)
		s.renderBillingProvider(w, r, who, http.StatusBadRequest, p, errs, billingProviderView{})
	default:
		s.fail(w, r, "set billing provider", err, claimErrors)
	}
}
