package web

import (
	"cmp"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// occurrenceView is the view model of one session's page: what, when (in its program's zone),
// who and where, and the ways to change this one occurrence.
type occurrenceView struct {
	page
	Who         signedIn
	Occ         *carepath.Occurrence
	Program     *carepath.Program
	What        string
	When        string
	Staff       string
	Clients     []string
	Where       string
	WeekURL     string
	CanTake     bool // attendance
	CanCancel   bool
	CanMove     bool
	Recorded    bool // attendance was taken: it can no longer be cancelled or moved
	Notice      string
	MoveDate    string
	MoveTime    string
	MoveMinutes string
	MoveErrors  map[string]string
	MoveSummary []errorLink
	Problem     string
	Clashes     []string
}

// occurrencePage reads one occurrence and builds its page; false when it answered an error page.
func (s *Server) occurrencePage(w http.ResponseWriter, r *http.Request, who signedIn) (occurrenceView, bool) {
	o, err := s.TherapySessions.FindOccurrence(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, "session", err, sessionErrors)
		return occurrenceView{}, false
	}
	p, ok := s.programOf(w, r, o.ProgramID)
	if !ok {
		return occurrenceView{}, false
	}
	loc := p.Location()
	start := occurrenceStart(o).In(loc)
	v := occurrenceView{page: page{Title: "Session", Zone: loc}, Who: who, Occ: o, Program: p, When: daySpan(start, o.Minutes, loc),
		WeekURL:   "/staff/programs/" + p.ID + "/week?week=" + isoWeekOf(o, loc),
		CanTake:   access.Allowed(who.Role, access.Attendance, access.Update) && len(o.ClientIDs) > 0,
		CanCancel: access.Allowed(who.Role, access.TherapySession, access.Cancel),
		CanMove:   access.Allowed(who.Role, access.TherapySession, access.Move),
		Recorded:  o.AttendanceVersion > 0, MoveErrors: map[string]string{},
		MoveDate: start.Format(carepath.DateLayout), MoveTime: start.Format("15:04"), MoveMinutes: strconv.Itoa(o.Minutes)}
	names := s.rosterNames(r, o.ClientIDs)
	for _, id := range o.ClientIDs {
		v.Clients = append(v.Clients, names[id])
	}
	v.What = sessionKind(o.Kind)
	if o.GroupID != "" {
		if g, err := s.Groups.FindGroupByID(r.Context(), o.GroupID); err == nil {
			v.What = "Group: " + g.Name
		}
	} else if len(v.Clients) == 1 {
		v.What += " with " + v.Clients[0]
	}
	v.Title = v.What + ", " + start.Format("Mon 2 Jan 2006")
	_, staff := s.staffDirectory(r)
	var st []string
	for _, id := range o.ClinicianIDs {
		st = append(st, cmp.Or(staff[id], "Staff "+shortID(id)))
	}
	v.Staff = strings.Join(st, ", ")
	v.Where = cmp.Or(o.Room, "Room to be arranged")
	if o.Modality == "telehealth" {
		v.Where = "Telehealth"
	}
	switch {
	case r.URL.Query().Get("booked") == "1":
		v.Notice = "Booked. This is its first session."
	case r.URL.Query().Get("moved") == "1":
		v.Notice = "Moved. The other sessions of the series stay as they are."
	}
	return v, true
}

// sessionName names a session for people, by its group or kind and its day and hours in its
// program's zone ("Group: Day process group A, Monday 7 December 2026, 09:00–12:00 PST"),
// never by its id; "a session you may not see" when it cannot be read.
func (s *Server) sessionName(r *http.Request, id string) string {
	o, err := s.TherapySessions.FindOccurrence(r.Context(), id)
	if err != nil {
		return "a session you may not see"
	}
	what := sessionKind(o.Kind)
	if o.GroupID != "" {
		what = "Group: " + groupTypeName(o.GroupType)
		if g, err := s.Groups.FindGroupByID(r.Context(), o.GroupID); err == nil {
			what = "Group: " + g.Name
		}
	}
	loc := time.UTC
	if p, err := s.Programs.FindProgramByID(r.Context(), o.ProgramID); err == nil {
		loc = p.Location()
	}
	return what + ", " + daySpan(occurrenceStart(o), o.Minutes, loc)
}
