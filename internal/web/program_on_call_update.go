package web

import (
	"net/http"
	"strconv"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// programOnCallUpdate sets who is on call for the program (the standing pair; dated shifts
// stay as they are and are set through the API). A problem shows the page again (400) with
// the choice kept and the field named; a stale version (409) says someone changed it first.
func (s *Server) programOnCallUpdate(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.OnCall, access.Update) {
		s.deny(w, r, programSettingsErrors)
		return
	}
	p, oc, h, ok := s.programOnCallData(w, r)
	if !ok {
		return
	}
	_ = r.ParseForm()
	version, _ := strconv.Atoi(r.PostForm.Get("version"))
	u := carepath.OnCallUpdate{PrimaryID: r.PostForm.Get("primary_id"), BackupID: r.PostForm.Get("backup_id"),
		IntakeAlerts: r.PostForm.Get("intake_alerts") == "yes", Version: version}
	if oc != nil {
		u.Shifts = oc.Shifts
	}
	_, err := s.OnCall.SetOnCall(r.Context(), p.ID, u)
	if err == nil {
		http.Redirect(w, r, "/staff/programs/"+p.ID+"/on-call?saved=on-call", http.StatusSeeOther)
		return
	}
	v := s.newProgramOnCallView(r, who, p, oc, h)
	v.Primary, v.Backup, v.IntakeAlerts = u.PrimaryID, u.BackupID, u.IntakeAlerts
	status := http.StatusBadRequest
	switch {
	case isInvalid(err):
		for _, f := range carepath.ErrorFields(err) {
			anchor := "oncall-primary"
			if f.Field == "backup_id" {
				anchor = "oncall-backup"
			}
			v.OnCallErrors[anchor] = f.Message
			v.Summary = append(v.Summary, errorLink{anchor, f.Message})
		}
	case isConflict(err):
		status, v.Conflict = http.StatusConflict, true
	default:
		s.fail(w, r, "on call: save", err, programSettingsErrors)
		return
	}
	s.render(w, r, status, "program_on_call", v)
}
