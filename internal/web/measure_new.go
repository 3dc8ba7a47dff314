package web

import (
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/carepath/carepath/access"
)

// measureNew shows the in-session entry form; ?instrument= chooses the questionnaire.
func (s *Server) measureNew(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Measure, access.Create) {
		s.deny(w, r, measureErrors)
		return
	}
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	id := r.URL.Query().Get("instrument")
	if !slices.Contains(measureOrder, id) {
		id = "phq9"
	}
	loc, tz := s.clientLocation(r, c.ID)
	v := url.Values{"taken_at": {time.Now().In(loc).Format(takenAtLayout)}}
	s.render(w, r, http.StatusOK, "measures_new", measureFormPage(who, c, id, v, map[string]string{}, tz))
}
