package web

import (
	"net/http"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// programSettingsNoticeKey is the session key of the message the page shows once after a save.
const programSettingsNoticeKey = "program_settings_notice"

// programSettingsData reads what the page shows: the program, its details and the staff who
// may be on it. ok is false when the error page has been answered.
func (s *Server) programSettingsData(w http.ResponseWriter, r *http.Request) (*carepath.Program, *carepath.ProgramDetails, []*carepath.Staff, bool) {
	if s.ProgramDetails == nil {
		s.fail(w, r, "program settings", carepath.Errorf(carepath.EINTERNAL, "no program details service"), programSettingsErrors)
		return nil, nil, nil, false
	}
	p, err := s.Programs.FindProgramByID(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, "program settings: program", err, programSettingsErrors)
		return nil, nil, nil, false
	}
	d, err := s.ProgramDetails.FindProgramDetails(r.Context(), p.ID)
	if err != nil {
		s.fail(w, r, "program settings: details", err, programSettingsErrors)
		return nil, nil, nil, false
	}
	all, err := s.Staff.FindStaff(r.Context(), carepath.StaffFilter{})
	if err != nil {
		s.fail(w, r, "program settings: staff", err, programSettingsErrors)
		return nil, nil, nil, false
	}
	var staff []*carepath.Staff
	for _, st := range all {
		if !st.Disabled && st.Role != carepath.RoleReviewer {
			staff = append(staff, st)
		}
	}
	return p, d, staff, true
}

// programSettingsForm shows the settings of a program as stored.
func (s *Server) programSettingsForm(w http.ResponseWriter, r *http.Request, who signedIn) {
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
	s.render(w, r, http.StatusOK, "program_settings", v)
}

// programSettingsSave stores the posted tracks, rates and staff in one change. Problems
// re-show the form with what was typed (400) and a summary linking to each field; a stale
// version shows what is now stored (409); a save returns to the page with a notice.
func (s *Server) programSettingsSave(w http.ResponseWriter, r *http.Request, who signedIn) {
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
			v.Conflict = true
			s.render(w, r, http.StatusConflict, "program_settings", v)
			return
		default:
			s.fail(w, r, "program settings: save", err, programSettingsErrors)
			return
		}
	}
	s.render(w, r, http.StatusBadRequest, "program_settings", newProgramSettingsView(who, p, d, staff, f, errs))
}
