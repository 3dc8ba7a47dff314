package web

import (
	"net/http"
	"strconv"
	"time"
)

// episodeTransferForm shows the transfer form, dated today in the program's time zone.
func (s *Server) episodeTransferForm(w http.ResponseWriter, r *http.Request, who signedIn) {
	h, ok := s.episodeOf(w, r, who)
	if !ok {
		return
	}
	v := newChangeView("Transfer", who, h, map[string]string{}, nil)
	v.Reasons = transferReasons
	v.Transfer = transferForm{Version: strconv.Itoa(h.Episode.Version), On: today(time.Now(), h.loc)}
	s.render(w, r, http.StatusOK, "episode_transfer", v)
}
