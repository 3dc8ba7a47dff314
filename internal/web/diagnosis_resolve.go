package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// diagnosisResolve marks a diagnosis resolved on the posted date and goes back to the list, or
// shows the list again with the problem named (400).
func (s *Server) diagnosisResolve(w http.ResponseWriter, r *http.Request, who signedIn) {
	_ = r.ParseForm()
	_, err := s.Diagnoses.ResolveDiagnosis(r.Context(), r.PathValue("did"), r.PostForm.Get("resolved"))
	switch {
	case err == nil:
		http.Redirect(w, r, "/staff/clients/"+r.PathValue("id")+"/diagnoses", http.StatusSeeOther)
	case isInvalid(err):
		s.renderDiagnosisList(w, r, http.StatusBadRequest, diagnosisForm{}, map[string]string{"diagnosis-resolved": carepath.ErrorMessage(err) + " " + firstFieldMessage(err)})
	default:
		s.fail(w, r, "resolve diagnosis", err, chartErrors)
	}
}

// firstFieldMessage is the message of err's first field error, or "".
func firstFieldMessage(err error) string {
	if fs := carepath.ErrorFields(err); len(fs) > 0 {
		return fs[0].Message
	}
	return ""
}
