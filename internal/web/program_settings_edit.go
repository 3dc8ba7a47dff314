package web

import (
	"net/http"

	"github.com/carepath/carepath/access"
)

// programSettingsEdit shows the settings of a program as stored.
func (s *Server) programSettingsEdit(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Program, access.Update) {
		s.deny(w, r, programSettingsErrors)
		return
	}
	p, d, staff, ok := s.programSettingsData(w, r)
	if !ok {
		return
	}
	v := newProgramSettingsView(who, p, d, staff, formFromDetails(d), nil)
	v.Notice = s.manager(r).PopString(r.Context(), programSettingsNoticeKey)
	v.OnCall = s.onCallSummaryOf(r, p)
	s.render(w, r, http.StatusOK, "program_settings", v)
}
