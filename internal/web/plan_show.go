package web

import (
	"net/http"
)

// planShow shows one version of the plan.
func (s *Server) planShow(w http.ResponseWriter, r *http.Request, who signedIn) {
	c, p, ok := s.chartPlan(w, r)
	if !ok {
		return
	}
	v := planPageView{page: page{Title: "Treatment plan version"}, Who: who, Client: c}
	v.Shown = s.showPlans(r, p)[0]
	s.render(w, r, http.StatusOK, "plan_version", v)
}
