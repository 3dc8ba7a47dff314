package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// staffList lists every staff member: name, email, role, second factor and status.
func (s *Server) staffList(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !s.isAdmin(w, r, who) {
		return
	}
	v := staffListView{page: page{Title: "Staff accounts"}, Who: who, Notice: s.manager(r).PopString(r.Context(), staffNoticeKey)}
	list, err := s.Staff.FindStaff(r.Context(), carepath.StaffFilter{})
	_, problem, ok := s.failOrShow(w, r, "staff list", err, staffListErrors, http.StatusInternalServerError)
	if !ok {
		return
	}
	v.Problem = problem
	for _, st := range list {
		v.Staff = append(v.Staff, staffRow{Staff: st, RoleName: roleName(st.Role)})
	}
	s.render(w, r, http.StatusOK, "staff_admin", v) // a list that could not be read says so above it
}
