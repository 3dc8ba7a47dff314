package web

import (
	"net/http"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// groupNoteCreate writes the posted group note as a draft and opens it.
func (s *Server) groupNoteCreate(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Note, access.Create) {
		s.deny(w, r, noteErrors)
		return
	}
	f := readNoteForm(r)
	f.Kind = carepath.NoteGroup
	names := s.clientNames(r, rowIDs(f.Rows)...)
	for i := range f.Rows {
		f.Rows[i].Name = rowName(names, f.Rows[i].ClientID, i)
	}
	if r.PostForm.Get("action") == "format" {
		s.renderNoteForm(w, r, who, http.StatusOK, nil, nil, f, nil, "")
		return
	}
	atts, rows := f.attendees()
	n, err := s.Notes.CreateNote(r.Context(), carepath.NoteInput{Kind: carepath.NoteGroup, Format: f.Format,
		SessionID: f.SessionID, Sections: f.sections(), Attendees: atts, NeedsCosign: f.NeedsCosign, CosignerID: f.CosignerID})
	switch {
	case err == nil:
		http.Redirect(w, r, notePath(n.ID), http.StatusSeeOther)
	case isInvalid(err) || (isNotFound(err) && len(carepath.ErrorFields(err)) > 0): // an attendee not found
		s.renderNoteForm(w, r, who, http.StatusBadRequest, nil, nil, f, noteFieldErrors(err, rows, f), "")
	default:
		s.fail(w, r, "create group note", err, noteErrors)
	}
}
