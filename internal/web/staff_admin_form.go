package web

import (
	"net/http"
	"strings"

	"github.com/carepath/carepath"
)

// staffForm is what the add and change forms hold, as typed. The password is never kept.
type staffForm struct {
	Name, Email, Role string
	Status            string // "active" or "disabled" (change form)
	ResetTOTP         bool   // turn the second factor off (change form)
}

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
}

// staffFormOrder is the order of the forms' elements, for the error summary.
var staffFormOrder = []string{"staff-name", "staff-email", "staff-role", "staff-password", "staff-status-active", "staff-reset-totp"}

// staffFieldAnchor is the element id that shows a service field error.
func staffFieldAnchor(field string) string {
	switch field {
	case "disabled":
		return "staff-status-active"
	case "name", "email", "role", "password":
		return "staff-" + field
	}
	return "staff-name"
}

// newStaffFormView builds a form's view model, with the error summary in the form's order.
func newStaffFormView(title string, who signedIn, st *carepath.Staff, f staffForm, errs map[string]string) staffFormView {
	v := staffFormView{page: page{Title: title}, Who: who, Staff: st, Form: f, Roles: roleChoices, Errors: errs}
	v.Self = st != nil && st.ID == who.ID
	for _, id := range staffFormOrder {
		if m, ok := errs[id]; ok {
			v.Summary = append(v.Summary, errorLink{id, m})
		}
	}
	return v
}

// addFieldErrors files the field errors of err under their element ids, or its message under
// fallback when it names no field.
func addFieldErrors(errs map[string]string, err error, fallback string) {
	for _, fe := range carepath.ErrorFields(err) {
		id := staffFieldAnchor(fe.Field)
		if _, dup := errs[id]; !dup {
			errs[id] = fe.Message
		}
	}
	if len(errs) == 0 {
		errs[fallback] = carepath.ErrorMessage(err)
	}
}

// staffAdminNewForm shows an empty form for a new staff member.
func (s *Server) staffAdminNewForm(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !s.isAdmin(w, r, who) {
		return
	}
	f := staffForm{Role: string(carepath.RoleClinician)}
	s.render(w, r, http.StatusOK, "staff_admin_new", newStaffFormView("Add a staff member", who, nil, f, map[string]string{}))
}

// staffAdminCreate stores a new staff member and goes back to the list; a problem shows the
// form again with what was typed (never the password): 400 naming the fields, 409 for an
// email already in use.
func (s *Server) staffAdminCreate(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !s.isAdmin(w, r, who) {
		return
	}
	errs := map[string]string{}
	if err := r.ParseForm(); err != nil {
		errs["staff-name"] = "The form could not be read. Please try again."
		s.render(w, r, http.StatusBadRequest, "staff_admin_new", newStaffFormView("Add a staff member", who, nil, staffForm{}, errs))
		return
	}
	f := staffForm{Name: r.PostForm.Get("name"), Email: strings.TrimSpace(r.PostForm.Get("email")), Role: r.PostForm.Get("role")}
	st := &carepath.Staff{Name: f.Name, Email: f.Email, Role: carepath.Role(f.Role)}
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

// formOf is the change form filled in from the stored account.
func formOf(st *carepath.Staff) staffForm {
	f := staffForm{Name: st.Name, Email: st.Email, Role: string(st.Role), Status: "active"}
	if st.Disabled {
		f.Status = "disabled"
	}
	return f
}

// staffAdminEditForm shows the change form for one staff member.
func (s *Server) staffAdminEditForm(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !s.isAdmin(w, r, who) {
		return
	}
	st, ok := s.staffAdminAccount(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "staff_admin_edit", newStaffFormView("Change a staff account", who, st, formOf(st), map[string]string{}))
}

// staffAdminSave changes a staff member's name, role and status, and resets their second
// factor when asked, then goes back to the list. A problem shows the form again with what was
// typed: 400 naming the fields.
func (s *Server) staffAdminSave(w http.ResponseWriter, r *http.Request, who signedIn) {
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
	f := staffForm{Name: r.PostForm.Get("name"), Email: st.Email, Role: r.PostForm.Get("role"),
		Status: r.PostForm.Get("status"), ResetTOTP: r.PostForm.Get("reset_totp") == "yes"}
	role := carepath.Role(f.Role)
	upd := carepath.StaffUpdate{Name: &f.Name, Role: &role, ResetTOTP: f.ResetTOTP && st.TOTPEnabled}
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
