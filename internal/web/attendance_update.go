package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
)

// attendanceUpdate records the posted sheet in one save ("Everyone present" without the
// page's script only marks the rows). A row without a status, or minutes that are not a
// number, is refused here (400, naming the row, every value kept); an absence records 0
// minutes whatever its field held; the
// service refuses minutes outside the session and clients not on the roster the same way;
// a save over someone else's newer save is 409 and shows what they saved.
func (s *Server) attendanceUpdate(w http.ResponseWriter, r *http.Request, who signedIn) {
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
	if r.PostForm.Get("action") == "all_present" { // without the page's script: mark, show, save nothing yet
		for i, id := range ids {
			v.Rows = append(v.Rows, attendanceRow{Index: i, ClientID: id, Name: names[id], Status: "present",
				Minutes: strconv.Itoa(v.Occ.Minutes)})
		}
		v.AllPresent = true
		s.render(w, r, http.StatusOK, "attendance", v)
		return
	}
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
		case strings.HasPrefix(row.Status, "absent"):
			// An absence attended no minutes, whatever the field still held.
			rec.Minutes, row.Minutes = 0, ""
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
