package web

import (
	"net/http"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// groupSessionDays is how far back the group note form offers sessions.
const groupSessionDays = 14

// sessionChoice is one group session offered on the group note form.
type sessionChoice struct {
	ID, Label string
	Selected  bool
}

// groupSessionChoices lists the group sessions of the last groupSessionDays days and today
// that the staff member facilitates (an admin: every group's), newest first, labelled
// "Group name — Mon 30 Nov 09:00" in the program's time zone; selected is marked, and added
// when it is older than the list.
func (s *Server) groupSessionChoices(r *http.Request, who signedIn, selected string) []sessionChoice {
	if s.Sessions == nil {
		return nil
	}
	now := time.Now()
	f := carepath.OccurrenceFilter{From: now.AddDate(0, 0, -groupSessionDays-1).UTC().Format("2006-01-02"),
		To: now.AddDate(0, 0, 2).UTC().Format("2006-01-02")}
	if !access.Oversees(who.Role) {
		f.ClinicianID = who.ID
	}
	list, err := s.Sessions.FindOccurrences(r.Context(), f)
	if err != nil {
		s.Log.Error("find group sessions", "err", err)
		list = nil
	}
	locs, groups := map[string]*time.Location{}, map[string]string{}
	label := func(o *carepath.Occurrence) (string, bool) {
		loc, ok := locs[o.ProgramID]
		if !ok {
			loc = time.UTC
			if s.Programs != nil {
				if p, err := s.Programs.FindProgramByID(r.Context(), o.ProgramID); err == nil {
					loc = p.Location()
				}
			}
			locs[o.ProgramID] = loc
		}
		name, ok := groups[o.GroupID]
		if !ok {
			name = "Group session"
			if s.Groups != nil && o.GroupID != "" {
				if g, err := s.Groups.FindGroupByID(r.Context(), o.GroupID); err == nil {
					name = g.Name
				}
			}
			groups[o.GroupID] = name
		}
		start := occurrenceStart(o).In(loc)
		today := now.In(loc).Format("2006-01-02")
		return name + " — " + start.Format("Mon 2 Jan 15:04"), start.Format("2006-01-02") <= today
	}
	var out []sessionChoice
	found := false
	for i := len(list) - 1; i >= 0; i-- {
		o := list[i]
		if o.Kind != carepath.SessionGroup {
			continue
		}
		l, due := label(o)
		if !due {
			continue
		}
		out = append(out, sessionChoice{ID: o.ID, Label: l, Selected: o.ID == selected})
		found = found || o.ID == selected
	}
	if selected != "" && !found {
		if o, err := s.Sessions.FindOccurrence(r.Context(), selected); err == nil && o.Kind == carepath.SessionGroup {
			l, _ := label(o)
			out = append(out, sessionChoice{ID: o.ID, Label: l, Selected: true})
		}
	}
	return out
}
