package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// occurrenceCancel cancels one occurrence; the rest of its series stays. One with attendance
// is refused (409) and says so.
func (s *Server) occurrenceCancel(w http.ResponseWriter, r *http.Request, who signedIn) {
	v, ok := s.occurrencePage(w, r, who)
	if !ok {
		return
	}
	err := s.TherapySessions.CancelOccurrence(r.Context(), v.Occ.ID)
	switch {
	case err == nil:
		http.Redirect(w, r, v.WeekURL+"&cancelled=1", http.StatusSeeOther)
	case isConflict(err):
		v.Problem = carepath.ErrorMessage(err)
		s.render(w, r, http.StatusConflict, "occurrence", v)
	default:
		s.fail(w, r, "cancel session", err, sessionErrors)
	}
}
