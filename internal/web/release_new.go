package web

import (
	"net/http"

	"github.com/carepath/carepath/access"
)

// releaseNew shows the form that releases the client's records to a recipient outside the
// care team, listing the active consents that allow it.
func (s *Server) releaseNew(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Disclosure, access.Release) {
		s.deny(w, r, releaseErrors)
		return
	}
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	s.renderReleaseForm(w, r, who, c, http.StatusOK, releaseNewView{})
}
