package web

import "net/http"

// coverageList shows the client's coverages in force and the form to record one.
func (s *Server) coverageList(w http.ResponseWriter, r *http.Request, who signedIn) {
	s.renderCoverageList(w, r, http.StatusOK, coverageForm{Rank: "1", Relationship: "self"}, nil)
}
