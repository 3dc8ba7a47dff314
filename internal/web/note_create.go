package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// noteCreate writes the posted individual note as a draft and opens it, or shows the form
// again: with another format's sections (action=format), or with each problem named (400).
func (s *Server) noteCreate(w http.ResponseWriter, r *http.Request, who signedIn) {
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	f := readNoteForm(r)
	if r.PostForm.Get("action") == "format" {
		s.renderNoteForm(w, r, who, http.StatusOK, c, nil, f, nil, "")
		return
	}
	n, err := s.Notes.CreateNote(r.Context(), carepath.NoteInput{Kind: f.Kind, Format: f.Format, ClientID: c.ID,
		SessionID: f.SessionID, Sections: f.sections(), ObjectiveIDs: f.Objectives, NeedsCosign: f.NeedsCosign, CosignerID: f.CosignerID,
		EMCode: f.EMCode})
	switch {
	case err == nil:
		http.Redirect(w, r, notePath(n.ID), http.StatusSeeOther)
	case isInvalid(err):
		s.renderNoteForm(w, r, who, http.StatusBadRequest, c, nil, f, noteFieldErrors(err, nil, f), "")
	default:
		s.fail(w, r, "create note", err, noteErrors)
	}
}
