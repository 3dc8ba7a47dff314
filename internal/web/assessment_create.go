package web

import (
	"encoding/json"
	"net/http"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// assessmentCreate scores the posted profile and either shows the recommendation (the "show
// recommendation" button, or any problem, with every value kept) or stores the assessment and
// sends the browser back to the chart.
func (s *Server) assessmentCreate(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Assessment, access.Create) {
		s.deny(w, r, assessmentErrors)
		return
	}
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	f := readAssessForm(r)
	errs := map[string]string{}
	raw, p := f.profile(errs)
	if p.Coverage == nil && len(errs) == 0 {
		// The cost comparison uses the client's coverage unless the profile gave one.
		if p.Coverage = s.primaryCostCoverage(r, c.ID); p.Coverage != nil {
			if b, err := json.Marshal(p); err == nil {
				raw = b
			}
		}
	}
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
		switch {
		case err == nil:
			http.Redirect(w, r, "/staff/clients/"+c.ID, http.StatusSeeOther)
			return
		case isInvalid(err):
			for _, fe := range carepath.ErrorFields(err) {
				id := fieldAnchor(fe.Field)
				if _, dup := errs[id]; !dup {
					errs[id] = fe.Message
				}
			}
			if len(errs) == 0 {
				errs["assess-final-level"] = carepath.ErrorMessage(err)
			}
		default:
			if _, _, ok := s.failOrShow(w, r, "create assessment", err, assessmentErrors, http.StatusInternalServerError); !ok {
				return
			}
			errs["assess-final-level"] = "The assessment could not be stored just now. Nothing was stored; please try again in a minute."
		}
	}
	rec := v.Rec
	v = newAssessView(who, c, f, errs)
	v.Rec, v.CSSRSOpen = rec, f.screenC(p) || (rec != nil && rec.Crisis)
	status := http.StatusOK
	if len(errs) > 0 {
		status = http.StatusBadRequest
	}
	s.render(w, r, status, "chart_assess", v)
}
