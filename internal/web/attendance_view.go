package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/carepath/carepath"
)

// attendanceStatuses are the statuses in the order the form offers them, with their labels.
var attendanceStatuses = []struct{ Value, Label string }{
	{"present", "Present"},
	{"late", "Late"},
	{"left_early", "Left early"},
	{"absent_excused", "Absent excused"},
	{"absent_unexcused", "Absent unexcused"},
}

// attendanceRow is one rostered client's row on the attendance form.
type attendanceRow struct {
	Index    int
	ClientID string
	Name     string
	Status   string
	Minutes  string
	Error    string // the row's problem, shown at its fieldset
	MinError string // the minutes field's problem
}

// attendanceView is the view model of the attendance page.
type attendanceView struct {
	page
	Who        signedIn
	Occ        *carepath.Occurrence
	What       string // "Group: Morning process" or "Individual session"
	When       string // the local day and time
	Version    int
	Rows       []attendanceRow
	Statuses   []struct{ Value, Label string }
	Summary    []errorLink
	Saved      bool
	AllPresent bool // everyone was just marked present, not yet saved
	Conflict   bool
	WeekURL    string
	RecordedAt string
}

// attendanceBase reads the occurrence and its sheet and builds the page's frame.
func (s *Server) attendanceBase(w http.ResponseWriter, r *http.Request, who signedIn) (attendanceView, *carepath.AttendanceSheet, bool) {
	id := r.PathValue("id")
	occ, err := s.TherapySessions.FindOccurrence(r.Context(), id)
	var sheet *carepath.AttendanceSheet
	if err == nil {
		sheet, err = s.Attendance.FindAttendance(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, "attendance", err, attendanceErrors)
		return attendanceView{}, nil, false
	}
	v := attendanceView{page: page{Title: "Attendance"}, Who: who, Occ: occ, Version: sheet.Version, Statuses: attendanceStatuses}
	v.What = sessionKind(occ.Kind)
	if occ.GroupID != "" {
		if g, err := s.Groups.FindGroupByID(r.Context(), occ.GroupID); err == nil {
			v.What = "Group: " + g.Name
		}
	}
	loc := time.UTC
	if p, err := s.Programs.FindProgramByID(r.Context(), occ.ProgramID); err == nil {
		loc = p.Location()
		v.WeekURL = fmt.Sprintf("/staff/programs/%s/week?week=%s", p.ID, isoWeekOf(occ, loc))
	}
	v.When = daySpan(occurrenceStart(occ), occ.Minutes, loc)
	var latest time.Time
	for _, rec := range sheet.Records {
		if rec.RecordedAt.After(latest) {
			latest = rec.RecordedAt
		}
	}
	if !latest.IsZero() {
		v.RecordedAt = instantText(latest, loc)
	}
	return v, sheet, true
}

// sheetRows turns a sheet into form rows: the roster in order, then any recorded client who
// is no longer on it.
func (s *Server) sheetRows(r *http.Request, sheet *carepath.AttendanceSheet) []attendanceRow {
	ids := append([]string{}, sheet.Roster...)
	recs := map[string]carepath.AttendanceRecord{}
	for _, rec := range sheet.Records {
		recs[rec.ClientID] = rec
		if !contains(ids, rec.ClientID) {
			ids = append(ids, rec.ClientID)
		}
	}
	names := s.rosterNames(r, ids)
	rows := make([]attendanceRow, len(ids))
	for i, id := range ids {
		rows[i] = attendanceRow{Index: i, ClientID: id, Name: names[id]}
		if rec, ok := recs[id]; ok {
			rows[i].Status, rows[i].Minutes = rec.Status, strconv.Itoa(rec.Minutes)
		}
	}
	return rows
}

// recordField splits "records[2].minutes" into 2 and "minutes".
func recordField(path string) (int, string, bool) {
	rest, ok := strings.CutPrefix(path, "records[")
	if !ok {
		return 0, "", false
	}
	num, field, ok := strings.Cut(rest, "].")
	if !ok {
		return 0, "", false
	}
	i, err := strconv.Atoi(num)
	if err != nil || i < 0 {
		return 0, "", false
	}
	return i, field, true
}
