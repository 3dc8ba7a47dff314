package web

import (
	"cmp"
	"net/http"
	"strings"
	"time"

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
	Changed  map[string]string // request id → "contacted by X, 2026-12-07 09:12 PST"
	Notice   string
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

// intakeStatusNames are the statuses in words.
var intakeStatusNames = map[carepath.IntakeStatus]string{carepath.IntakeNew: "new", carepath.IntakeContacted: "contacted",
	carepath.IntakeConverted: "converted", carepath.IntakeClosed: "closed"}

// intakeShowView is the view model of one request's page: the request, its history, and the
// form that marks it contacted, closed or new again.
type intakeShowView struct {
	page
	Who       signedIn
	Intake    *carepath.Intake
	History   []intakeHistoryRow
	CanChange bool
	Open      bool
	Status    string // what was chosen, kept after a problem
	Note      string
	Errors    map[string]string
	Summary   []errorLink
	Notice    string
}

// intakeHistoryRow is one change of a request's status, in words.
type intakeHistoryRow struct {
	Status, By, At, Note string
}

// intakeStatusBy writes who last changed a request's status and when, in zone.
func intakeStatusBy(in *carepath.Intake, staff map[string]string, zone *time.Location) string {
	if in.StatusChangedBy == "" {
		return ""
	}
	return "by " + cmp.Or(staff[in.StatusChangedBy], "a former staff member") + ", " + instantText(in.StatusChangedAt, zone)
}

// intakePage builds a request's page; false when it answered an error page.
func (s *Server) intakePage(w http.ResponseWriter, r *http.Request, who signedIn) (intakeShowView, bool) {
	in, err := s.findIntake(r, r.PathValue("id"))
	if err != nil {
		s.fail(w, r, "intake request", err, intakeErrors)
		return intakeShowView{}, false
	}
	zone := s.viewerZone(r)
	v := intakeShowView{page: page{Title: "Intake request", Zone: zone}, Who: who, Intake: in, Open: intakeOpen(in),
		CanChange: access.Allowed(who.Role, access.Intake, access.Update) && in.Status != carepath.IntakeConverted,
		Errors:    map[string]string{}}
	_, staff := s.staffDirectory(r)
	for _, c := range in.StatusChanges {
		v.History = append(v.History, intakeHistoryRow{Status: intakeStatusNames[c.Status], By: cmp.Or(staff[c.ChangedBy], "a former staff member"),
			At: instantText(c.ChangedAt, zone), Note: c.Note})
	}
	if r.URL.Query().Get("saved") == "1" {
		v.Notice = "Saved: the request is now " + intakeStatusNames[in.Status] + "."
	}
	return v, true
}
