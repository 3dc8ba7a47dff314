package web

import (
	"net/http"
	"strings"

	"github.com/carepath/carepath"
)

// staffUpdate changes a staff member's name, role, status, hire date, time zone and supervisor
// flag, and
// resets their second factor when asked, then goes back to the list. A problem shows the form again with what was
// typed: 400 naming the fields.
func (s *Server) staffUpdate(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !s.isAdmin(w, r, who) {
		return
	}
	st, ok := s.staffAdminAccount(w, r)
	if !ok {
		return
	}
	errs := map[string]string{}
	if err := r.ParseForm(); err != nil {
		errs["staff-name"] = "The form could not be read. Please try again."
		s.render(w, r, http.StatusBadRequest, "staff_admin_edit", newStaffFormView("Change a staff account", who, st, formOf(st), errs))
		return
	}
	f := staffForm{Name: r.PostForm.Get("name"), Email: st.Email, Role: r.PostForm.Get("role"), Organization: r.PostForm.Get("organization"),
		Status: r.PostForm.Get("status"), ResetTOTP: r.PostForm.Get("reset_totp") == "yes",
		HireDate: strings.TrimSpace(r.PostForm.Get("hire_date")), TimeZone: strings.TrimSpace(r.PostForm.Get("time_zone")),
		Supervisor: r.PostForm.Get("supervisor") == "yes"}
	role := carepath.Role(f.Role)
	upd := carepath.StaffUpdate{Name: &f.Name, Role: &role, Organization: &f.Organization, ResetTOTP: f.ResetTOTP && st.TOTPEnabled,
		HireDate: &f.HireDate, TimeZone: &f.TimeZone, Supervisor: &f.Supervisor}
	switch f.Status {
	case "active", "disabled":
		disabled := f.Status == "disabled"
		upd.Disabled = &disabled
	default:
		errs["staff-status-active"] = "Choose whether the account is active or disabled."
		if err := upd.Validate(); err != nil { // name every problem at once
			addFieldErrors(errs, err, "staff-name")
		}
	}
	if len(errs) == 0 {
		updated, err := s.Staff.UpdateStaff(r.Context(), st.ID, upd)
		switch {
		case err == nil:
			s.manager(r).Put(r.Context(), staffNoticeKey, "Saved the changes to "+updated.Name+".")
			http.Redirect(w, r, "/staff/admin/staff", http.StatusSeeOther)
			return
		case isInvalid(err):
			addFieldErrors(errs, err, "staff-name")
		default:
			status, _, ok := s.failOrShow(w, r, "update staff", err, staffAccountErrors, http.StatusInternalServerError)
			if !ok {
				return
			}
			errs["staff-name"] = "The changes could not be stored just now. Nothing was changed; please try again in a minute."
			s.render(w, r, status, "staff_admin_edit", newStaffFormView("Change a staff account", who, st, f, errs))
			return
		}
	}
	s.render(w, r, http.StatusBadRequest, "staff_admin_edit", newStaffFormView("Change a staff account", who, st, f, errs))
}
