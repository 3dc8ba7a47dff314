package web

import (
	"net/http"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// episodeCreate admits the client and goes back to the chart; a problem shows the form
// again with what was typed: 400 naming the fields, 409 when the client already has an open
// episode in the program.
func (s *Server) episodeCreate(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Episode, access.Create) {
		s.deny(w, r, episodeErrors)
		return
	}
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	f := readAdmitForm(r)
	errs := map[string]string{}
	if f.ProgramID == "" {
		errs["admit-program"] = "Please choose the program."
	}
	status := http.StatusBadRequest
	inConflict := false
	if len(errs) == 0 {
		e, err := s.Episodes.AdmitClient(r.Context(), carepath.EpisodeAdmit{ClientID: c.ID, ProgramID: f.ProgramID,
			Level: carepath.Level(f.Level), On: f.On})
		switch {
		case err == nil:
			http.Redirect(w, r, "/staff/clients/"+c.ID+"#episode-"+e.ID, http.StatusSeeOther)
			return
		case isInvalid(err):
			placeFieldErrors(errs, err, admitAnchor, "admit-program")
		case isConflict(err):
			status, inConflict = http.StatusConflict, true
			errs["admit-program"] = "This client already has an open episode in this program. Transfer or discharge it from the chart instead; nothing was saved."
		case isNotFound(err):
			// The client was read above, so it is the program that is gone.
			errs["admit-program"] = "That program no longer exists; please choose another."
		default:
			var ok bool
			if status, _, ok = s.failOrShow(w, r, "admit client", err, episodeErrors, http.StatusInternalServerError); !ok {
				return
			}
			errs["admit-program"] = "The admission could not be stored just now. Nothing was stored; please try again in a minute."
		}
	}
	v := s.newAdmitView(r, who, c, f, errs)
	v.Conflict = inConflict
	s.render(w, r, status, "episode_admit", v)
}
