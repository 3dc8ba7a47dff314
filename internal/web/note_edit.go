package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// noteEdit shows a draft in the form; a signed note is never edited.
func (s *Server) noteEdit(w http.ResponseWriter, r *http.Request, who signedIn) {
	n, c, ok := s.readNote(w, r)
	if !ok {
		return
	}
	if n.Status != carepath.NoteDraft {
		s.renderNotePage(w, r, who, http.StatusConflict, n, func(v *notePageView) {
			v.Notice = "This note is signed, and signed notes are never edited: add an addendum instead."
		})
		return
	}
	f := formOfNote(n, s.clientNames(r, n.ClientIDs()...))
	s.renderNoteForm(w, r, who, http.StatusOK, c, n, f, nil, "")
}
