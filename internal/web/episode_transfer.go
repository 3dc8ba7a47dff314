package web

import (
	"net/http"
	"strconv"
)

// episodeTransfer moves the episode to another level and goes back to the chart; a problem
// shows the form again with what was typed: 400 naming the fields, 409 when the episode changed
// since the form was built.
func (s *Server) episodeTransfer(w http.ResponseWriter, r *http.Request, who signedIn) {
	h, ok := s.episodeOf(w, r, who)
	if !ok {
		return
	}
	f := readTransferForm(r)
	errs := map[string]string{}
	t := f.transfer(errs)
	status, conflict := http.StatusBadRequest, ""
	if len(errs) == 0 {
		_, err := s.Episodes.TransferEpisode(r.Context(), h.Episode.ID, t)
		switch {
		case err == nil:
			http.Redirect(w, r, "/staff/clients/"+h.Client.ID+"#episode-"+h.Episode.ID, http.StatusSeeOther)
			return
		case isInvalid(err):
			placeFieldErrors(errs, err, changeAnchor("transfer"), "transfer-form")
		case isConflict(err):
			status, conflict = http.StatusConflict, s.conflictOf(r, &h, "transferred")
			f.Version = strconv.Itoa(h.Episode.Version)
		default:
			var ok bool
			if status, _, ok = s.failOrShow(w, r, "transfer episode", err, episodeErrors, http.StatusInternalServerError); !ok {
				return
			}
			errs["transfer-form"] = "The transfer could not be stored just now. Nothing was stored; please try again in a minute."
		}
	}
	v := newChangeView("Transfer", who, h, errs, transferOrder)
	v.Reasons, v.Transfer, v.Conflict = transferReasons, f, conflict
	s.render(w, r, status, "episode_transfer", v)
}
