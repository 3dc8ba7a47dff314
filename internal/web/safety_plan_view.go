package web

import (
	"strconv"

	"github.com/carepath/carepath"
)

// safetyPlanErrors are the words of the safety plan pages' errors.
var safetyPlanErrors = errorPage{notFound: clientNotFound, forbidden: "Safety plans are not available for your role.",
	internal: "The safety plan could not be read just now. Please try again in a minute."}

// planStep is one of the six steps as a page shows it.
type planStep struct {
	N        int
	Title    string
	Hint     string
	Lines    []string
	Contacts []carepath.SafetyContactLine
}

// planSteps arranges a plan in the six Stanley–Brown steps, 988 and 911 always in step 5.
func planSteps(p *carepath.SafetyPlan) []planStep {
	return []planStep{
		{N: 1, Title: "Warning signs that a crisis may be developing", Lines: p.WarningSigns},
		{N: 2, Title: "Things I can do on my own to take my mind off my problems", Lines: p.CopingStrategies},
		{N: 3, Title: "People and social places that help me take my mind off things", Lines: p.DistractionPlaces, Contacts: p.DistractionPeople},
		{N: 4, Title: "People I can ask for help", Contacts: p.HelpContacts},
		{N: 5, Title: "Professionals and agencies I can contact in a crisis", Contacts: append(append([]carepath.SafetyContactLine{}, p.Professionals...), carepath.CrisisLines...)},
		{N: 6, Title: "Making the environment safe", Lines: p.SafeEnvironment},
	}
}

// safetyPlanShowView is the view model of the chart's safety plan page, which prints.
type safetyPlanShowView struct {
	page
	Who      signedIn
	Client   *carepath.Client
	Plan     *carepath.SafetyPlan // nil when there is none yet
	Latest   int
	Steps    []planStep
	Versions []planVersionRow
	By       string
	CanEdit  bool
	CanEmail bool   // the client has an email address and consent to contact by email
	NoEmail  string // why the link cannot be emailed, when it cannot
	LinkURL  string // a link just made, shown once to hand over
	Notice   string
	Problem  string
}

// planVersionRow is one version in the plan's history.
type planVersionRow struct {
	Version          int
	Link, By, When   string
	Current, Showing bool
}

// safetyPlanFormView is the view model of the form that writes a new version.
type safetyPlanFormView struct {
	page
	Who         signedIn
	Client      *carepath.Client
	BaseVersion int
	Text        map[string]string // the text areas by field
	Contacts    map[string][]contactRow
	WithClient  bool
	Errors      map[string]string
	Summary     []errorLink
	Conflict    bool
}

// contactRow is one name and phone pair on the form.
type contactRow struct {
	ID, Name, Phone   string
	NameErr, PhoneErr string
}

// contactRows makes the rows of a contact field: those given and two empty ones, at least
// three in all.
func contactRows(field string, cs []carepath.SafetyContactLine) []contactRow {
	n := max(len(cs)+2, 3)
	rows := make([]contactRow, n)
	for i := range rows {
		rows[i].ID = field + "-" + strconv.Itoa(i)
		if i < len(cs) {
			rows[i].Name, rows[i].Phone = cs[i].Name, cs[i].Phone
		}
	}
	return rows
}

// safetyPlanLinkView is the view model of the page a client opens from their link.
type safetyPlanLinkView struct {
	page
	Plan  *carepath.SafetyPlan
	Steps []planStep
}

// planFieldView is one field of the safety plan form as its template reads it.
type planFieldView struct {
	Field, Label, Text, Error string
	Rows                      []contactRow
}
