package web

import (
	"net/http"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// noteList lists the notes in the client's chart, newest first.
func (s *Server) noteList(w http.ResponseWriter, r *http.Request, who signedIn) {
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	notes, err := s.Notes.FindClientNotes(r.Context(), c.ID, carepath.NoteFilter{})
	if err != nil {
		s.fail(w, r, "find notes", err, noteErrors)
		return
	}
	s.render(w, r, http.StatusOK, "notes", noteListView{page: page{Title: "Clinical notes"}, Who: who, Client: c,
		Rows: s.noteRows(r, notes, false), CanWrite: access.Allowed(who.Role, access.Note, access.Create), CanCosign: access.Allowed(who.Role, access.Note, access.Cosign)})
}
