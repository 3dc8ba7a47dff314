package web

import (
	"net/http"
	"slices"

	"github.com/carepath/carepath"
)

// intakeList lists the intake requests from the public decision aid, the open ones flagged for
// same-day review first and then the newest, optionally
// of one status (a status is no client data, so it may travel in the URL). The crisis flag
// leads each row; open requests link to the conversion form, converted ones to the chart.
func (s *Server) intakeList(w http.ResponseWriter, r *http.Request, who signedIn) {
	v := intakeQueueView{page: page{Title: "Intake queue", Zone: s.viewerZone(r)}, Who: who}
	var filter carepath.IntakeFilter
	st := r.URL.Query().Get("status")
	known := false
	for _, c := range []intakeStatusChoice{{"", "All requests", false}, {"new", "New", false},
		{"contacted", "Contacted", false}, {"converted", "Converted", false}, {"closed", "Closed", false}} {
		c.Selected = c.Value == st
		known = known || c.Selected
		v.Statuses = append(v.Statuses, c)
	}
	if !known {
		st = ""
		v.Statuses[0].Selected = true
	}
	if st != "" {
		status := carepath.IntakeStatus(st)
		filter.Status = &status
	}
	v.Status = st
	list, err := s.Intakes.FindIntakes(r.Context(), filter)
	code, problem, ok := s.failOrShow(w, r, "intake queue", err, intakeQueueErrors, http.StatusInternalServerError)
	if !ok {
		return
	}
	v.Problem = problem
	if err == nil {
		// Open requests flagged for same-day review first, then the newest.
		slices.SortStableFunc(list, func(a, b *carepath.Intake) int {
			fa, fb := a.Crisis && intakeOpen(a), b.Crisis && intakeOpen(b)
			switch {
			case fa == fb:
				return 0
			case fa:
				return -1
			}
			return 1
		})
		v.Intakes = list
		_, staff := s.staffDirectory(r)
		v.Changed = map[string]string{}
		for _, in := range list {
			if in.Crisis && intakeOpen(in) {
				v.Flagged++
			}
			v.Changed[in.ID] = intakeStatusBy(in, staff, v.Zone)
		}
	}
	if r.URL.Query().Get("marked") == "1" {
		v.Notice = "Saved."
	}
	s.render(w, r, code, "intake_queue", v)
}
