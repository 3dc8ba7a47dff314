package web

import (
	"net/http"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// programSettingsUpdate stores the posted tracks, rates and staff in one change. Problems
// re-show the form with what was typed (400) and a summary linking to each field; a stale
// version shows what is now stored (409); a save returns to the page with a notice.
func (s *Server) programSettingsUpdate(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Program, access.Update) {
		s.deny(w, r, programSettingsErrors)
		return
	}
	p, d, staff, ok := s.programSettingsData(w, r)
	if !ok {
		return
	}
	f := readProgramSettingsForm(r)
	u, errs := f.update()
	if len(errs) == 0 {
		_, err := s.ProgramDetails.UpdateProgramDetails(r.Context(), p.ID, u)
		switch {
		case err == nil:
			s.manager(r).Put(r.Context(), programSettingsNoticeKey, "Settings saved.")
			http.Redirect(w, r, "/staff/programs/"+p.ID+"/settings", http.StatusSeeOther)
			return
		case isInvalid(err):
			errs = f.anchorErrors(carepath.ErrorFields(err))
		case isConflict(err):
			v := newProgramSettingsView(who, p, d, staff, formFromDetails(d), nil)
			v.Conflict, v.OnCall = true, s.onCallSummaryOf(r, p)
			s.render(w, r, http.StatusConflict, "program_settings", v)
			return
		default:
			s.fail(w, r, "program settings: save", err, programSettingsErrors)
			return
		}
	}
	v := newProgramSettingsView(who, p, d, staff, f, errs)
	v.OnCall = s.onCallSummaryOf(r, p)
	s.render(w, r, http.StatusBadRequest, "program_settings", v)
}
