package web

import (
	"net/http"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/delivery"
	"github.com/carepath/carepath/internal/httpserver"
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
	if err != nil {
		s.fail(w, r, "program", err, programErrors)
		return nil, false
	}
	return p, true
}

// rosterNames reads the display names ("Family, Given") of the clients the staff member may
// name — their care team, and the members of the groups they facilitate — in one audited
// call; any other client is named by a short form of the id.
func (s *Server) rosterNames(r *http.Request, ids []string) map[string]string {
	found, err := s.Clients.FindClientNames(r.Context(), ids)
	if err != nil && httpserver.Status(err) != http.StatusForbidden {
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
