package web

import (
	"net/http"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/delivery"
)

// weekParam reads the ISO week a page asks for (?<name>=2026-W49); the current week in loc
// when it is missing or not a week.
func weekParam(r *http.Request, name string, loc *time.Location) delivery.ISOWeek {
	if w, err := delivery.ParseISOWeek(name, r.URL.Query().Get(name)); err == nil {
		return w
	}
	return delivery.WeekOf(time.Now(), loc)
}

// programOf reads a program, answering the error page itself when it cannot; ok is false then.
func (s *Server) programOf(w http.ResponseWriter, r *http.Request, id string) (*carepath.Program, bool) {
	p, err := s.Programs.FindProgramByID(r.Context(), id)
	switch carepath.ErrorCode(err) {
	case "":
		return p, true
	case carepath.ENOTFOUND, carepath.EINVALID:
		s.render(w, r, http.StatusNotFound, "error", errorView{page: page{Title: "Program not found"},
			Message: "There is no program at this address."})
	case carepath.EFORBIDDEN:
		s.noAccess(w, r, "Your role does not give access to programs.")
	default:
		s.failed(w, r, "program", err)
	}
	return nil, false
}

// noAccess answers 403 with message.
func (s *Server) noAccess(w http.ResponseWriter, r *http.Request, message string) {
	s.render(w, r, http.StatusForbidden, "error", errorView{page: page{Title: "No access"}, Message: message})
}

// failed answers 500 and logs err (never client data: only what failed and the error).
func (s *Server) failed(w http.ResponseWriter, r *http.Request, what string, err error) {
	s.Log.Error(what, "err", err)
	s.render(w, r, http.StatusInternalServerError, "error", errorView{page: page{Title: "Something went wrong"},
		Message: "This page could not be read just now. Please try again in a minute."})
}

// serviceError answers the page for a service error: 404 for ENOTFOUND and EINVALID (an id
// typed into the address), 403 for EFORBIDDEN, 500 otherwise.
func (s *Server) serviceError(w http.ResponseWriter, r *http.Request, what string, err error) {
	switch carepath.ErrorCode(err) {
	case carepath.ENOTFOUND, carepath.EINVALID:
		s.render(w, r, http.StatusNotFound, "error", errorView{page: page{Title: "Not found"},
			Message: "There is nothing here that you may see."})
	case carepath.EFORBIDDEN:
		s.noAccess(w, r, "Your role does not give access to this page.")
	default:
		s.failed(w, r, what, err)
	}
}

// rosterNames reads the display names ("Family, Given") of the clients the staff member may
// name — their care team, and the members of the groups they facilitate — in one audited
// call; any other client is named by a short form of the id.
func (s *Server) rosterNames(r *http.Request, ids []string) map[string]string {
	found, err := s.Clients.FindClientNames(r.Context(), ids)
	if err != nil && carepath.ErrorCode(err) != carepath.EFORBIDDEN {
		s.Log.Error("roster names", "err", err)
	}
	names := make(map[string]string, len(ids))
	for _, id := range ids {
		if n, ok := found[id]; ok {
			names[id] = n.Display()
		} else {
			names[id] = "Client " + shortID(id)
		}
	}
	return names
}

// shortID is the last eight characters of an id, enough to tell clients apart on a page.
func shortID(id string) string {
	if len(id) > 8 {
		return "…" + id[len(id)-8:]
	}
	return id
}
