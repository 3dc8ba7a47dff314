package web

import (
	"net/http"
)

// schedulePlanShow shows a proposal: what changes against the week as it stands.
func (s *Server) schedulePlanShow(w http.ResponseWriter, r *http.Request, who signedIn) {
	plan, err := s.SchedulePlans.FindSchedulePlanByID(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, "schedule plan", err, pageErrors)
		return
	}
	s.renderProposal(w, r, who, http.StatusOK, plan, r.URL.Query().Get("applied") == "1", "")
}
