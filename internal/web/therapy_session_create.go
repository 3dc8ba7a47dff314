package web

import (
	"net/http"
	"time"

	"github.com/carepath/carepath"
)

// therapySessionCreate books the session and opens its first occurrence. A bad field is named
// next to it with everything typed kept; a double booking (409) names each session in the
// way: who, which session, when.
func (s *Server) therapySessionCreate(w http.ResponseWriter, r *http.Request, who signedIn) {
	errs := map[string]string{}
	if err := r.ParseForm(); err != nil {
		errs["session-program_id"] = "The form could not be read. Please try again."
		s.render(w, r, http.StatusBadRequest, "session_form", s.sessionFormFor(r, who, sessionForm{}, errs))
		return
	}
	f, in := readSessionForm(r, errs)
	if len(errs) > 0 {
		s.render(w, r, http.StatusBadRequest, "session_form", s.sessionFormFor(r, who, f, errs))
		return
	}
	ts, err := s.TherapySessions.CreateSession(r.Context(), in)
	switch {
	case err == nil:
		first := ts.Date
		if first == "" {
			first = s.firstOccurrence(r, ts)
		}
		http.Redirect(w, r, "/staff/sessions/"+ts.ID+":"+first+"?booked=1", http.StatusSeeOther)
	case isInvalid(err):
		placeFieldErrors(errs, err, sessionElement, "session-program_id")
		s.render(w, r, http.StatusBadRequest, "session_form", s.sessionFormFor(r, who, f, errs))
	case isConflict(err):
		clashes := s.placeClashes(r, errs, err, sessionElement, "session-start_time")
		v := s.sessionFormFor(r, who, f, errs)
		v.Clashes = clashes
		s.render(w, r, http.StatusConflict, "session_form", v)
	default:
		s.fail(w, r, "book session", err, sessionErrors)
	}
}

// firstOccurrence is the date of a weekly session's first occurrence; its start date when it
// cannot be read.
func (s *Server) firstOccurrence(r *http.Request, ts *carepath.TherapySession) string {
	from, err := time.Parse(carepath.DateLayout, ts.StartDate)
	if err != nil {
		return ts.StartDate
	}
	occs, err := s.TherapySessions.FindOccurrences(r.Context(), carepath.OccurrenceFilter{From: ts.StartDate,
		To: from.AddDate(0, 0, 8).Format(carepath.DateLayout), ClientID: ts.ClientID})
	if err == nil {
		for _, o := range occs {
			if o.SeriesID == ts.ID {
				return o.Date
			}
		}
	}
	return ts.StartDate
}
