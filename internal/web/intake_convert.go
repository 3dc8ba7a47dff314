package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// intakeConvert creates the client from the request, with the request's answers as the first
// assessment, and sends the browser to the new chart. A problem with the input shows the form
// again, 400, with what was typed; a request converted already answers 409.
func (s *Server) intakeConvert(w http.ResponseWriter, r *http.Request, who signedIn) {
	id := r.PathValue("id")
	f := readClientForm(r, convertPaths)
	ci := carepath.ClientInput{GivenName: f["given_name"], FamilyName: f["family_name"], PreferredName: f["preferred_name"],
		BirthDate: f["birth_date"], Pronouns: f["pronouns"], Email: f["email"], Phone: f["phone"],
		PreferredLanguage: f["preferred_language"], PrimaryClinicianID: f["primary_clinician_id"], CaseManagerID: f["case_manager_id"]}
	c, err := s.IntakeConverter.ConvertIntake(r.Context(), id, ci)
	switch {
	case err == nil:
		http.Redirect(w, r, "/staff/clients/"+c.ID, http.StatusSeeOther)
		return
	case isInvalid(err):
		// The form shows the request again; a missing request is reported as such.
		in, ferr := s.findIntake(r, id)
		if s.intakeError(w, r, who, in, ferr) {
			return
		}
		errs := map[string]string{}
		keepFieldErrors(errs, err)
		if len(errs) == 0 {
			errs["form"] = carepath.ErrorMessage(err)
		}
		s.render(w, r, http.StatusBadRequest, "intake_convert", s.newIntakeConvertView(r, who, in, f, errs))
	case isConflict(err):
		in, _ := s.findIntake(r, id)
		s.intakeError(w, r, who, in, err)
	default:
		s.intakeError(w, r, who, nil, err)
	}
}
