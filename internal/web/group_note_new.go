package web

import (
	"net/http"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// groupNoteNew shows the group note form: the shared part once, and a row per client the
// staff member may see, each with an "attended" box and a short individual part.
func (s *Server) groupNoteNew(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Note, access.Create) {
		s.deny(w, r, noteErrors)
		return
	}
	f := noteForm{Kind: carepath.NoteGroup, Format: carepath.NoteFormat(r.URL.Query().Get("format")), Sections: map[string]string{}}
	if id := r.URL.Query().Get("session"); id != "" && s.TherapySessions != nil {
		rows, ok := s.sessionRows(w, r, id)
		if !ok {
			return
		}
		f.SessionID, f.Rows = id, rows
		s.renderNoteForm(w, r, who, http.StatusOK, nil, nil, f, nil, "")
		return
	}
	list, _, err := s.Clients.FindClients(r.Context(), carepath.ClientFilter{Limit: carepath.MaxNoteAttendees})
	if err != nil {
		s.fail(w, r, "find clients", err, noteErrors)
		return
	}
	for _, c := range list {
		f.Rows = append(f.Rows, attendeeRow{ClientID: c.ID, Name: clientName(c)})
	}
	s.renderNoteForm(w, r, who, http.StatusOK, nil, nil, f, nil, "")
}
