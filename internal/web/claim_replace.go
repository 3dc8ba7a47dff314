package web

import (
	"net/http"

	"github.com/carepath/carepath/access"
)

// claimReplace corrects the sent claim the path names with a replacement claim (frequency 7)
// billing its charges as the chart has them now, and opens the replacement's batch.
func (s *Server) claimReplace(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Charge, access.Create) {
		s.deny(w, r, claimErrors)
		return
	}
	s.postClaimCorrection(w, r, who, "replacement", s.Claims.ReplaceClaim)
}
