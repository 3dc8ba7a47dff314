package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// programWeekShow shows a program's week, day by day: every session with its time, place, staff
// and roster size, and a link to take attendance.
func (s *Server) programWeekShow(w http.ResponseWriter, r *http.Request, who signedIn) {
	p, ok := s.programOf(w, r, r.PathValue("id"))
	if !ok {
		return
	}
	loc := p.Location()
	wk := weekParam(r, "week", loc)
	occs, err := s.weekOccurrences(r, carepath.OccurrenceFilter{ProgramID: p.ID}, wk, loc)
	if err != nil {
		s.fail(w, r, "program week", err, pageErrors)
		return
	}
	base := "/staff/programs/" + p.ID + "/week?week="
	v := weekView{page: page{Title: "Week " + wk.String() + ": " + p.Name}, Who: who, Heading: p.Name,
		Subtitle: "Week " + wk.String() + " · " + wk.Monday().String() + " to " + wk.Sunday().String(),
		Back:     "/staff/programs/" + p.ID + "/census", BackText: "Census", Week: wk.String(),
		Prev: base + weekBefore(wk).String(), Next: base + wk.Next().String(), TimeZone: p.TimeZone}
	v.Days = s.buildWeek(r, who, wk, loc, occs, false)
	v.Empty = len(occs) == 0
	if r.URL.Query().Get("cancelled") == "1" {
		v.Notice = "The session was cancelled. The other sessions of its series stay as they are."
	}
	s.render(w, r, http.StatusOK, "week", v)
}
