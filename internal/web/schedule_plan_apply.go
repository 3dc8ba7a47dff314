package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// schedulePlanApply applies a proposal once the director confirms it. A refusal says why, and
// a double booking names the booking in the way: who, which session, when.
func (s *Server) schedulePlanApply(w http.ResponseWriter, r *http.Request, who signedIn) {
	id := r.PathValue("id")
	_, err := s.SchedulePlans.ApplySchedulePlan(r.Context(), id)
	switch {
	case err == nil:
		http.Redirect(w, r, "/staff/schedule-plans/"+id+"?applied=1", http.StatusSeeOther)
	case isConflict(err):
		plan, ferr := s.SchedulePlans.FindSchedulePlanByID(r.Context(), id)
		if ferr != nil {
			s.fail(w, r, "schedule plan", ferr, pageErrors)
			return
		}
		s.renderProposal(w, r, who, http.StatusConflict, plan, false, carepath.ErrorMessage(err), s.doubleBookings(r, err)...)
	default:
		s.fail(w, r, "apply schedule plan", err, pageErrors)
	}
}
