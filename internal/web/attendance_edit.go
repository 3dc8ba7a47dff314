package web

import (
	"net/http"
)

// attendanceEdit shows the attendance sheet of one occurrence: each rostered client with a
// status radio group and minutes, filled with what is recorded.
func (s *Server) attendanceEdit(w http.ResponseWriter, r *http.Request, who signedIn) {
	v, sheet, ok := s.attendanceBase(w, r, who)
	if !ok {
		return
	}
	v.Rows = s.sheetRows(r, sheet)
	v.Saved = r.URL.Query().Get("saved") == "1"
	s.render(w, r, http.StatusOK, "attendance", v)
}
