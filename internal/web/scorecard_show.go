package web

import (
	"net/http"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/httpserver"
)

// scorecardShow is a program's public quality scorecard, when the program publishes one: the
// same figures for the last twelve complete weeks, with nothing about any single client.
// Anyone may read it; the figures are read as the server itself (the opt-in is the
// permission), audited, and kept for scorecardTTL (scorecard_cache.go). The opt-in is checked
// on every request, so turning the scorecard off takes effect at once.
func (s *Server) scorecardShow(w http.ResponseWriter, r *http.Request) {
	remote := httpserver.RemoteAddr(r)
	public := carepath.NewContext(r.Context(), carepath.Actor{Role: carepath.RolePublic, Remote: remote})
	id := r.PathValue("id")
	on, err := s.CalendarFeeds.ProgramScorecardPublic(public, id)
	if err != nil && httpserver.Status(err) != http.StatusNotFound {
		s.fail(w, r, "scorecard", err, pageErrors)
		return
	}
	if !on {
		s.render(w, r, http.StatusNotFound, "error", errorView{page: page{Title: "No scorecard"},
			Message: "This program does not publish a scorecard."})
		return
	}
	if v, ok := s.scorecards.get(id, time.Now()); ok {
		s.render(w, r, http.StatusOK, "scorecard", v)
		return
	}
	r = r.WithContext(carepath.NewContext(r.Context(), carepath.Actor{ID: "public-scorecard", Role: carepath.RoleSystem, Remote: remote}))
	p, err := s.Programs.FindProgramByID(r.Context(), id)
	if err != nil {
		s.fail(w, r, "scorecard program", err, pageErrors)
		return
	}
	v := qualityView{page: page{Title: "Quality scorecard: " + p.Name}, Program: p, Scorecard: true, Errors: map[string]string{}}
	from, to := defaultPeriod(p)
	v.From, v.To = from.String(), to.String()
	q, err := s.Attendance.ProgramQuality(r.Context(), p.ID, v.From, v.To)
	if err != nil {
		s.fail(w, r, "scorecard quality", err, pageErrors)
		return
	}
	v.Figures = qualityFigures(q, s.weeklyQuality(r, p.ID, from, to), true)
	s.scorecards.put(id, v, time.Now())
	s.render(w, r, http.StatusOK, "scorecard", v)
}
