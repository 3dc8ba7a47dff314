package web

import (
	"net/http"
	"strconv"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// planSign signs a draft at the revision shown. Content that no longer passes (a copied
// target date that has passed) opens the form with the problems named.
func (s *Server) planSign(w http.ResponseWriter, r *http.Request, who signedIn) {
	c, p, ok := s.chartPlan(w, r)
	if !ok {
		return
	}
	if !access.Allowed(who.Role, access.TreatmentPlan, access.Sign) {
		s.deny(w, r, planSignErrors)
		return
	}
	revision, _ := strconv.Atoi(r.PostFormValue("revision"))
	_, err := s.TreatmentPlans.SignPlan(r.Context(), p.ID, revision)
	switch {
	case err == nil:
		http.Redirect(w, r, planBase(c.ID), http.StatusSeeOther)
	case isInvalid(err):
		if len(carepath.ErrorFields(err)) == 1 && carepath.ErrorFields(err)[0].Field == "revision" {
			s.renderPlanPage(w, r, who, http.StatusBadRequest, func(v *planPageView) { v.Notice = carepath.ErrorMessage(err) })
			return
		}
		action := planBase(c.ID) + "/" + p.ID + "/edit"
		v := newPlanEditView(who, c, p, action, formOfPlan(p), planFieldErrors(err))
		v.Notice = "The plan was not signed: please correct it first."
		s.render(w, r, http.StatusBadRequest, "plan_edit", v)
	case isConflict(err):
		s.renderPlanPage(w, r, who, http.StatusConflict, func(v *planPageView) { v.Notice = carepath.ErrorMessage(err) })
	default:
		s.fail(w, r, "sign plan", err, planSignErrors)
	}
}
