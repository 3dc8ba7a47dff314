package web

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/delivery"
)

// planWeekClinician is one clinician who may be marked away on the form.
type planWeekClinician struct {
	ID, Name string
	Checked  bool
}

// planWeekView is the view model of the "Plan next week" form.
type planWeekView struct {
	page
	Who        signedIn
	Program    *carepath.Program
	Week       string
	NextWeek   string
	Clinicians []planWeekClinician
	Errors     map[string]string
	Summary    []errorLink
}

// planWeekForm shows the form: the week (next week by default) and who is away.
func (s *Server) planWeekForm(w http.ResponseWriter, r *http.Request, who signedIn) {
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

// renderPlanWeekForm renders the form with what was typed and the errors, by element id.
func (s *Server) renderPlanWeekForm(w http.ResponseWriter, r *http.Request, who signedIn, status int, p *carepath.Program,
	week string, without []string, errs map[string]string) {
	next := delivery.WeekOf(time.Now(), p.Location()).Next().String()
	if week == "" {
		week = next
	}
	v := planWeekView{page: page{Title: "Plan next week"}, Who: who, Program: p, Week: week, NextWeek: next, Errors: errs}
	role := carepath.RoleClinician
	if list, err := s.Staff.FindStaff(r.Context(), carepath.StaffFilter{Role: &role}); err == nil {
		for _, st := range list {
			if !st.Disabled {
				v.Clinicians = append(v.Clinicians, planWeekClinician{ID: st.ID, Name: st.Name, Checked: slices.Contains(without, st.ID)})
			}
		}
	}
	for _, id := range []string{"plan-week", "plan-without"} {
		if m, ok := errs[id]; ok {
			v.Summary = append(v.Summary, errorLink{id, m})
		}
	}
	s.render(w, r, status, "plan_week", v)
}

// planWeekPropose builds and solves the week and shows the proposal; nothing changes yet.
func (s *Server) planWeekPropose(w http.ResponseWriter, r *http.Request, who signedIn) {
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

// weekdayName names a slot's day and hour for people: "Mon 09:00".
func slotName(slot string) string {
	if len(slot) != 6 {
		return slot
	}
	return strings.ToUpper(slot[:1]) + slot[1:3] + " " + slot[4:] + ":00"
}

// minutesText shows minutes as hours: "9 h", "7.5 h".
func minutesText(m int) string {
	if m%60 == 0 {
		return fmt.Sprintf("%d h", m/60)
	}
	return fmt.Sprintf("%.1f h", float64(m)/60)
}
