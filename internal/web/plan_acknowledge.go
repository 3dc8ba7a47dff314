package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// planAcknowledge records how the client acknowledged a signed plan.
func (s *Server) planAcknowledge(w http.ResponseWriter, r *http.Request, who signedIn) {
	c, p, ok := s.chartPlan(w, r)
	if !ok {
		return
	}
	how := r.PostFormValue("how")
	_, err := s.TreatmentPlans.AcknowledgePlan(r.Context(), p.ID, carepath.AcknowledgementMethod(how))
	switch {
	case err == nil:
		http.Redirect(w, r, planBase(c.ID), http.StatusSeeOther)
	case isInvalid(err):
		s.renderPlanPage(w, r, who, http.StatusBadRequest, func(v *planPageView) {
			v.AckHow, v.AckError = how, "Please choose how the client acknowledged the plan."
		})
	case isConflict(err):
		s.renderPlanPage(w, r, who, http.StatusConflict, func(v *planPageView) { v.Notice = carepath.ErrorMessage(err) })
	default:
		s.fail(w, r, "acknowledge plan", err, planErrors)
	}
}
