package web

import (
	"net/http"

	"github.com/carepath/carepath/access"
)

// episodeNew shows the admit form, dated today.
func (s *Server) episodeNew(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Episode, access.Create) {
		s.deny(w, r, episodeErrors)
		return
	}
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "episode_admit", s.newAdmitView(r, who, c, admitForm{}, map[string]string{}))
}
