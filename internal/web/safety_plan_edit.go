package web

import (
	"net/http"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// safetyPlanEdit shows the form that writes a new version of the client's safety plan,
// filled with the current version (empty for a first plan).
func (s *Server) safetyPlanEdit(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.SafetyPlan, access.Create) {
		s.deny(w, r, safetyPlanErrors)
		return
	}
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	in := carepath.SafetyPlanInput{}
	p, err := s.SafetyPlans.FindSafetyPlan(r.Context(), c.ID, 0)
	switch {
	case err == nil:
		in = inputOf(p)
	case !isNotFound(err):
		s.fail(w, r, "safety plan", err, safetyPlanErrors)
		return
	}
	s.render(w, r, http.StatusOK, "safety_plan_form", safetyPlanForm(who, c, in, map[string]string{}))
}
