package web

import (
	"net/http"
)

// planList shows the client's treatment plan: the draft, if any, the current signed version,
// and every version.
func (s *Server) planList(w http.ResponseWriter, r *http.Request, who signedIn) {
	s.renderPlanPage(w, r, who, http.StatusOK, func(*planPageView) {})
}
