package web

import (
	"net/http"
)

// clientEdit shows the edit form filled with the stored client and its version.
func (s *Server) clientEdit(w http.ResponseWriter, r *http.Request, who signedIn) {
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "client_edit", s.newClientEditView(r, who, c, clientFormOf(c), map[string]string{}))
}
