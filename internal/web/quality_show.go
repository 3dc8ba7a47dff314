package web

import (
	"net/http"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// qualityShow shows a program's quality-of-care report for a period (admins): each figure
// with its numbers, an SVG chart and how it was computed, and the public-scorecard setting.
func (s *Server) qualityShow(w http.ResponseWriter, r *http.Request, who signedIn) {
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
			v.Figures = qualityFigures(q, s.weeklyQuality(r, p.ID, from, to), false)
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
