package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// planUpdate stores the posted draft at the revision it was read at, or shows the form again:
// with one more row ("add another"), with each problem named (400), or with the values kept
// and a notice when someone else changed or signed the plan meanwhile (409).
func (s *Server) planUpdate(w http.ResponseWriter, r *http.Request, who signedIn) {
	c, p, ok := s.chartPlan(w, r)
	if !ok {
		return
	}
	action := planBase(c.ID) + "/" + p.ID + "/edit"
	f := readPlanForm(r)
	if add := r.PostForm.Get("add"); add != "" {
		f.addRow(add)
		s.render(w, r, http.StatusOK, "plan_edit", newPlanEditView(who, c, p, action, f, map[string]string{}))
		return
	}
	f.compact()
	_, err := s.TreatmentPlans.UpdateDraft(r.Context(), p.ID, carepath.TreatmentPlanDraftUpdate{Revision: f.Revision,
		Problems: f.problems(), ReviewDate: f.ReviewDate})
	switch {
	case err == nil:
		http.Redirect(w, r, planBase(c.ID), http.StatusSeeOther)
	case isInvalid(err):
		s.render(w, r, http.StatusBadRequest, "plan_edit", newPlanEditView(who, c, p, action, f, planFieldErrors(err)))
	case isConflict(err):
		v := newPlanEditView(who, c, p, action, f, map[string]string{})
		v.Notice = carepath.ErrorMessage(err)
		s.render(w, r, http.StatusConflict, "plan_edit", v)
	default:
		s.fail(w, r, "update plan", err, planErrors)
	}
}
