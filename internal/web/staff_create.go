package web

import (
	"net/http"
	"strings"

	"github.com/carepath/carepath"
)

// staffCreate stores a new staff member and goes back to the list; a problem shows the
// form again with what was typed (never the password): 400 naming the fields, 409 for an
// email already in use.
func (s *Server) staffCreate(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !s.isAdmin(w, r, who) {
		return
	}
	errs := map[string]string{}
	if err := r.ParseForm(); err != nil {
		errs["staff-name"] = "The form could not be read. Please try again."
		s.render(w, r, http.StatusBadRequest, "staff_admin_new", newStaffFormView("Add a staff member", who, nil, staffForm{}, errs))
		return
	}
	f := staffForm{Name: r.PostForm.Get("name"), Email: strings.TrimSpace(r.PostForm.Get("email")), Role: r.PostForm.Get("role"),
		Organization: r.PostForm.Get("organization"), HireDate: strings.TrimSpace(r.PostForm.Get("hire_date")),
		TimeZone: strings.TrimSpace(r.PostForm.Get("time_zone"))}
	st := &carepath.Staff{Name: f.Name, Email: f.Email, Role: carepath.Role(f.Role), Organization: f.Organization, HireDate: f.HireDate,
		TimeZone: f.TimeZone}
	err := s.Staff.CreateStaff(r.Context(), st, r.PostForm.Get("password"))
	status := http.StatusBadRequest
	switch {
	case err == nil:
		s.manager(r).Put(r.Context(), staffNoticeKey, "Added "+st.Name+". They can sign in now with the password you gave; ask them to set up an authenticator app.")
		http.Redirect(w, r, "/staff/admin/staff", http.StatusSeeOther)
		return
	case isInvalid(err):
		addFieldErrors(errs, err, "staff-name")
	case isConflict(err):
		status = http.StatusConflict
		addFieldErrors(errs, err, "staff-email")
	default:
		var ok bool
		if status, _, ok = s.failOrShow(w, r, "create staff", err, staffAccountErrors, http.StatusInternalServerError); !ok {
			return
		}
		errs["staff-name"] = "The staff member could not be stored just now. Nothing was stored; please try again in a minute."
	}
	s.render(w, r, status, "staff_admin_new", newStaffFormView("Add a staff member", who, nil, f, errs))
}
