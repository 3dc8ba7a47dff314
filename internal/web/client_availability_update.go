package web

import (
	"net/http"
)

// clientAvailabilityUpdate records a client's weekly availability.
func (s *Server) clientAvailabilityUpdate(w http.ResponseWriter, r *http.Request, who signedIn) {
	c, err := s.Clients.FindClientByID(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, "client", err, pageErrors)
		return
	}
	_ = r.ParseForm()
	slots := r.PostForm["slot"]
	_, err = s.Availability.SetClientAvailability(r.Context(), c.ID, slots)
	switch {
	case err == nil:
		http.Redirect(w, r, "/staff/clients/"+c.ID+"/availability?saved=1", http.StatusSeeOther)
	case isInvalid(err):
		v := clientAvailabilityView(who, c, true, slots)
		v.Errors["avail-mon-07"] = "Some hours could not be read. Please tick the hours again."
		v.Summary = []errorLink{{"avail-mon-07", v.Errors["avail-mon-07"]}}
		s.render(w, r, http.StatusBadRequest, "availability", v)
	default:
		s.fail(w, r, "save client availability", err, pageErrors)
	}
}
