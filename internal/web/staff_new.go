package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// staffNew shows an empty form for a new staff member.
func (s *Server) staffNew(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !s.isAdmin(w, r, who) {
		return
	}
	f := staffForm{Role: string(carepath.RoleClinician)}
	s.render(w, r, http.StatusOK, "staff_admin_new", newStaffFormView("Add a staff member", who, nil, f, map[string]string{}))
}
