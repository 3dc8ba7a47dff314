package web

import (
	"net/http"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// assessmentNew shows an empty assessment form for the client.
func (s *Server) assessmentNew(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Assessment, access.Create) {
		s.deny(w, r, assessmentErrors)
		return
	}
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	f := assessForm{Ratings: map[carepath.Dimension]string{}}
	s.render(w, r, http.StatusOK, "chart_assess", newAssessView(who, c, f, map[string]string{}))
}
