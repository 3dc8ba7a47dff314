package web

import (
	"net/http"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// intakeStatusChoice is one choice of the queue's status filter.
type intakeStatusChoice struct {
	Value, Label string
	Selected     bool
}

// intakeQueueView is the view model of the intake queue.
type intakeQueueView struct {
	page
	Who      signedIn
	Intakes  []*carepath.Intake
	Flagged  int // open requests flagged for same-day review
	Statuses []intakeStatusChoice
	Status   string // the status shown, "" for all
	Problem  string
}

// intakeOpen reports whether a request still waits to become a client.
func intakeOpen(in *carepath.Intake) bool {
	return in.Status == carepath.IntakeNew || in.Status == carepath.IntakeContacted
}

// IsOpen reports whether the request may still be converted; the template asks it.
func (v intakeQueueView) IsOpen(in *carepath.Intake) bool { return intakeOpen(in) }

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
