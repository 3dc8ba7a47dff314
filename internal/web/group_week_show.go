package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// groupWeekShow is a group's printable week schedule, with its roster as a sign-in list.
func (s *Server) groupWeekShow(w http.ResponseWriter, r *http.Request, who signedIn) {
	g, err := s.Groups.FindGroupByID(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, "group", err, pageErrors)
		return
	}
	p, ok := s.programOf(w, r, g.ProgramID)
	if !ok {
		return
	}
	loc := p.Location()
	wk := weekParam(r, "week", loc)
	occs, err := s.weekOccurrences(r, carepath.OccurrenceFilter{GroupID: g.ID}, wk, loc)
	if err != nil {
		s.fail(w, r, "group week", err, pageErrors)
		return
	}
	base := "/staff/groups/" + g.ID + "/week?week="
	v := weekView{page: page{Title: "Group schedule " + wk.String()}, Who: who, Heading: g.Name,
		Subtitle: "Group schedule for week " + wk.String() + " · " + wk.Monday().String() + " to " + wk.Sunday().String(),
		Back:     "/staff/programs/" + p.ID + "/week?week=" + wk.String(), BackText: "The program's week", Week: wk.String(),
		Prev: base + weekBefore(wk).String(), Next: base + wk.Next().String(), TimeZone: p.TimeZone, Printable: true}
	v.Days = s.buildWeek(r, who, wk, loc, occs, false)
	v.Empty = len(occs) == 0
	var ids []string
	for _, o := range occs {
		for _, id := range o.ClientIDs {
			if !contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	names := s.rosterNames(r, ids)
	for _, id := range ids {
		v.Roster = append(v.Roster, names[id])
	}
	s.render(w, r, http.StatusOK, "week", v)
}
