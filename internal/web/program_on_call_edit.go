package web

import (
	"net/http"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// programOnCallEdit shows a program's on-call rota and office hours, to change.
func (s *Server) programOnCallEdit(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.OnCall, access.Update) {
		s.deny(w, r, programSettingsErrors)
		return
	}
	p, oc, h, ok := s.programOnCallData(w, r)
	if !ok {
		return
	}
	v := s.newProgramOnCallView(r, who, p, oc, h)
	switch r.URL.Query().Get("saved") {
	case "on-call":
		v.Notice = "The on-call rota was saved."
	case "hours":
		v.Notice = "The office hours were saved."
	}
	s.render(w, r, http.StatusOK, "program_on_call", v)
}

// programOnCallData reads the program, its rota (nil when none) and its office hours; ok is
// false when the error page has been answered.
func (s *Server) programOnCallData(w http.ResponseWriter, r *http.Request) (*carepath.Program, *carepath.OnCall, *carepath.OfficeHours, bool) {
	p, err := s.Programs.FindProgramByID(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, "on call: program", err, programSettingsErrors)
		return nil, nil, nil, false
	}
	oc, err := s.OnCall.FindOnCall(r.Context(), p.ID)
	if err != nil && !isNotFound(err) {
		s.fail(w, r, "on call", err, programSettingsErrors)
		return nil, nil, nil, false
	}
	h, err := s.OnCall.FindOfficeHours(r.Context(), p.ID)
	if err != nil {
		s.fail(w, r, "office hours", err, programSettingsErrors)
		return nil, nil, nil, false
	}
	return p, oc, h, true
}
