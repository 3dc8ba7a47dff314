package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// noteUpdate stores the posted draft at the revision it was read at, or shows the form again
// with the values kept: each problem named (400), or a notice when someone else changed or
// signed the note meanwhile (409).
func (s *Server) noteUpdate(w http.ResponseWriter, r *http.Request, who signedIn) {
	n, c, ok := s.readNote(w, r)
	if !ok {
		return
	}
	f := readNoteForm(r)
	f.Kind, f.Format = n.Kind, n.Format
	if n.Kind == carepath.NoteGroup {
		// The attendees stay those of the draft; only their parts change here.
		names := s.clientNames(r, n.ClientIDs()...)
		byID := map[string]string{}
		for _, row := range f.Rows {
			byID[row.ClientID] = row.Individual
		}
		f.Rows = nil
		for _, a := range n.Attendees {
			f.Rows = append(f.Rows, attendeeRow{ClientID: a.ClientID, Name: rowName(names, a.ClientID, len(f.Rows)),
				Individual: byID[a.ClientID], Attended: true})
		}
	}
	atts, rows := f.attendees()
	_, err := s.Notes.UpdateNote(r.Context(), n.ID, carepath.NoteUpdate{Revision: f.Revision, Sections: f.sections(),
		ObjectiveIDs: f.Objectives, Attendees: atts, NeedsCosign: f.NeedsCosign, CosignerID: f.CosignerID, EMCode: f.EMCode})
	switch {
	case err == nil:
		http.Redirect(w, r, notePath(n.ID), http.StatusSeeOther)
	case isInvalid(err):
		s.renderNoteForm(w, r, who, http.StatusBadRequest, c, n, f, noteFieldErrors(err, rows, f), "")
	case isConflict(err):
		s.renderNoteForm(w, r, who, http.StatusConflict, c, n, f, nil, carepath.ErrorMessage(err))
	default:
		s.fail(w, r, "update note", err, noteDraftErrors)
	}
}
