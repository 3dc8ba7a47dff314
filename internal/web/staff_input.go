package web

import (
	"github.com/carepath/carepath"
)

// staffForm is what the add and change forms hold, as typed. The password is never kept.
type staffForm struct {
	Name, Email, Role string
	Organization      string // a payer reviewer's organization
	Status            string // "active" or "disabled" (change form)
	ResetTOTP         bool   // turn the second factor off (change form)
	HireDate          string // YYYY-MM-DD, for staff turnover
	TimeZone          string // the zone their pages show times in; "" for the clinic's
	Supervisor        bool   // may be named a note's co-signer (change form)
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

// formOf is the change form filled in from the stored account.
func formOf(st *carepath.Staff) staffForm {
	f := staffForm{Name: st.Name, Email: st.Email, Role: string(st.Role), Organization: st.Organization, Status: "active",
		HireDate: st.HireDate, TimeZone: st.TimeZone, Supervisor: st.Supervisor}
	if st.Disabled {
		f.Status = "disabled"
	}
	return f
}
