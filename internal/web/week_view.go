package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/delivery"
)

// sessionKindNames are the words event titles and pages use for the session kinds.
var sessionKindNames = map[string]string{
	carepath.SessionIndividual: "Individual session",
	carepath.SessionFamily:     "Family session",
	carepath.SessionMedication: "Medication management",
	carepath.SessionGroup:      "Group",
}

// groupTypeName names a group by its type, e.g. "Process group", for a reader who may not
// see the group itself.
func groupTypeName(t string) string {
	name := strings.ReplaceAll(t, "_", " ") + " group"
	return strings.ToUpper(name[:1]) + name[1:]
}

// sessionKind returns the display name of a session kind.
func sessionKind(k string) string {
	if n, ok := sessionKindNames[k]; ok {
		return n
	}
	return k
}

// weekSession is one occurrence as a week page shows it.
type weekSession struct {
	ID         string
	Time       string // "09:00–12:00"
	What       string // "Group: Morning process" or "Individual session"
	GroupID    string
	Where      string // the room, or "Telehealth"
	Link       string // a telehealth meeting link
	Staff      string // facilitators or the clinician, by name
	Clients    []string
	Count      int
	Moved      bool
	Recorded   bool // attendance has been saved at least once
	Attendance bool // the signed-in staff member may take attendance here
}

// weekDay is one day of a week page.
type weekDay struct {
	Date     string // 2026-03-09
	Name     string // Monday 9 March
	Sessions []weekSession
}

// weekView is the view model of the week pages: a program's week, and the printable
// schedules of a client and of a group.
type weekView struct {
	page
	Who       signedIn
	Heading   string
	Subtitle  string
	Back      string // the page to go back to
	BackText  string
	Week      string
	Prev      string // the previous and next weeks' addresses
	Next      string
	TimeZone  string
	Days      []weekDay
	Empty     bool
	Printable bool     // the one-page schedule of a client or a group
	Roster    []string // a group's roster this week (printable group schedule)
	Problem   string
	Notice    string
}

// buildWeek lays occurrences out by local day in loc, Monday first, naming groups, staff and
// (when withClients) the clients.
func (s *Server) buildWeek(r *http.Request, who signedIn, w delivery.ISOWeek, loc *time.Location, occs []*carepath.Occurrence, withClients bool) []weekDay {
	days := make([]weekDay, 7)
	index := map[string]int{}
	for i := range days {
		d := w.Monday().AddDays(i)
		t := d.Midnight(loc)
		days[i] = weekDay{Date: d.String(), Name: t.Format("Monday 2 January")}
		index[d.String()] = i
	}
	_, staff := s.staffDirectory(r)
	groups := map[string]string{}
	var clientIDs []string
	if withClients {
		for _, o := range occs {
			clientIDs = append(clientIDs, o.ClientIDs...)
		}
	}
	names := s.rosterNames(r, clientIDs)
	for _, o := range occs {
		start := occurrenceStart(o).In(loc)
		i, ok := index[start.Format("2006-01-02")]
		if !ok {
			continue
		}
		ws := weekSession{ID: o.ID, Time: clockSpan(start, o.Minutes, loc),
			What: sessionKind(o.Kind), GroupID: o.GroupID, Where: o.Room, Count: len(o.ClientIDs), Moved: o.Moved,
			Recorded: o.AttendanceVersion > 0, Attendance: access.Allowed(who.Role, access.Attendance, access.Update)}
		if o.Modality == "telehealth" {
			ws.Where, ws.Link = "Telehealth", o.MeetingLink
		}
		if o.GroupID != "" {
			name, ok := groups[o.GroupID]
			if !ok {
				if g, err := s.Groups.FindGroupByID(r.Context(), o.GroupID); err == nil {
					name = g.Name
				}
				groups[o.GroupID] = name
			}
			if name != "" {
				ws.What = "Group: " + name
			}
		}
		for j, id := range o.ClinicianIDs {
			if j > 0 {
				ws.Staff += ", "
			}
			if n, ok := staff[id]; ok {
				ws.Staff += n
			} else {
				ws.Staff += "Staff " + shortID(id)
			}
		}
		if withClients {
			for _, id := range o.ClientIDs {
				ws.Clients = append(ws.Clients, names[id])
			}
		}
		days[i].Sessions = append(days[i].Sessions, ws)
	}
	return days
}

// weekOccurrences lists the occurrences f selects in week w of loc.
func (s *Server) weekOccurrences(r *http.Request, f carepath.OccurrenceFilter, w delivery.ISOWeek, loc *time.Location) ([]*carepath.Occurrence, error) {
	start, end := w.Bounds(loc)
	f.From, f.To = start.Format(time.RFC3339), end.Format(time.RFC3339)
	return s.TherapySessions.FindOccurrences(r.Context(), f)
}
