package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// diagnosisCreate adds the posted diagnosis and goes back to the list, or shows the page again
// with what was typed kept and the problem named next to its field (400).
func (s *Server) diagnosisCreate(w http.ResponseWriter, r *http.Request, who signedIn) {
	_ = r.ParseForm()
	v := r.PostForm
	f := diagnosisForm{Code: v.Get("code"), Onset: v.Get("onset"), Primary: v.Get("primary") == "yes", Query: v.Get("q")}
	id := r.PathValue("id")
	_, err := s.Diagnoses.AddDiagnosis(r.Context(), id, carepath.DiagnosisInput{Code: f.Code, Primary: f.Primary, Onset: f.Onset})
	switch {
	case err == nil:
		http.Redirect(w, r, "/staff/clients/"+id+"/diagnoses", http.StatusSeeOther)
	case isInvalid(err):
		errs := map[string]string{}
		for _, fe := range carepath.ErrorFields(err) {
			switch fe.Field {
			case "onset":
				errs["diagnosis-onset"] = fe.Message
			default:
				errs["diagnosis-code"] = fe.Message
			}
		}
		if f.Query == "" {
			f.Query = f.Code
		}
		s.renderDiagnosisList(w, r, http.StatusBadRequest, f, errs)
	default:
		s.fail(w, r, "add diagnosis", err, chartErrors)
	}
}
