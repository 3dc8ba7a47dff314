package web

import (
	"net/http"
	"strconv"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/httpserver"
)

// clientUpdate applies the posted form to the client, based on the version the form was opened
// at. A stale version answers 409 with what is stored now next to what was typed; the form then
// carries the stored version, so saving again applies what was typed on purpose.
func (s *Server) clientUpdate(w http.ResponseWriter, r *http.Request, who signedIn) {
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	f := readClientForm(r, allClientPaths())
	version, _ := strconv.Atoi(r.PostForm.Get("version"))
	errs := map[string]string{}
	u := f.update(version, errs)
	if len(errs) > 0 {
		keepFieldErrors(errs, u.Validate())
		v := s.newClientEditView(r, who, c, f, errs)
		v.Version = version
		s.render(w, r, http.StatusBadRequest, "client_edit", v)
		return
	}
	stored, err := s.Clients.UpdateClient(r.Context(), c.ID, u)
	switch {
	case err == nil:
		http.Redirect(w, r, "/staff/clients/"+stored.ID, http.StatusSeeOther)
	case isConflict(err):
		now, err := s.Clients.FindClientByID(r.Context(), c.ID)
		if err != nil {
			now = c
		}
		v := s.newClientEditView(r, who, now, f, errs)
		v.Stale, v.Conflict = true, conflictRows(now, f, s.staffChoices(r))
		s.render(w, r, http.StatusConflict, "client_edit", v)
	case httpserver.Status(err) == http.StatusForbidden && len(carepath.ErrorFields(err)) > 0:
		// A care-team change by someone who may not make it: the form stays, with the reason
		// at the field.
		keepFieldErrors(errs, err)
		v := s.newClientEditView(r, who, c, f, errs)
		v.Version = version
		s.render(w, r, http.StatusForbidden, "client_edit", v)
	case isInvalid(err):
		keepFieldErrors(errs, err)
		if m, ok := errs["version"]; ok {
			delete(errs, "version")
			errs["form"] = m + " Please open the form again from the chart."
		}
		v := s.newClientEditView(r, who, c, f, errs)
		v.Version = version
		s.render(w, r, http.StatusBadRequest, "client_edit", v)
	default:
		status, _, ok := s.failOrShow(w, r, "update client", err, clientEditErrors, http.StatusInternalServerError)
		if !ok {
			return
		}
		v := s.newClientEditView(r, who, c, f, errs)
		v.Version = version
		v.Problem = "The changes could not be saved just now. Nothing was changed; please try again in a minute."
		s.render(w, r, status, "client_edit", v)
	}
}
