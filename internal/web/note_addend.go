package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// noteAddend appends the posted correction to a signed note (on a medication note, with the
// E/M code the visit is billed with from now on, when one is chosen), or shows the page again
// with what was typed kept.
func (s *Server) noteAddend(w http.ResponseWriter, r *http.Request, who signedIn) {
	n, _, ok := s.readNote(w, r)
	if !ok {
		return
	}
	in := carepath.AddendumInput{Text: r.PostFormValue("text"), EMCode: r.PostFormValue("em_code")}
	_, err := s.Notes.AddAddendum(r.Context(), n.ID, in)
	typed := func(v *notePageView) { v.Addendum, v.AddendumEMCode = in.Text, in.EMCode }
	switch {
	case err == nil:
		http.Redirect(w, r, notePath(n.ID), http.StatusSeeOther)
	case isInvalid(err):
		s.renderNotePage(w, r, who, http.StatusBadRequest, n, func(v *notePageView) {
			typed(v)
			for _, f := range carepath.ErrorFields(err) {
				if f.Field == "em_code" {
					v.AddendumEMError = f.Message
				} else if v.AddendumError == "" {
					v.AddendumError = f.Message
				}
			}
			if v.AddendumError == "" && v.AddendumEMError == "" {
				v.AddendumError = carepath.ErrorMessage(err)
			}
		})
	case isConflict(err):
		s.renderNotePage(w, r, who, http.StatusConflict, n, func(v *notePageView) { typed(v); v.Notice = carepath.ErrorMessage(err) })
	default:
		s.fail(w, r, "add addendum", err, noteErrors)
	}
}
