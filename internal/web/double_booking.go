package web

import (
	"cmp"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/delivery"
)

// doubleBookings says, for each double booking behind err (a delivery.ConflictError), who or
// what is already booked and in which session, when, in words: "Dr Casey Morgan is already
// booked then: Individual session with Lake, Robin (Harbor Outpatient Therapy), Thursday 10
// December 2026, 13:00–13:50 PST." The other session is read as the staff member, so a
// session they may not see is only "another session" at its time; the error itself holds
// ids only. Nil when err holds no double booking.
func (s *Server) doubleBookings(r *http.Request, err error) []string {
	var out []string
	for _, c := range s.clashes(r, err) {
		out = append(out, c.Text)
	}
	return out
}

// clash is one double booking in words, with the field it is about (clinician_ids,
// client_ids or room).
type clash struct{ Field, Text string }

// placeClashes puts each double booking behind err next to the field it is about (anchor maps
// a field to an element id; the first clash of a field wins) and returns them all in words.
func (s *Server) placeClashes(r *http.Request, errs map[string]string, err error, anchor func(field, code string) string, fallback string) []string {
	var out []string
	for _, c := range s.clashes(r, err) {
		out = append(out, c.Text)
		id := anchor(strings.TrimSuffix(c.Field, "s"), "double_booked")
		if c.Field == "clinician_ids" && id == "" {
			id = anchor("facilitator_ids", "double_booked")
		}
		if id == "" {
			id = fallback
		}
		if _, dup := errs[id]; !dup {
			errs[id] = c.Text
		}
	}
	return out
}

// clashes describes each double booking behind err (see doubleBookings).
func (s *Server) clashes(r *http.Request, err error) []clash {
	var ce *delivery.ConflictError
	if !errors.As(err, &ce) {
		return nil
	}
	_, staff := s.staffDirectory(r)
	var clientIDs []string
	for _, c := range ce.Conflicts {
		if c.Field == "client_ids" {
			clientIDs = append(clientIDs, c.ResourceID)
		}
	}
	occs := map[string]*carepath.Occurrence{}
	for _, c := range ce.Conflicts {
		if _, done := occs[c.SessionID]; done {
			continue
		}
		o, err := s.TherapySessions.FindOccurrence(r.Context(), c.SessionID)
		if err == nil {
			occs[c.SessionID] = o
			if o.GroupID == "" {
				clientIDs = append(clientIDs, o.ClientIDs...)
			}
		} else {
			occs[c.SessionID] = nil
		}
	}
	names := s.rosterNames(r, clientIDs)
	programs := map[string]*carepath.Program{}
	groups := map[string]string{}
	var out []clash
	for _, c := range ce.Conflicts {
		var who string
		switch c.Field {
		case "clinician_ids":
			who = cmp.Or(staff[c.ResourceID], "The clinician")
		case "client_ids":
			who = names[c.ResourceID]
		default:
			who = "Room “" + c.ResourceID + "”"
		}
		o := occs[c.SessionID]
		if o == nil {
			out = append(out, clash{c.Field, who + " is already booked then: another session, " + daySpan(c.Start, c.Minutes, c.Start.Location()) + "."})
			continue
		}
		p, ok := programs[o.ProgramID]
		if !ok {
			p, _ = s.Programs.FindProgramByID(r.Context(), o.ProgramID)
			programs[o.ProgramID] = p
		}
		loc, where := time.UTC, ""
		if p != nil {
			loc, where = p.Location(), " ("+p.Name+")"
		}
		what := sessionKind(o.Kind)
		if o.GroupID != "" {
			name, ok := groups[o.GroupID]
			if !ok {
				if g, err := s.Groups.FindGroupByID(r.Context(), o.GroupID); err == nil {
					name = g.Name
				}
				groups[o.GroupID] = name
			}
			what = "Group: " + cmp.Or(name, groupTypeName(o.GroupType))
		} else if len(o.ClientIDs) == 1 {
			what += " with " + names[o.ClientIDs[0]]
		}
		out = append(out, clash{c.Field, who + " is already booked then: " + what + where + ", " + daySpan(occurrenceStart(o), o.Minutes, loc) + "."})
	}
	return out
}
