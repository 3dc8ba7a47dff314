package web

import (
	"net/http"
	"strings"

	"github.com/carepath/carepath"
)

// schedulePlanCreate builds and solves the week and shows the proposal; nothing changes yet.
func (s *Server) schedulePlanCreate(w http.ResponseWriter, r *http.Request, who signedIn) {
	p, ok := s.programOf(w, r, r.PathValue("id"))
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		s.renderPlanWeekForm(w, r, who, http.StatusBadRequest, p, "", nil, map[string]string{"plan-week": "The form could not be read. Please try again."})
		return
	}
	week := strings.TrimSpace(r.PostForm.Get("week"))
	without := r.PostForm["without"]
	plan, err := s.SchedulePlans.ProposeSchedulePlan(r.Context(), p.ID, carepath.SchedulePlanCreate{Week: week, Without: without})
	switch {
	case err == nil:
		http.Redirect(w, r, "/staff/schedule-plans/"+plan.ID, http.StatusSeeOther)
	case isInvalid(err):
		errs := map[string]string{}
		for _, f := range carepath.ErrorFields(err) {
			id := "plan-without"
			if f.Field == "week" {
				id = "plan-week"
			}
			if _, ok := errs[id]; !ok {
				errs[id] = f.Message
			}
		}
		if len(errs) == 0 {
			errs["plan-week"] = carepath.ErrorMessage(err)
		}
		s.renderPlanWeekForm(w, r, who, http.StatusBadRequest, p, week, without, errs)
	default:
		s.fail(w, r, "plan week", err, planWeekErrors)
	}
}
