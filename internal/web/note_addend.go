package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// noteAddend appends the posted correction to a signed note, or shows the page again with
// the text kept.
func (s *Server) noteAddend(w http.ResponseWriter, r *http.Request, who signedIn) {
	n, _, ok := s.readNote(w, r)
	if !ok {
		return
	}
	text := r.PostFormValue("text")
	_, err := s.Notes.AddAddendum(r.Context(), n.ID, text)
	switch {
	case err == nil:
		http.Redirect(w, r, notePath(n.ID), http.StatusSeeOther)
	case isInvalid(err):
		msg := carepath.ErrorMessage(err)
		if f := carepath.ErrorFields(err); len(f) > 0 {
			msg = f[0].Message
		}
		s.renderNotePage(w, r, who, http.StatusBadRequest, n, func(v *notePageView) { v.Addendum, v.AddendumError = text, msg })
	case isConflict(err):
		s.renderNotePage(w, r, who, http.StatusConflict, n, func(v *notePageView) { v.Addendum, v.Notice = text, carepath.ErrorMessage(err) })
	default:
		s.fail(w, r, "add addendum", err, noteErrors)
	}
}
