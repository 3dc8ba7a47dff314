package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// intakeStatusChoice is one choice of the queue's status filter.
type intakeStatusChoice struct {
	Value, Label string
	Selected     bool
}

// intakeQueueView is the view model of the intake queue.
type intakeQueueView struct {
	page
	Who      signedIn
	Intakes  []*carepath.Intake
	Flagged  int // open requests flagged for same-day review
	Statuses []intakeStatusChoice
	Status   string // the status shown, "" for all
	Problem  string
}

// intakeOpen reports whether a request still waits to become a client.
func intakeOpen(in *carepath.Intake) bool {
	return in.Status == carepath.IntakeNew || in.Status == carepath.IntakeContacted
}

// IsOpen reports whether the request may still be converted; the template asks it.
func (v intakeQueueView) IsOpen(in *carepath.Intake) bool { return intakeOpen(in) }

// intakeQueue lists the intake requests from the public decision aid, newest first, optionally
// of one status (a status is no client data, so it may travel in the URL). The crisis flag
// leads each row; open requests link to the conversion form, converted ones to the chart.
func (s *Server) intakeQueue(w http.ResponseWriter, r *http.Request, who signedIn) {
	v := intakeQueueView{page: page{Title: "Intake queue"}, Who: who}
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
		v.Intakes = list
		for _, in := range list {
			if in.Crisis && intakeOpen(in) {
				v.Flagged++
			}
		}
	}
	s.render(w, r, code, "intake_queue", v)
}
