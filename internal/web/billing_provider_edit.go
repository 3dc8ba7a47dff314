package web

import (
	"net/http"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// billingProviderEdit shows the clinic as claims name it: a form for an admin, the facts for the
// billing office; a note when they were never set.
func (s *Server) billingProviderEdit(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Charge, access.Create) && !access.Allowed(who.Role, access.Charge, access.Update) {
		s.deny(w, r, claimErrors)
		return
	}
	p, err := s.Claims.FindBillingProvider(r.Context())
	v := billingProviderView{Saved: r.URL.Query().Get("saved") == "1"}
	switch {
	case isInvalid(err):
		p, v.NotSet = &carepath.BillingProvider{}, true
	case err != nil:
		s.fail(w, r, "find billing provider", err, claimErrors)
		return
	}
	s.renderBillingProvider(w, r, who, http.StatusOK, *p, map[string]string{}, v)
}
