package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/httpserver"
)

// staffDirectory lists the staff by name for the audit filter, and their names by id. When the
// directory cannot be read the page still works, with ids instead of names.
func (s *Server) staffDirectory(r *http.Request) ([]*carepath.Staff, map[string]string) {
	staff, err := s.Staff.FindStaff(r.Context(), carepath.StaffFilter{})
	if err != nil {
		s.Log.Error("audit page staff directory", "err", err)
		return nil, nil
	}
	slices.SortFunc(staff, func(a, b *carepath.Staff) int {
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
	names := make(map[string]string, len(staff))
	for _, m := range staff {
		names[m.ID] = m.Name
	}
	return staff, names
}

// staffNames returns the names of the given staff ids from the clinic's directory, falling back
// to the id itself when the directory cannot be read or does not know the id.
func (s *Server) staffNames(r *http.Request, ids ...string) []string {
	out := append([]string(nil), ids...)
	if s.Staff == nil {
		return out
	}
	list, err := s.Staff.FindStaff(r.Context(), carepath.StaffFilter{})
	if err != nil {
		return out
	}
	for i, id := range ids {
		for _, st := range list {
			if st.ID == id && id != "" {
				out[i] = st.Name
			}
		}
	}
	return out
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

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// clientName is a client's name as the note pages show it.
func clientName(c *carepath.Client) string {
	if c.PreferredName != "" {
		return c.PreferredName + " " + c.FamilyName
	}
	return c.GivenName + " " + c.FamilyName
}

// clientNames names the clients ids the actor may name (their care team, and the members of
// the groups they facilitate), in one audited call; the others are left out.
func (s *Server) clientNames(r *http.Request, ids ...string) map[string]string {
	out := map[string]string{}
	found, err := s.Clients.FindClientNames(r.Context(), ids)
	if err != nil && httpserver.Status(err) != http.StatusForbidden {
		s.Log.Error("client names", "err", err)
	}
	for id, n := range found {
		name := n.GivenName
		if n.PreferredName != "" {
			name = n.PreferredName
		}
		out[id] = name + " " + n.FamilyName
	}
	return out
}

// nameOr returns names[id], or fallback when it is unknown.
func nameOr(names map[string]string, id, fallback string) string {
	if n, ok := names[id]; ok && n != "" {
		return n
	}
	return fallback
}
