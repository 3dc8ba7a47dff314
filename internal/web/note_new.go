package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// noteNew shows the empty form for an individual, family or medication note about the
// client; ?format= chooses the format.
func (s *Server) noteNew(w http.ResponseWriter, r *http.Request, who signedIn) {
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	if _, err := s.Notes.FindClientNotes(r.Context(), c.ID, carepath.NoteFilter{}); err != nil {
		s.fail(w, r, "find notes", err, noteErrors)
		return
	}
	f := noteForm{Kind: carepath.NoteIndividual, Format: carepath.NoteFormat(r.URL.Query().Get("format")), Sections: map[string]string{}}
	s.renderNoteForm(w, r, who, http.StatusOK, c, nil, f, nil, "")
}
