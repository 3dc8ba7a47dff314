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
	{"absent_excused", "Absent, excused"},
	{"absent_unexcused", "Absent, unexcused"},
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
	Conflict   bool
	WeekURL    string
	RecordedAt string
}

// attendanceForm shows the attendance sheet of one occurrence: each rostered client with a
// status radio group and minutes, filled with what is recorded.
func (s *Server) attendanceForm(w http.ResponseWriter, r *http.Request, who signedIn) {
	v, sheet, ok := s.attendanceBase(w, r, who)
	if !ok {
		return
	}
	v.Rows = s.sheetRows(r, sheet)
	v.Saved = r.URL.Query().Get("saved") == "1"
	s.render(w, r, http.StatusOK, "attendance", v)
}

// attendanceBase reads the occurrence and its sheet and builds the page's frame.
func (s *Server) attendanceBase(w http.ResponseWriter, r *http.Request, who signedIn) (attendanceView, *carepath.AttendanceSheet, bool) {
	id := r.PathValue("id")
	occ, err := s.Sessions.FindOccurrence(r.Context(), id)
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
	v.When = occurrenceWhen(occ, loc)
	for _, rec := range sheet.Records {
		if !rec.RecordedAt.IsZero() && (v.RecordedAt == "" || rec.RecordedAt.In(loc).Format("2006-01-02 15:04") > v.RecordedAt) {
			v.RecordedAt = rec.RecordedAt.In(loc).Format("2006-01-02 15:04")
		}
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

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// attendanceSave records the posted sheet in one save. A row without a status, or minutes
// that are not a number, is refused here (400, naming the row, every value kept); the
// service refuses minutes outside the session and clients not on the roster the same way;
// a save over someone else's newer save is 409 and shows what they saved.
func (s *Server) attendanceSave(w http.ResponseWriter, r *http.Request, who signedIn) {
	v, sheet, ok := s.attendanceBase(w, r, who)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		v.Rows = s.sheetRows(r, sheet)
		v.Summary = []errorLink{{"att-0-present", "The form could not be read. Please try again."}}
		s.render(w, r, http.StatusBadRequest, "attendance", v)
		return
	}
	version, _ := strconv.Atoi(r.PostForm.Get("version"))
	v.Version = version
	ids := r.PostForm["client_id"]
	names := s.rosterNames(r, ids)
	u := carepath.AttendanceUpdate{Version: version}
	bad := false
	for i, id := range ids {
		row := attendanceRow{Index: i, ClientID: id, Name: names[id],
			Status:  strings.TrimSpace(r.PostForm.Get(fmt.Sprintf("status-%d", i))),
			Minutes: strings.TrimSpace(r.PostForm.Get(fmt.Sprintf("minutes-%d", i)))}
		rec := carepath.AttendanceRecord{ClientID: id, Status: row.Status}
		switch {
		case row.Status == "":
			row.Error = "Choose how " + row.Name + " attended."
		case row.Minutes == "" && row.Status == "present":
			rec.Minutes = v.Occ.Minutes
		case row.Minutes == "" && strings.HasPrefix(row.Status, "absent"):
			rec.Minutes = 0
		case row.Minutes == "":
			row.MinError = "Enter the minutes " + row.Name + " attended."
		default:
			n, err := strconv.Atoi(row.Minutes)
			if err != nil {
				row.MinError = "Minutes attended are a whole number, 0 to " + strconv.Itoa(v.Occ.Minutes) + "."
			}
			rec.Minutes = n
		}
		bad = bad || row.Error != "" || row.MinError != ""
		v.Rows = append(v.Rows, row)
		u.Records = append(u.Records, rec)
	}
	if !bad {
		_, err := s.Attendance.RecordAttendance(r.Context(), v.Occ.ID, u)
		switch {
		case err == nil:
			http.Redirect(w, r, "/staff/sessions/"+v.Occ.ID+"/attendance?saved=1", http.StatusSeeOther)
			return
		case isInvalid(err):
			for _, fe := range carepath.ErrorFields(err) {
				i, field, ok := recordField(fe.Field)
				if !ok || i >= len(v.Rows) {
					v.Summary = append(v.Summary, errorLink{"att-0-present", fe.Message})
					continue
				}
				if field == "minutes" {
					v.Rows[i].MinError = v.Rows[i].Name + ": " + fe.Message
				} else {
					v.Rows[i].Error = v.Rows[i].Name + ": " + fe.Message
				}
			}
			if len(carepath.ErrorFields(err)) == 0 {
				v.Summary = append(v.Summary, errorLink{"att-0-present", carepath.ErrorMessage(err)})
			}
		case isConflict(err):
			fresh, ferr := s.Attendance.FindAttendance(r.Context(), v.Occ.ID)
			if ferr != nil {
				s.fail(w, r, "attendance reread", ferr, pageErrors)
				return
			}
			v.Conflict, v.Version, v.Rows = true, fresh.Version, s.sheetRows(r, fresh)
			s.render(w, r, http.StatusConflict, "attendance", v)
			return
		default:
			status, _, ok := s.failOrShow(w, r, "record attendance", err, attendanceErrors, http.StatusInternalServerError)
			if !ok {
				return
			}
			v.Summary = append(v.Summary, errorLink{"att-0-present", "The attendance could not be saved just now. Nothing was saved; please try again in a minute."})
			s.render(w, r, status, "attendance", v)
			return
		}
	}
	for _, row := range v.Rows {
		if row.Error != "" {
			v.Summary = append(v.Summary, errorLink{fmt.Sprintf("att-%d-present", row.Index), row.Error})
		}
		if row.MinError != "" {
			v.Summary = append(v.Summary, errorLink{fmt.Sprintf("att-%d-minutes", row.Index), row.MinError})
		}
	}
	s.render(w, r, http.StatusBadRequest, "attendance", v)
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

// occurrenceStart is an occurrence's start instant.
func occurrenceStart(o *carepath.Occurrence) time.Time {
	if !o.StartAt.IsZero() {
		return o.StartAt
	}
	t, _ := time.Parse(time.RFC3339, o.Start)
	return t
}

// occurrenceWhen writes an occurrence's day and time in loc, e.g. "Monday 9 March 2026,
// 09:00–12:00 (CDT)".
func occurrenceWhen(o *carepath.Occurrence, loc *time.Location) string {
	start := occurrenceStart(o).In(loc)
	end := start.Add(time.Duration(o.Minutes) * time.Minute)
	return start.Format("Monday 2 January 2006, 15:04") + "–" + end.Format("15:04") + " (" + start.Format("MST") + ")"
}

// isoWeekOf is the ISO week of an occurrence's local date, e.g. "2026-W11".
func isoWeekOf(o *carepath.Occurrence, loc *time.Location) string {
	y, wk := occurrenceStart(o).In(loc).ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, wk)
}
