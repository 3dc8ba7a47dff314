package web

import (
	"net/http"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// safetyPlanCreate saves a new version of the client's safety plan and shows it; a problem
// shows the form again (400) with everything typed kept, and a newer version saved meanwhile
// (409) says so and keeps what was typed.
func (s *Server) safetyPlanCreate(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.SafetyPlan, access.Create) {
		s.deny(w, r, safetyPlanErrors)
		return
	}
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	_ = r.ParseForm()
	in := readSafetyPlanForm(r)
	_, err := s.SafetyPlans.SaveSafetyPlan(r.Context(), c.ID, in)
	if err == nil {
		http.Redirect(w, r, "/staff/clients/"+c.ID+"/safety-plan?plan=saved", http.StatusSeeOther)
		return
	}
	errs := map[string]string{}
	status := http.StatusBadRequest
	switch {
	case isInvalid(err):
		for _, f := range carepath.ErrorFields(err) {
			errs[f.Field] = f.Message
		}
	case isConflict(err):
		status = http.StatusConflict
	default:
		s.fail(w, r, "save safety plan", err, safetyPlanErrors)
		return
	}
	v := safetyPlanForm(who, c, in, errs)
	v.Conflict = status == http.StatusConflict
	if v.Conflict {
		v.Summary = append(v.Summary, errorLink{"plan-warning_signs", carepath.ErrorMessage(err)})
		if p, err := s.SafetyPlans.FindSafetyPlan(r.Context(), c.ID, 0); err == nil {
			v.BaseVersion = p.Version
		}
	}
	s.render(w, r, status, "safety_plan_form", v)
}
