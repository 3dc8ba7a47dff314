package web

import (
	"net/http"
)

// consentList shows the client's consents, most recently signed first.
func (s *Server) consentList(w http.ResponseWriter, r *http.Request, who signedIn) {
	s.renderConsentList(w, r, who, http.StatusOK, func(*consentListView) {})
}
