package web

import (
	"net/http"
	"strconv"

	"github.com/carepath/carepath"
)

// planBase is the path of the client's plan pages.
func planBase(clientID string) string { return "/staff/clients/" + clientID + "/plans" }

// planNewForm shows the empty form for a client's first plan.
func (s *Server) planNewForm(w http.ResponseWriter, r *http.Request, who signedIn) {
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	if _, err := s.Plans.FindPlans(r.Context(), c.ID); err != nil {
		s.planFailed(w, r, "find plans", err)
		return
	}
	s.render(w, r, http.StatusOK, "plan_edit", newPlanEditView(who, c, nil, planBase(c.ID), planForm{}, map[string]string{}))
}

// planCreate starts a draft: a copy of the latest version (action=copy), or the client's
// first plan from the posted form. "Add another" buttons show the form again with one more
// row; problems show it again with every value kept and each problem named.
func (s *Server) planCreate(w http.ResponseWriter, r *http.Request, who signedIn) {
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	f := readPlanForm(r)
	var in carepath.PlanInput
	copyLatest := r.PostForm.Get("action") == "copy"
	if !copyLatest {
		if add := r.PostForm.Get("add"); add != "" {
			f.addRow(add)
			s.render(w, r, http.StatusOK, "plan_edit", newPlanEditView(who, c, nil, planBase(c.ID), f, map[string]string{}))
			return
		}
		f.compact()
		in = carepath.PlanInput{Problems: f.problems(), ReviewDate: f.ReviewDate}
		if len(in.Problems) == 0 {
			// An empty form is not a request to copy: the service would copy the latest version.
			s.render(w, r, http.StatusBadRequest, "plan_edit", newPlanEditView(who, c, nil, planBase(c.ID), f,
				map[string]string{"plan-p0-statement": "Please give at least one problem."}))
			return
		}
	}
	p, err := s.Plans.CreatePlan(r.Context(), c.ID, in)
	switch carepath.ErrorCode(err) {
	case "":
		http.Redirect(w, r, planBase(c.ID)+"/"+p.ID+"/edit", http.StatusSeeOther)
	case carepath.EINVALID:
		if copyLatest {
			http.Redirect(w, r, planBase(c.ID)+"/new", http.StatusSeeOther)
			return
		}
		s.render(w, r, http.StatusBadRequest, "plan_edit", newPlanEditView(who, c, nil, planBase(c.ID), f, planErrors(err)))
	case carepath.ECONFLICT:
		s.renderPlanPage(w, r, who, http.StatusConflict, func(v *planPageView) { v.Notice = carepath.ErrorMessage(err) })
	default:
		s.planFailed(w, r, "create plan", err)
	}
}

// planEditForm shows a draft in the form; a signed plan is never edited.
func (s *Server) planEditForm(w http.ResponseWriter, r *http.Request, who signedIn) {
	c, p, ok := s.chartPlan(w, r)
	if !ok {
		return
	}
	if p.Status != carepath.PlanDraft {
		s.renderPlanPage(w, r, who, http.StatusConflict, func(v *planPageView) {
			v.Notice = "Version " + strconv.Itoa(p.Version) + " is signed, and signed plans are never edited: start a new version."
		})
		return
	}
	action := planBase(c.ID) + "/" + p.ID + "/edit"
	s.render(w, r, http.StatusOK, "plan_edit", newPlanEditView(who, c, p, action, formOfPlan(p), map[string]string{}))
}

// planSave stores the posted draft at the revision it was read at, or shows the form again:
// with one more row ("add another"), with each problem named (400), or with the values kept
// and a notice when someone else changed or signed the plan meanwhile (409).
func (s *Server) planSave(w http.ResponseWriter, r *http.Request, who signedIn) {
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
	_, err := s.Plans.UpdateDraft(r.Context(), p.ID, carepath.PlanDraftUpdate{Revision: f.Revision,
		Problems: f.problems(), ReviewDate: f.ReviewDate})
	switch carepath.ErrorCode(err) {
	case "":
		http.Redirect(w, r, planBase(c.ID), http.StatusSeeOther)
	case carepath.EINVALID:
		s.render(w, r, http.StatusBadRequest, "plan_edit", newPlanEditView(who, c, p, action, f, planErrors(err)))
	case carepath.ECONFLICT:
		v := newPlanEditView(who, c, p, action, f, map[string]string{})
		v.Notice = carepath.ErrorMessage(err)
		s.render(w, r, http.StatusConflict, "plan_edit", v)
	default:
		s.planFailed(w, r, "update plan", err)
	}
}

// planSign signs a draft at the revision shown. Content that no longer passes (a copied
// target date that has passed) opens the form with the problems named.
func (s *Server) planSign(w http.ResponseWriter, r *http.Request, who signedIn) {
	c, p, ok := s.chartPlan(w, r)
	if !ok {
		return
	}
	if !canSign(who.Role) {
		s.render(w, r, http.StatusForbidden, "error", errorView{page: page{Title: "No access"},
			Message: "Only a clinician or an admin signs a treatment plan."})
		return
	}
	revision, _ := strconv.Atoi(r.PostFormValue("revision"))
	_, err := s.Plans.SignPlan(r.Context(), p.ID, revision)
	switch carepath.ErrorCode(err) {
	case "":
		http.Redirect(w, r, planBase(c.ID), http.StatusSeeOther)
	case carepath.EINVALID:
		if len(carepath.ErrorFields(err)) == 1 && carepath.ErrorFields(err)[0].Field == "revision" {
			s.renderPlanPage(w, r, who, http.StatusBadRequest, func(v *planPageView) { v.Notice = carepath.ErrorMessage(err) })
			return
		}
		action := planBase(c.ID) + "/" + p.ID + "/edit"
		v := newPlanEditView(who, c, p, action, formOfPlan(p), planErrors(err))
		v.Notice = "The plan was not signed: please correct it first."
		s.render(w, r, http.StatusBadRequest, "plan_edit", v)
	case carepath.ECONFLICT:
		s.renderPlanPage(w, r, who, http.StatusConflict, func(v *planPageView) { v.Notice = carepath.ErrorMessage(err) })
	case carepath.EFORBIDDEN:
		s.render(w, r, http.StatusForbidden, "error", errorView{page: page{Title: "No access"},
			Message: "Only a clinician or an admin signs a treatment plan."})
	default:
		s.planFailed(w, r, "sign plan", err)
	}
}

// planAcknowledge records how the client acknowledged a signed plan.
func (s *Server) planAcknowledge(w http.ResponseWriter, r *http.Request, who signedIn) {
	c, p, ok := s.chartPlan(w, r)
	if !ok {
		return
	}
	how := r.PostFormValue("how")
	_, err := s.Plans.AcknowledgePlan(r.Context(), p.ID, carepath.AcknowledgementMethod(how))
	switch carepath.ErrorCode(err) {
	case "":
		http.Redirect(w, r, planBase(c.ID), http.StatusSeeOther)
	case carepath.EINVALID:
		s.renderPlanPage(w, r, who, http.StatusBadRequest, func(v *planPageView) {
			v.AckHow, v.AckError = how, "Please choose how the client acknowledged the plan."
		})
	case carepath.ECONFLICT:
		s.renderPlanPage(w, r, who, http.StatusConflict, func(v *planPageView) { v.Notice = carepath.ErrorMessage(err) })
	default:
		s.planFailed(w, r, "acknowledge plan", err)
	}
}
