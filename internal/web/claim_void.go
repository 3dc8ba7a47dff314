package web

import (
	"net/http"

	"github.com/carepath/carepath/access"
)

// claimVoid withdraws the sent claim the path names with a void (frequency 8), which frees its
// charges to be billed again, and opens the void's batch.
func (s *Server) claimVoid(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Charge, access.Create) {
		s.deny(w, r, claimErrors)
		return
	}
	s.postClaimCorrection(w, r, who, "void", s.Claims.VoidClaim)
}
