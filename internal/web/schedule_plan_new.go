package web

import (
	"net/http"

	"github.com/carepath/carepath/access"
)

// schedulePlanNew shows the form: the week (next week by default) and who is away.
func (s *Server) schedulePlanNew(w http.ResponseWriter, r *http.Request, who signedIn) {
	p, ok := s.programOf(w, r, r.PathValue("id"))
	if !ok {
		return
	}
	if !access.Allowed(who.Role, access.SchedulePlan, access.Create) {
		s.deny(w, r, planWeekErrors)
		return
	}
	s.renderPlanWeekForm(w, r, who, http.StatusOK, p, "", nil, nil)
}
