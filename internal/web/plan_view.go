package web

import (
	"bytes"
	"html/template"
	"net/http"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// planShown is one plan version as the pages show it: with its staff named and its
// problems rendered as a tree.
type planShown struct {
	*carepath.TreatmentPlan
	CreatedByName, SignedByName string
	Tree                        template.HTML
	Zone                        *time.Location // the viewer's, for the plan_facts template
}

// ackChoice is one way a client acknowledges a plan.
type ackChoice struct{ Value, Name string }

var ackChoices = []ackChoice{
	{string(carepath.AcknowledgedInPerson), "In person"},
	{string(carepath.AcknowledgedSigned), "Signed a copy"},
	{string(carepath.AcknowledgedVerbal), "Verbally (e.g. by phone or telehealth)"},
}

// planPageView is the view model of the plan page and of one version's page.
type planPageView struct {
	page
	Who            signedIn
	Client         *carepath.Client
	Draft, Current *planShown
	Shown          *planShown // the one version of the version page
	History        []*planShown
	CanSign        bool
	AckChoices     []ackChoice
	AckHow         string
	AckError       string
	Notice         string
}

// AckName is the plain name of an acknowledgement method.
func (planPageView) AckName(how carepath.AcknowledgementMethod) string {
	for _, c := range ackChoices {
		if c.Value == string(how) {
			return c.Name
		}
	}
	return string(how)
}

// planTreeView is what the plan_tree template renders.
type planTreeView struct{ Plan *carepath.TreatmentPlan }

// KindName is the plain name of an intervention kind.
func (planTreeView) KindName(k carepath.InterventionKind) string { return interventionName(k) }

// planTree renders a plan's problems, goals, objectives and interventions, in clinical words
// and the client's own.
func (s *Server) planTree(p *carepath.TreatmentPlan) template.HTML {
	t, ok := s.pages["plan_tree"]
	var buf bytes.Buffer
	if !ok || t.ExecuteTemplate(&buf, "plan_tree", planTreeView{Plan: p}) != nil {
		s.Log.Error("render plan tree")
		return template.HTML(`<p class="field-error">The plan could not be shown just now.</p>`)
	}
	return template.HTML(buf.String()) //nolint:gosec // the output of html/template
}

// showPlans prepares plans for the pages, naming their staff once.
func (s *Server) showPlans(r *http.Request, plans ...*carepath.TreatmentPlan) []*planShown {
	var ids []string
	for _, p := range plans {
		ids = append(ids, p.CreatedBy, p.SignedBy)
	}
	names := s.staffNames(r, ids...)
	zone := s.viewerZone(r)
	out := make([]*planShown, len(plans))
	for i, p := range plans {
		out[i] = &planShown{TreatmentPlan: p, CreatedByName: names[2*i], SignedByName: names[2*i+1], Tree: s.planTree(p), Zone: zone}
	}
	return out
}

// renderPlanPage reads the client and their plans and renders the plan page with status,
// after adjust has set any notice or error.
func (s *Server) renderPlanPage(w http.ResponseWriter, r *http.Request, who signedIn, status int, adjust func(*planPageView)) {
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	plans, err := s.TreatmentPlans.FindPlans(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, "find plans", err, planErrors)
		return
	}
	v := planPageView{page: page{Title: "Treatment plan"}, Who: who, Client: c, CanSign: access.Allowed(who.Role, access.TreatmentPlan, access.Sign), AckChoices: ackChoices}
	v.History = s.showPlans(r, plans...)
	for _, p := range v.History {
		switch {
		case p.Status == carepath.TreatmentPlanDraft && v.Draft == nil:
			v.Draft = p
		case p.Status == carepath.TreatmentPlanSigned && v.Current == nil:
			v.Current = p
		}
	}
	adjust(&v)
	s.render(w, r, status, "plan", v)
}

// chartPlan reads the client of the path and its plan pid, answering the error page itself
// when it cannot; a plan of another client is not found.
func (s *Server) chartPlan(w http.ResponseWriter, r *http.Request) (*carepath.Client, *carepath.TreatmentPlan, bool) {
	c, ok := s.chartClient(w, r)
	if !ok {
		return nil, nil, false
	}
	p, err := s.TreatmentPlans.FindPlanByID(r.Context(), r.PathValue("pid"))
	if err == nil && p.ClientID != c.ID {
		err = carepath.Errorf(carepath.ENOTFOUND, "There is no such plan.")
	}
	if err != nil {
		s.fail(w, r, "find plan", err, planErrors)
		return nil, nil, false
	}
	return c, p, true
}

// chartPlanSection is the chart's treatment-plan section: the current signed version and
// any draft, or Denied for roles that may not see plans, or a Problem reading them.
type chartPlanSection struct {
	Denied         bool
	Problem        string
	Current, Draft *planShown
	Versions       int
}

// chartPlans reads the client's plan for the chart.
func (s *Server) chartPlans(r *http.Request, clientID string) chartPlanSection {
	if s.TreatmentPlans == nil {
		return chartPlanSection{Denied: true}
	}
	list, err := s.TreatmentPlans.FindPlans(r.Context(), clientID)
	if err != nil {
		sec := sectionOf[*carepath.TreatmentPlan](s, "plans", nil, err)
		return chartPlanSection{Denied: sec.Denied, Problem: sec.Problem}
	}
	sec := chartPlanSection{Versions: len(list)}
	var shown []*carepath.TreatmentPlan // the draft (always the newest version) and the newest signed one
	for i, p := range list {
		if (i == 0 && p.Status == carepath.TreatmentPlanDraft) || p.Status == carepath.TreatmentPlanSigned {
			shown = append(shown, p)
		}
		if p.Status == carepath.TreatmentPlanSigned {
			break
		}
	}
	for _, p := range s.showPlans(r, shown...) {
		if p.Status == carepath.TreatmentPlanDraft {
			sec.Draft = p
		} else {
			sec.Current = p
		}
	}
	return sec
}

// planBase is the path of the client's plan pages.
func planBase(clientID string) string { return "/staff/clients/" + clientID + "/plans" }

// interventionName is the plain name of an intervention kind.
func interventionName(k carepath.InterventionKind) string {
	for _, c := range interventionKinds {
		if c.Kind == k {
			return c.Name
		}
	}
	return string(k)
}
