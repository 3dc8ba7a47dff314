package web

import (
	"net/http"
)

// planNew shows the empty form for a client's first plan.
func (s *Server) planNew(w http.ResponseWriter, r *http.Request, who signedIn) {
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	if _, err := s.TreatmentPlans.FindPlans(r.Context(), c.ID); err != nil {
		s.fail(w, r, "find plans", err, planErrors)
		return
	}
	s.render(w, r, http.StatusOK, "plan_edit", newPlanEditView(who, c, nil, planBase(c.ID), planForm{}, map[string]string{}))
}
