package web

import (
	"net/http"
	"strconv"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// clientEditView is the view model of the new-client and edit-client form.
type clientEditView struct {
	page
	Who          signedIn
	Client       *carepath.Client // the stored client; nil on the new-client form
	Action       string           // where the form posts
	Version      int              // the version the edit is based on
	Groups       []fieldGroup
	Summary      []errorLink
	StaffProblem string
	Stale        bool          // someone else changed the client since the form was opened
	Conflict     []conflictRow // then: the fields where what is stored differs from what was typed
	Problem      string        // the save failed for a reason that is not the input's
}

// clientEditView builds the form's view model.
func (s *Server) newClientEditView(r *http.Request, who signedIn, c *carepath.Client, f clientForm, errs map[string]string) clientEditView {
	staff := s.staffChoices(r)
	v := clientEditView{page: page{Title: "New client"}, Who: who, Client: c, Action: "/staff/clients/new",
		Groups: clientGroupsView(f, errs, staff, allClientPaths()), StaffProblem: staff.Problem,
		Summary: clientSummary(errs, allClientPaths(), clientFieldID("given_name"))}
	if c != nil {
		v.Title, v.Action, v.Version = "Edit client", "/staff/clients/"+c.ID+"/edit", c.Version
	}
	return v
}

// clientNewForm shows an empty new-client form.
func (s *Server) clientNewForm(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Client, access.Create) {
		s.deny(w, r, clientEditErrors)
		return
	}
	s.render(w, r, http.StatusOK, "client_edit", s.newClientEditView(r, who, nil, clientForm{}, map[string]string{}))
}

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

// clientEditForm shows the edit form filled with the stored client and its version.
func (s *Server) clientEditForm(w http.ResponseWriter, r *http.Request, who signedIn) {
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "client_edit", s.newClientEditView(r, who, c, clientFormOf(c), map[string]string{}))
}

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
