package web

import (
	"net/http"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// roleChoice is one role on a form or in a list.
type roleChoice struct {
	Role carepath.Role
	Name string
}

// roleChoices are the staff roles, in the order carepath.StaffRoles lists them.
var roleChoices = []roleChoice{
	{carepath.RoleAdmin, "Admin"},
	{carepath.RoleClinician, "Clinician"},
	{carepath.RoleCaseManager, "Case manager"},
	{carepath.RoleFrontDesk, "Front desk"},
	{carepath.RoleReviewer, "Payer reviewer"},
}

// roleName is the name a role is shown by.
func roleName(r carepath.Role) string {
	for _, c := range roleChoices {
		if c.Role == r {
			return c.Name
		}
	}
	return string(r)
}

// staffListView is the view model of the staff list.
type staffListView struct {
	page
	Who     signedIn
	Staff   []staffRow
	Notice  string // what the last change did
	Problem string
}

// staffRow is one staff member in the list.
type staffRow struct {
	*carepath.Staff
	RoleName string
}

// isAdmin answers 403 for anyone but an admin and reports whether the page may go on. The
// store decides again on every call; this only spares others a form they cannot send.
func (s *Server) isAdmin(w http.ResponseWriter, r *http.Request, who signedIn) bool {
	if access.Allowed(who.Role, access.Staff, access.Update) {
		return true
	}
	s.deny(w, r, staffAccountErrors)
	return false
}

// staffNoticeKey is the session key of the message the staff list shows once after a change.
const staffNoticeKey = "staff_admin_notice"

// staffAdminList lists every staff member: name, email, role, second factor and status.
func (s *Server) staffAdminList(w http.ResponseWriter, r *http.Request, who signedIn) {
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
