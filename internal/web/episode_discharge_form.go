package web

import (
	"net/http"
	"strconv"
	"time"
)

// episodeDischargeForm shows the discharge form, dated today in the program's time zone.
func (s *Server) episodeDischargeForm(w http.ResponseWriter, r *http.Request, who signedIn) {
	h, ok := s.episodeOf(w, r, who)
	if !ok {
		return
	}
	v := newChangeView("Discharge", who, h, map[string]string{}, nil)
	v.Reasons = dischargeReasons
	v.Discharge = dischargeForm{Version: strconv.Itoa(h.Episode.Version), On: today(time.Now(), h.loc)}
	s.render(w, r, http.StatusOK, "episode_discharge", v)
}
