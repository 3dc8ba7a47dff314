package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// chartClient reads the chart's client for an assessment page, answering the error page
// itself when it cannot; ok is false then.
func (s *Server) chartClient(w http.ResponseWriter, r *http.Request) (*carepath.Client, bool) {
	c, err := s.Clients.FindClientByID(r.Context(), r.PathValue("id"))
	switch carepath.ErrorCode(err) {
	case "":
		return c, true
	case carepath.ENOTFOUND, carepath.EINVALID:
		s.render(w, r, http.StatusNotFound, "error", errorView{page: page{Title: "Client not found"},
			Message: "There is no client here that you may see."})
	case carepath.EFORBIDDEN:
		s.render(w, r, http.StatusForbidden, "error", errorView{page: page{Title: "No access"},
			Message: "Your role does not give access to client charts."})
	default:
		s.Log.Error("assessment client", "err", err)
		s.render(w, r, http.StatusInternalServerError, "error", errorView{page: page{Title: "Something went wrong"},
			Message: "The chart could not be read just now. Please try again in a minute."})
	}
	return nil, false
}

// assessDenied answers the page for roles that may not take assessments.
func (s *Server) assessDenied(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusForbidden, "error", errorView{page: page{Title: "No access"},
		Message: "Assessments are not available for your role."})
}

// chartAssessForm shows an empty assessment form for the client.
func (s *Server) chartAssessForm(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !canAssess(who.Role) {
		s.assessDenied(w, r)
		return
	}
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	f := assessForm{Ratings: map[carepath.Dimension]string{}}
	s.render(w, r, http.StatusOK, "chart_assess", newAssessView(who, c, f, map[string]string{}))
}

// chartAssessSave scores the posted profile and either shows the recommendation (the "show
// recommendation" button, or any problem, with every value kept) or stores the assessment and
// sends the browser back to the chart.
func (s *Server) chartAssessSave(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !canAssess(who.Role) {
		s.assessDenied(w, r)
		return
	}
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	f := readAssessForm(r)
	errs := map[string]string{}
	raw, p := f.profile(errs)
	var v assessView
	if len(errs) == 0 {
		rec, err := s.Placement.Recommend(p)
		if err != nil {
			for _, fe := range carepath.ErrorFields(err) {
				id := fieldAnchor("profile." + fe.Field)
				if _, dup := errs[id]; !dup {
					errs[id] = fe.Message
				}
			}
			if len(errs) == 0 {
				errs["assess-profile"] = carepath.ErrorMessage(err)
			}
		} else {
			v.Rec = &rec
		}
	}
	if len(errs) == 0 && r.PostForm.Get("action") == "save" {
		in := carepath.AssessmentInput{Profile: raw}
		if f.FinalLevel != "" {
			l := carepath.Level(f.FinalLevel)
			in.FinalLevel = &l
		}
		if f.VarianceCode != "" || f.VarianceNote != "" {
			in.Variance = &carepath.Variance{Code: carepath.VarianceCode(f.VarianceCode), Note: f.VarianceNote}
		}
		_, err := s.Assessments.CreateAssessment(r.Context(), c.ID, in)
		switch carepath.ErrorCode(err) {
		case "":
			http.Redirect(w, r, "/staff/clients/"+c.ID, http.StatusSeeOther)
			return
		case carepath.EINVALID:
			for _, fe := range carepath.ErrorFields(err) {
				id := fieldAnchor(fe.Field)
				if _, dup := errs[id]; !dup {
					errs[id] = fe.Message
				}
			}
			if len(errs) == 0 {
				errs["assess-final-level"] = carepath.ErrorMessage(err)
			}
		case carepath.EFORBIDDEN:
			s.assessDenied(w, r)
			return
		case carepath.ENOTFOUND:
			s.render(w, r, http.StatusNotFound, "error", errorView{page: page{Title: "Client not found"},
				Message: "There is no client here that you may see."})
			return
		default:
			s.Log.Error("create assessment", "err", err)
			errs["assess-final-level"] = "The assessment could not be stored just now. Nothing was stored; please try again in a minute."
		}
	}
	rec := v.Rec
	v = newAssessView(who, c, f, errs)
	v.Rec = rec
	status := http.StatusOK
	if len(errs) > 0 {
		status = http.StatusBadRequest
	}
	s.render(w, r, status, "chart_assess", v)
}
