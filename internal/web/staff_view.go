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

// staffFormView is the view model of the add and change forms.
type staffFormView struct {
	page
	Who     signedIn
	Staff   *carepath.Staff // the account being changed; nil on the add form
	Self    bool            // the admin is changing their own account
	Form    staffForm
	Roles   []roleChoice
	Errors  map[string]string // by element id
	Summary []errorLink
	Zones   []string
}

// staffFormOrder is the order of the forms' elements, for the error summary.
var staffFormOrder = []string{"staff-name", "staff-email", "staff-role", "staff-organization", "staff-password", "staff-hire-date",
	"staff-time-zone", "staff-status-active", "staff-supervisor", "staff-reset-totp"}

// staffZones are the time zones the staff form suggests (any IANA zone is accepted).
var staffZones = []string{"America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles",
	"America/Anchorage", "Pacific/Honolulu", "America/Puerto_Rico", "UTC"}

// staffFieldAnchor is the element id that shows a service field error.
func staffFieldAnchor(field string) string {
	switch field {
	case "disabled":
		return "staff-status-active"
	case "name", "email", "role", "organization", "password":
		return "staff-" + field
	case "hire_date":
		return "staff-hire-date"
	case "time_zone":
		return "staff-time-zone"
	case "supervisor":
		return "staff-supervisor"
	case "reset_totp":
		return "staff-reset-totp"
	}
	return "staff-name"
}

// newStaffFormView builds a form's view model, with the error summary in the form's order.
func newStaffFormView(title string, who signedIn, st *carepath.Staff, f staffForm, errs map[string]string) staffFormView {
	v := staffFormView{page: page{Title: title}, Who: who, Staff: st, Form: f, Roles: roleChoices, Errors: errs, Zones: staffZones}
	v.Self = st != nil && st.ID == who.ID
	for _, id := range staffFormOrder {
		if m, ok := errs[id]; ok {
			v.Summary = append(v.Summary, errorLink{id, m})
		}
	}
	return v
}

// staffAdminAccount reads the account a change page is about, answering the error page
// itself when it cannot; ok is false then.
func (s *Server) staffAdminAccount(w http.ResponseWriter, r *http.Request) (*carepath.Staff, bool) {
	st, err := s.Staff.FindStaffByID(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, "find staff", err, staffAccountErrors)
		return nil, false
	}
	return st, true
}
