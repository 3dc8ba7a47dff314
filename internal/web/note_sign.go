package web

import (
	"net/http"
	"strconv"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/httpserver"
)

// noteSign signs a draft at the revision shown.
func (s *Server) noteSign(w http.ResponseWriter, r *http.Request, who signedIn) {
	n, _, ok := s.readNote(w, r)
	if !ok {
		return
	}
	revision, _ := strconv.Atoi(r.PostFormValue("revision"))
	signed, err := s.Notes.SignNote(r.Context(), n.ID, revision)
	switch status := httpserver.Status(err); {
	case err == nil:
		http.Redirect(w, r, notePath(signed.ID), http.StatusSeeOther)
	case status == http.StatusBadRequest || status == http.StatusConflict || status == http.StatusForbidden:
		s.renderNotePage(w, r, who, status, n, func(v *notePageView) { v.Notice = carepath.ErrorMessage(err) })
	default:
		s.fail(w, r, "sign note", err, noteErrors)
	}
}
