package web

import (
	"net/http"

	"github.com/carepath/carepath/access"
)

// therapySessionNew shows the booking form for an individual, family or medication session,
// once or every week (?client= and ?program= choose them in advance).
func (s *Server) therapySessionNew(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.TherapySession, access.Create) {
		s.deny(w, r, sessionErrors)
		return
	}
	q := r.URL.Query()
	f := sessionForm{ClientID: q.Get("client"), ProgramID: q.Get("program"), Kind: "individual", Repeat: "once", Minutes: "50"}
	if who.Role == "clinician" {
		f.ClinicianID = who.ID
	}
	s.render(w, r, http.StatusOK, "session_form", s.sessionFormFor(r, who, f, map[string]string{}))
}
