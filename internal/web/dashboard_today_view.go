package web

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/instrument"
)

// todaySession is one of the day's sessions on the staff home, with its one-tap action.
type todaySession struct {
	ID       string
	Time     string // "09:00–12:00 PST", in its program's zone
	What     string // "Group: Day process group A" or "Individual session with Lake, Robin"
	Where    string
	Clients  int
	Recorded bool   // attendance has been saved
	Action   string // the attendance page, when the role may take attendance
	Note     string // the group note form, for a group
	Ended    bool
	Now      bool // under way
}

// measureDueRow is one client's measures due now.
type measureDueRow struct {
	ClientID, Name, Due, Until, What, Link string
	Late                                   bool // the due date has passed
}

// todaySection is the day's work on the staff home: sessions, co-signs and measures due.
type todaySection struct {
	Date            string // "Monday 7 December 2026"
	SessionsHeading string
	Sessions        []todaySession
	SessionsProblem string
	WeekLinks       []navItem // each program's week
	CanCosign       bool
	Cosign          []noteRow
	CosignProblem   string
	CanMeasure      bool
	Measures        []measureDueRow
	MeasuresProblem string
}

// today reads the signed-in staff member's day: the sessions they run today (everyone's the
// role may see, for a role that runs none), each in its program's zone; the notes awaiting
// their co-signature; and their clients' measures due now. Each part fails on its own.
func (s *Server) today(r *http.Request, who signedIn, zone *time.Location) todaySection {
	now := time.Now()
	t := todaySection{Date: now.In(zone).Format("Monday 2 January 2006"), SessionsHeading: "Today's sessions"}
	programs, _ := s.Programs.FindPrograms(r.Context())
	if access.Allowed(who.Role, access.TherapySession, access.List) {
		t.Sessions, t.SessionsProblem = s.todaySessions(r, who, programs, now)
		if who.Role == carepath.RoleClinician {
			t.SessionsHeading = "Your sessions today"
		}
		for _, p := range programs {
			t.WeekLinks = append(t.WeekLinks, navItem{Href: "/staff/programs/" + p.ID + "/week", Label: p.Name})
		}
	}
	if t.CanCosign = access.Allowed(who.Role, access.Note, access.Cosign); t.CanCosign {
		notes, err := s.Notes.FindCosignQueue(r.Context())
		if err != nil {
			s.Log.Error("today co-sign queue", "err", err)
			t.CosignProblem = "The notes awaiting your co-signature could not be read just now."
		}
		t.Cosign = s.noteRows(r, notes, true)
	}
	if t.CanMeasure = access.Allowed(who.Role, access.Measure, access.List); t.CanMeasure && s.MeasureAlerts != nil {
		due, err := s.MeasureAlerts.FindMeasuresDue(r.Context())
		if err != nil {
			s.Log.Error("today measures due", "err", err)
			t.MeasuresProblem = "The measures due could not be read just now."
		}
		var ids []string
		for _, d := range due {
			ids = append(ids, d.ClientID)
		}
		names := s.rosterNames(r, ids)
		today := now.In(zone).Format(carepath.DateLayout)
		for _, d := range due {
			var what []string
			for _, id := range d.Instruments {
				if in, ok := instrument.Get(instrument.ID(id)); ok {
					what = append(what, in.Name)
				} else {
					what = append(what, strings.ReplaceAll(id, "_", " "))
				}
			}
			t.Measures = append(t.Measures, measureDueRow{ClientID: d.ClientID, Name: names[d.ClientID], Due: d.Due, Until: d.Until,
				What: d.Kind + ": " + strings.Join(what, ", "), Link: "/staff/clients/" + d.ClientID + "/measures/new", Late: d.Due < today})
		}
	}
	return t
}

