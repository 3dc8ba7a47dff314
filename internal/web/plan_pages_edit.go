package web

import (
	"net/http"
	"strconv"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
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
		s.fail(w, r, "find plans", err, planErrors)
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
	_, err := s.Plans.SignPlan(r.Context(), p.ID, revision)
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

// planAcknowledge records how the client acknowledged a signed plan.
func (s *Server) planAcknowledge(w http.ResponseWriter, r *http.Request, who signedIn) {
	c, p, ok := s.chartPlan(w, r)
	if !ok {
		return
	}
	how := r.PostFormValue("how")
	_, err := s.Plans.AcknowledgePlan(r.Context(), p.ID, carepath.AcknowledgementMethod(how))
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
