package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
)

// occurrenceMove moves one occurrence to a new date and time (in its program's zone) and
// length; the rest of its series stays. A bad field is named next to it with what was typed
// kept; a double booking (409) names each session in the way.
func (s *Server) occurrenceMove(w http.ResponseWriter, r *http.Request, who signedIn) {
	v, ok := s.occurrencePage(w, r, who)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		v.MoveErrors["move-date"] = "The form could not be read. Please try again."
		s.renderMove(w, r, http.StatusBadRequest, v)
		return
	}
	v.MoveDate, v.MoveTime, v.MoveMinutes = strings.TrimSpace(r.PostForm.Get("date")), strings.TrimSpace(r.PostForm.Get("start_time")),
		strings.TrimSpace(r.PostForm.Get("minutes"))
	if v.MoveDate == "" {
		v.MoveErrors["move-date"] = "Please give the new date."
	}
	if v.MoveTime == "" {
		v.MoveErrors["move-time"] = "Please give the new start time."
	}
	minutes, err := strconv.Atoi(v.MoveMinutes)
	if err != nil || minutes <= 0 {
		v.MoveErrors["move-minutes"] = "The length is a whole number of minutes, such as 50."
	}
	if len(v.MoveErrors) > 0 {
		s.renderMove(w, r, http.StatusBadRequest, v)
		return
	}
	_, err = s.TherapySessions.MoveOccurrence(r.Context(), v.Occ.ID, carepath.OccurrenceMove{Start: v.MoveDate + "T" + v.MoveTime, Minutes: minutes})
	switch {
	case err == nil:
		http.Redirect(w, r, "/staff/sessions/"+v.Occ.ID+"?moved=1", http.StatusSeeOther)
	case isInvalid(err):
		placeFieldErrors(v.MoveErrors, err, func(field, _ string) string {
			switch field {
			case "start":
				return "move-date"
			case "minutes":
				return "move-minutes"
			}
			return ""
		}, "move-date")
		s.renderMove(w, r, http.StatusBadRequest, v)
	case isConflict(err):
		v.Problem, v.Clashes = carepath.ErrorMessage(err), s.doubleBookings(r, err)
		if len(v.Clashes) > 0 {
			v.Problem = "Not moved: someone or something is already booked then."
		}
		s.renderMove(w, r, http.StatusConflict, v)
	default:
		s.fail(w, r, "move session", err, sessionErrors)
	}
}

// renderMove shows the session's page with the move form's errors summarized.
func (s *Server) renderMove(w http.ResponseWriter, r *http.Request, status int, v occurrenceView) {
	v.MoveSummary = summaryOf(v.MoveErrors, "move-date", "move-time", "move-minutes")
	s.render(w, r, status, "occurrence", v)
}
