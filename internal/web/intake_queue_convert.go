package web

import (
	"net/http"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// findIntake returns the intake request with id, read as the staff member: the policy
// decides, and the audit log records that one request as seen.
func (s *Server) findIntake(r *http.Request, id string) (*carepath.Intake, error) {
	return s.Intakes.FindIntakeByID(r.Context(), id)
}

// intakeConvertView is the view model of the conversion form.
type intakeConvertView struct {
	page
	Who          signedIn
	Intake       *carepath.Intake
	Groups       []fieldGroup
	Summary      []errorLink
	StaffProblem string
	Converted    bool // the request was converted already
}

// intakePrefill pre-fills the conversion form from the request: the name split into given and
// family name, the contact details, and the signed-in clinician or case manager on the care
// team (a clinician who converts a request should see the client they made).
func intakePrefill(in *carepath.Intake, who signedIn) clientForm {
	given, family, _ := strings.Cut(strings.TrimSpace(in.Name), " ")
	f := clientForm{"given_name": given, "family_name": strings.TrimSpace(family), "email": in.Email, "phone": in.Phone}
	switch access.ScopeOf(who.Role) { // the care-team rule: whose clients the person sees
	case access.AsPrimaryClinician:
		f["primary_clinician_id"] = who.ID
	case access.AsCaseManager:
		f["case_manager_id"] = who.ID
	}
	return f
}

// newIntakeConvertView builds the conversion form's view model.
func (s *Server) newIntakeConvertView(r *http.Request, who signedIn, in *carepath.Intake, f clientForm, errs map[string]string) intakeConvertView {
	staff := s.staffChoices(r)
	return intakeConvertView{page: page{Title: "Convert an intake request"}, Who: who, Intake: in,
		Groups: clientGroupsView(f, errs, staff, convertPaths), StaffProblem: staff.Problem,
		Summary: clientSummary(errs, convertPaths, "intake-request")}
}

// intakeError answers the page for a request that cannot be read or converted; it reports
// whether it did.
func (s *Server) intakeError(w http.ResponseWriter, r *http.Request, who signedIn, in *carepath.Intake, err error) bool {
	switch {
	case err == nil:
		return false
	case isConflict(err):
		v := intakeConvertView{page: page{Title: "Intake request converted already"}, Who: who, Intake: in, Converted: true}
		s.render(w, r, http.StatusConflict, "intake_convert", v)
	default:
		s.fail(w, r, "intake conversion", err, intakeErrors)
	}
	return true
}

// intakeConvertForm shows the conversion form pre-filled from the request, or says that the
// request was converted already (409).
func (s *Server) intakeConvertForm(w http.ResponseWriter, r *http.Request, who signedIn) {
	in, err := s.findIntake(r, r.PathValue("id"))
	if s.intakeError(w, r, who, in, err) {
		return
	}
	if in.Status == carepath.IntakeConverted {
		s.intakeError(w, r, who, in, carepath.Errorf(carepath.ECONFLICT, "converted already"))
		return
	}
	s.render(w, r, http.StatusOK, "intake_convert", s.newIntakeConvertView(r, who, in, intakePrefill(in, who), map[string]string{}))
}

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
