package web

import (
	"net/http"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/httpserver"
)

// noteCosign co-signs a signed note as the signed-in supervisor and returns to the queue.
func (s *Server) noteCosign(w http.ResponseWriter, r *http.Request, who signedIn) {
	n, _, ok := s.readNote(w, r)
	if !ok {
		return
	}
	_, err := s.Notes.CosignNote(r.Context(), n.ID)
	switch status := httpserver.Status(err); {
	case err == nil:
		http.Redirect(w, r, "/staff/cosign", http.StatusSeeOther)
	case status == http.StatusConflict || status == http.StatusForbidden:
		s.renderNotePage(w, r, who, status, n, func(v *notePageView) { v.Notice = carepath.ErrorMessage(err) })
	default:
		s.fail(w, r, "cosign note", err, noteErrors)
	}
}
