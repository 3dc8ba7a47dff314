package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// planCreate starts a draft: a copy of the latest version (action=copy), or the client's
// first plan from the posted form. "Add another" buttons show the form again with one more
// row; problems show it again with every value kept and each problem named.
func (s *Server) planCreate(w http.ResponseWriter, r *http.Request, who signedIn) {
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	f := readPlanForm(r)
	var in carepath.TreatmentPlanInput
	copyLatest := r.PostForm.Get("action") == "copy"
	if !copyLatest {
		if add := r.PostForm.Get("add"); add != "" {
			f.addRow(add)
			s.render(w, r, http.StatusOK, "plan_edit", newPlanEditView(who, c, nil, planBase(c.ID), f, map[string]string{}))
			return
		}
		f.compact()
		in = carepath.TreatmentPlanInput{Problems: f.problems(), ReviewDate: f.ReviewDate}
		if len(in.Problems) == 0 {
			// An empty form is not a request to copy: the service would copy the latest version.
			s.render(w, r, http.StatusBadRequest, "plan_edit", newPlanEditView(who, c, nil, planBase(c.ID), f,
				map[string]string{"plan-p0-statement": "Please give at least one problem."}))
			return
		}
	}
	p, err := s.TreatmentPlans.CreatePlan(r.Context(), c.ID, in)
	switch {
	case err == nil:
		http.Redirect(w, r, planBase(c.ID)+"/"+p.ID+"/edit", http.StatusSeeOther)
	case isInvalid(err):
		if copyLatest {
			http.Redirect(w, r, planBase(c.ID)+"/new", http.StatusSeeOther)
			return
		}
		s.render(w, r, http.StatusBadRequest, "plan_edit", newPlanEditView(who, c, nil, planBase(c.ID), f, planFieldErrors(err)))
	case isConflict(err):
		s.renderPlanPage(w, r, who, http.StatusConflict, func(v *planPageView) { v.Notice = carepath.ErrorMessage(err) })
	default:
		s.fail(w, r, "create plan", err, planErrors)
	}
}
