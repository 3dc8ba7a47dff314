package web

import (
	"net/http"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// clientCreate stores the posted client and sends the browser to the new chart; a problem
// shows the form again, 400, with what was typed and an error summary.
func (s *Server) clientCreate(w http.ResponseWriter, r *http.Request, who signedIn) {
	f := readClientForm(r, allClientPaths())
	errs := map[string]string{}
	c := f.client(errs)
	if len(errs) > 0 {
		if !access.Allowed(who.Role, access.Client, access.Create) {
			s.deny(w, r, clientEditErrors)
			return
		}
		check := *c
		keepFieldErrors(errs, check.Validate())
		s.render(w, r, http.StatusBadRequest, "client_edit", s.newClientEditView(r, who, nil, f, errs))
		return
	}
	err := s.Clients.CreateClient(r.Context(), c)
	switch {
	case err == nil:
		http.Redirect(w, r, "/staff/clients/"+c.ID, http.StatusSeeOther)
	case isInvalid(err):
		keepFieldErrors(errs, err)
		if len(errs) == 0 {
			errs["given_name"] = carepath.ErrorMessage(err)
		}
		s.render(w, r, http.StatusBadRequest, "client_edit", s.newClientEditView(r, who, nil, f, errs))
	default:
		status, _, ok := s.failOrShow(w, r, "create client", err, clientEditErrors, http.StatusInternalServerError)
		if !ok {
			return
		}
		v := s.newClientEditView(r, who, nil, f, errs)
		v.Problem = "The client could not be stored just now. Nothing was stored; please try again in a minute."
		s.render(w, r, status, "client_edit", v)
	}
}
