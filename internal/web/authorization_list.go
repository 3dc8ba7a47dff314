package web

import "net/http"

// authorizationList shows an episode's authorizations with their burn-down and alerts, and the
// form to add one.
func (s *Server) authorizationList(w http.ResponseWriter, r *http.Request, who signedIn) {
	s.renderAuthorizationList(w, r, http.StatusOK, authorizationForm{Level: "iop", Unit: "day"}, nil, nil, nil)
}
