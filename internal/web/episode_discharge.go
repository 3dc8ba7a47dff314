package web

import (
	"net/http"
	"strconv"
)

// episodeDischarge ends the episode and goes back to the chart, with the answers of
// episodeTransferSave.
func (s *Server) episodeDischarge(w http.ResponseWriter, r *http.Request, who signedIn) {
	h, ok := s.episodeOf(w, r, who)
	if !ok {
		return
	}
	f := readDischargeForm(r)
	errs := map[string]string{}
	status, conflict := http.StatusBadRequest, ""
	_, err := s.Episodes.DischargeEpisode(r.Context(), h.Episode.ID, f.discharge())
	switch {
	case err == nil:
		http.Redirect(w, r, "/staff/clients/"+h.Client.ID+"#episode-"+h.Episode.ID, http.StatusSeeOther)
		return
	case isInvalid(err):
		placeFieldErrors(errs, err, changeAnchor("discharge"), "discharge-form")
	case isConflict(err):
		status, conflict = http.StatusConflict, s.conflictOf(r, &h, "discharged")
		f.Version = strconv.Itoa(h.Episode.Version)
	default:
		var ok bool
		if status, _, ok = s.failOrShow(w, r, "discharge episode", err, episodeErrors, http.StatusInternalServerError); !ok {
			return
		}
		errs["discharge-form"] = "The discharge could not be stored just now. Nothing was stored; please try again in a minute."
	}
	v := newChangeView("Discharge", who, h, errs, dischargeOrder)
	v.Reasons, v.Discharge, v.Conflict = dischargeReasons, f, conflict
	s.render(w, r, status, "episode_discharge", v)
}
