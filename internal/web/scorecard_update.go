package web

import (
	"net/http"

	"github.com/carepath/carepath/access"
)

// scorecardUpdate turns the program's public scorecard on or off (admins).
func (s *Server) scorecardUpdate(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Scorecard, access.Update) {
		s.deny(w, r, scorecardSettingErrors)
		return
	}
	id := r.PathValue("id")
	if err := r.ParseForm(); err != nil {
		http.Redirect(w, r, "/staff/programs/"+id+"/quality", http.StatusSeeOther)
		return
	}
	err := s.CalendarFeeds.SetProgramScorecardPublic(r.Context(), id, r.PostForm.Get("public") == "yes")
	if err != nil {
		s.fail(w, r, "scorecard setting", err, pageErrors)
		return
	}
	http.Redirect(w, r, "/staff/programs/"+id+"/quality?scorecard=saved", http.StatusSeeOther)
}
