package web

import (
	"net/http"
)

// cosignList lists the signed notes awaiting the staff member's co-signature.
func (s *Server) cosignList(w http.ResponseWriter, r *http.Request, who signedIn) {
	notes, err := s.Notes.FindCosignQueue(r.Context())
	if err != nil {
		s.fail(w, r, "cosign queue", err, cosignQueueErrors)
		return
	}
	s.render(w, r, http.StatusOK, "note_queue", noteListView{page: page{Title: "Notes awaiting your co-signature"}, Who: who,
		Rows: s.noteRows(r, notes, true), CanCosign: true})
}
