package web

import (
	"net/http"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/internal/httpserver"
)

// qualityPage shows a program's quality-of-care report for a period (admins): each figure
// with its numbers, an SVG chart and how it was computed, and the public-scorecard setting.
func (s *Server) qualityPage(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Quality, access.Read) {
		s.deny(w, r, qualityErrors)
		return
	}
	p, ok := s.programOf(w, r, r.PathValue("id"))
	if !ok {
		return
	}
	v := qualityView{page: page{Title: "Quality of care: " + p.Name}, Who: who, Program: p, Errors: map[string]string{},
		Saved: r.URL.Query().Get("scorecard") == "saved"}
	from, to := qualityPeriod(r, p, v.Errors)
	v.From, v.To = from.String(), to.String()
	if on, err := s.CalendarFeeds.ProgramScorecardPublic(r.Context(), p.ID); err == nil {
		v.Public = on
	}
	status := http.StatusOK
	if len(v.Errors) == 0 {
		q, err := s.Attendance.ProgramQuality(r.Context(), p.ID, v.From, v.To)
		switch {
		case err == nil:
			v.Figures = qualityFigures(q, s.weeklyQuality(r, p.ID, from, to))
		case isInvalid(err):
			for _, fe := range carepath.ErrorFields(err) {
				v.Errors["quality-"+fe.Field] = fe.Message
			}
			if len(v.Errors) == 0 {
				v.Errors["quality-from"] = carepath.ErrorMessage(err)
			}
		default:
			var ok bool
			if status, v.Problem, ok = s.failOrShow(w, r, "quality report", err, qualityErrors, http.StatusInternalServerError); !ok {
				return
			}
		}
	}
	for _, id := range []string{"quality-from", "quality-to"} {
		if m, ok := v.Errors[id]; ok {
			v.Summary = append(v.Summary, errorLink{id, m})
		}
	}
	if len(v.Summary) > 0 {
		status = http.StatusBadRequest
	}
	s.render(w, r, status, "quality", v)
}

// scorecardSetting turns the program's public scorecard on or off (admins).
func (s *Server) scorecardSetting(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Scorecard, access.Update) {
		s.deny(w, r, scorecardSettingErrors)
		return
	}
	id := r.PathValue("id")
	if err := r.ParseForm(); err != nil {
		http.Redirect(w, r, "/staff/programs/"+id+"/quality", http.StatusSeeOther)
		return
	}
	err := s.CalendarFeeds.SetProgramScorecardPublic(r.Context(), id, r.PostForm.Get("public") == "yes")
	if err != nil {
		s.fail(w, r, "scorecard setting", err, pageErrors)
		return
	}
	http.Redirect(w, r, "/staff/programs/"+id+"/quality?scorecard=saved", http.StatusSeeOther)
}

// scorecardPage is a program's public quality scorecard, when the program publishes one: the
// same figures for the last twelve complete weeks, with nothing about any single client.
// Anyone may read it; the figures are read as the server itself (the opt-in is the
// permission), audited, and kept for scorecardTTL (scorecard_cache.go). The opt-in is checked
// on every request, so turning the scorecard off takes effect at once.
func (s *Server) scorecardPage(w http.ResponseWriter, r *http.Request) {
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
	v.Figures = qualityFigures(q, s.weeklyQuality(r, p.ID, from, to))
	s.scorecards.put(id, v, time.Now())
	s.render(w, r, http.StatusOK, "scorecard", v)
}