// todaySessions lists the day's occurrences (today in each program's own zone): the ones the
// clinician runs, or every one the role may see, by start.
func (s *Server) todaySessions(r *http.Request, who signedIn, programs []*carepath.Program, now time.Time) ([]todaySession, string) {
	f := carepath.OccurrenceFilter{From: now.Add(-36 * time.Hour).UTC().Format(time.RFC3339), To: now.Add(36 * time.Hour).UTC().Format(time.RFC3339)}
	if who.Role == carepath.RoleClinician {
		f.ClinicianID = who.ID
	}
	occs, err := s.TherapySessions.FindOccurrences(r.Context(), f)
	if err != nil {
		s.Log.Error("today sessions", "err", err)
		return nil, "Today's sessions could not be read just now. Please reload the page in a minute."
	}
	zones := map[string]*time.Location{}
	for _, p := range programs {
		zones[p.ID] = p.Location()
	}
	var mine []*carepath.Occurrence
	for _, o := range occs {
		loc := cmp.Or(zones[o.ProgramID], time.UTC)
		if occurrenceStart(o).In(loc).Format(carepath.DateLayout) == now.In(loc).Format(carepath.DateLayout) {
			mine = append(mine, o)
		}
	}
	slices.SortFunc(mine, func(a, b *carepath.Occurrence) int { return occurrenceStart(a).Compare(occurrenceStart(b)) })
	var clientIDs []string
	for _, o := range mine {
		if o.GroupID == "" {
			clientIDs = append(clientIDs, o.ClientIDs...)
		}
	}
	names := s.rosterNames(r, clientIDs)
	groups := map[string]string{}
	canTake := access.Allowed(who.Role, access.Attendance, access.Update)
	out := make([]todaySession, 0, len(mine))
	for _, o := range mine {
		loc := cmp.Or(zones[o.ProgramID], time.UTC)
		start := occurrenceStart(o)
		end := start.Add(time.Duration(o.Minutes) * time.Minute)
		ts := todaySession{ID: o.ID, Time: clockSpan(start, o.Minutes, loc), What: sessionKind(o.Kind), Where: o.Room,
			Clients: len(o.ClientIDs), Recorded: o.AttendanceVersion > 0, Ended: !end.After(now), Now: !start.After(now) && end.After(now)}
		if o.Modality == "telehealth" {
			ts.Where = "Telehealth"
		}
		if o.GroupID != "" {
			name, ok := groups[o.GroupID]
			if !ok {
				if g, err := s.Groups.FindGroupByID(r.Context(), o.GroupID); err == nil {
					name = g.Name
				}
				groups[o.GroupID] = name
			}
			ts.What = "Group: " + cmp.Or(name, groupTypeName(o.GroupType))
			ts.Note = "/staff/notes/group/new?session=" + o.ID
		} else if len(o.ClientIDs) == 1 {
			ts.What += " with " + names[o.ClientIDs[0]]
		}
		if canTake && len(o.ClientIDs) > 0 {
			ts.Action = "/staff/sessions/" + o.ID + "/attendance"
		}
		out = append(out, ts)
	}
	return out, ""
}

// intakeCounts are the intake queue's open requests as the staff home counts them: exactly
// what the queue lists for each status.
type intakeCounts struct {
	New, Contacted, Flagged int
	NewMore, ContactedMore  bool // the queue's page holds no more than this many
	Denied                  bool
	Problem                 string
}

// countIntakes counts the open requests the way the queue lists them (one list per status).
func (s *Server) countIntakes(r *http.Request) intakeCounts {
	var c intakeCounts
	for _, st := range []carepath.IntakeStatus{carepath.IntakeNew, carepath.IntakeContacted} {
		status := st
		list, err := s.Intakes.FindIntakes(r.Context(), carepath.IntakeFilter{Status: &status})
		if carepath.ErrorCode(err) == carepath.EFORBIDDEN {
			c.Denied = true
			return c
		}
		if err != nil {
			s.Log.Error("intake counts", "err", err)
			c.Problem = "The intake queue could not be read just now. Please reload the page in a minute."
			return c
		}
		for _, in := range list {
			if in.Crisis {
				c.Flagged++
			}
		}
		more := len(list) >= intakePageSize
		if st == carepath.IntakeNew {
			c.New, c.NewMore = len(list), more
		} else {
			c.Contacted, c.ContactedMore = len(list), more
		}
	}
	return c
}

// intakePageSize is how many requests the queue lists at most (the service's default).
const intakePageSize = 100

// atLeast writes n, or "n or more" when the list was full.
func atLeast(n int, more bool) string {
	if more {
		return strconv.Itoa(n) + " or more"
	}
	return strconv.Itoa(n)
}
