package web

import (
	"net/http"
)

// staffEdit shows the change form for one staff member.
func (s *Server) staffEdit(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !s.isAdmin(w, r, who) {
		return
	}
	st, ok := s.staffAdminAccount(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "staff_admin_edit", newStaffFormView("Change a staff account", who, st, formOf(st), map[string]string{}))
}
