package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// clientWeekShow is a client's printable week schedule: every session they are booked in, in
// their program's time zone.
func (s *Server) clientWeekShow(w http.ResponseWriter, r *http.Request, who signedIn) {
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	loc, tz := s.clientLocation(r, c.ID)
	wk := weekParam(r, "week", loc)
	occs, err := s.weekOccurrences(r, carepath.OccurrenceFilter{ClientID: c.ID}, wk, loc)
	if err != nil {
		s.fail(w, r, "client week", err, pageErrors)
		return
	}
	base := "/staff/clients/" + c.ID + "/week?week="
	v := weekView{page: page{Title: "Schedule " + wk.String()}, Who: who, Heading: c.GivenName + " " + c.FamilyName,
		Subtitle: "Schedule for week " + wk.String() + " · " + wk.Monday().String() + " to " + wk.Sunday().String(),
		Back:     "/staff/clients/" + c.ID, BackText: "Back to the chart", Week: wk.String(),
		Prev: base + weekBefore(wk).String(), Next: base + wk.Next().String(), TimeZone: tz, Printable: true}
	v.Days = s.buildWeek(r, who, wk, loc, occs, false)
	v.Empty = len(occs) == 0
	s.render(w, r, http.StatusOK, "week", v)
}
