package web

import (
	"net/http"

	"github.com/carepath/carepath/access"
)

// clientNew shows an empty new-client form.
func (s *Server) clientNew(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Client, access.Create) {
		s.deny(w, r, clientEditErrors)
		return
	}
	s.render(w, r, http.StatusOK, "client_edit", s.newClientEditView(r, who, nil, clientForm{}, map[string]string{}))
}
