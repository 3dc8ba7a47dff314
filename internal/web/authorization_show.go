package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// authorizationShow is where an authorization alert's email links (it names no client): it
// opens the authorization on its episode's authorizations page, or, for a payer reviewer, its
// utilization-review packet.
func (s *Server) authorizationShow(w http.ResponseWriter, r *http.Request, who signedIn) {
	a, err := s.Authorizations.FindAuthorization(r.Context(), r.PathValue("auth"))
	if err != nil {
		s.fail(w, r, "read authorization", err, authorizationErrors)
		return
	}
	if who.Role == carepath.RoleReviewer {
		http.Redirect(w, r, "/staff/authorizations/"+a.ID+"/packet", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/staff/clients/"+a.ClientID+"/episodes/"+a.EpisodeID+"/authorizations#auth-"+a.ID, http.StatusSeeOther)
}
