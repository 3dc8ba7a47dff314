package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/outcome"
)

// measureScheduleUpdate overrides the schedule, or with action=reset goes back to the level's
// default; a problem shows the form again (400) with what was chosen kept and each field named.
func (s *Server) measureScheduleUpdate(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Measure, access.Create) {
		s.deny(w, r, measureErrors)
		return
	}
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	_ = r.ParseForm()
	v := r.PostForm
	back := "/staff/clients/" + c.ID + "/measure-schedule"
	if v.Get("action") == "reset" {
		if _, err := s.Measures.ResetMeasureSchedule(r.Context(), c.ID); err != nil {
			s.fail(w, r, "reset measure schedule", err, pageErrors)
			return
		}
		http.Redirect(w, r, back+"?done=reset", http.StatusSeeOther)
		return
	}
	u := carepath.MeasureScheduleUpdate{Repeated: v["repeated"], Bookends: v["bookends"]}
	if u.Bookends == nil {
		u.Bookends = []string{}
	}
	errs := map[string]string{}
	every, err := strconv.Atoi(strings.TrimSpace(v.Get("every_days")))
	if err != nil {
		errs["every_days"] = "Give a whole number of days from 0 to 90 (0: at admission and discharge only)."
	}
	u.EveryDays = every
	// Check the rest with the same rules the store applies, so every problem shows at once.
	check := outcome.Schedule{Admitted: time.Unix(0, 0), EveryDays: every, Repeated: toIDs(u.Repeated), Bookends: toIDs(u.Bookends)}
	verr := check.Validate()
	if len(errs) == 0 && verr == nil {
		_, verr = s.Measures.SetMeasureSchedule(r.Context(), c.ID, u)
		if verr == nil {
			http.Redirect(w, r, back+"?done=saved", http.StatusSeeOther)
			return
		}
	}
	var ce *carepath.Error
	if verr != nil && (!errors.As(verr, &ce) || ce.Code != carepath.EINVALID) {
		s.fail(w, r, "set measure schedule", verr, pageErrors)
		return
	}
	if ce != nil {
		for _, f := range ce.Fields {
			if f.Field == "grace_days" || f.Field == "admitted" || f.Field == "discharged" {
				continue
			}
			if _, ok := errs[f.Field]; !ok {
				errs[f.Field] = f.Message
			}
		}
	}
	view, ok := s.measureScheduleRead(w, r, who, c, v, errs)
	if !ok {
		return
	}
	view.Summary = scheduleSummaryLinks(errs, u)
	for _, l := range view.Summary {
		switch {
		case strings.HasPrefix(l.Anchor, "repeated-"):
			view.RepeatedError = strings.TrimSpace(view.RepeatedError + " " + l.Message)
		case strings.HasPrefix(l.Anchor, "bookends-"):
			view.BookendsError = strings.TrimSpace(view.BookendsError + " " + l.Message)
		}
	}
	s.render(w, r, http.StatusBadRequest, "measure_schedule", view)
}
