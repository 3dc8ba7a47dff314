package web

import (
	"bytes"
	"html/template"
	"net/http"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// planShown is one plan version as the pages show it: with its staff named and its
// problems rendered as a tree.
type planShown struct {
	*carepath.Plan
	CreatedByName, SignedByName string
	Tree                        template.HTML
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
type planTreeView struct{ Plan *carepath.Plan }

// KindName is the plain name of an intervention kind.
func (planTreeView) KindName(k carepath.InterventionKind) string { return interventionName(k) }

// planTree renders a plan's problems, goals, objectives and interventions, in clinical words
// and the client's own.
func (s *Server) planTree(p *carepath.Plan) template.HTML {
	t, ok := s.pages["plan_tree"]
	var buf bytes.Buffer
	if !ok || t.ExecuteTemplate(&buf, "plan_tree", planTreeView{Plan: p}) != nil {
		s.Log.Error("render plan tree")
		return template.HTML(`<p class="field-error">The plan could not be shown just now.</p>`)
	}
	return template.HTML(buf.String()) //nolint:gosec // the output of html/template
}

// showPlans prepares plans for the pages, naming their staff once.
func (s *Server) showPlans(r *http.Request, plans ...*carepath.Plan) []*planShown {
	var ids []string
	for _, p := range plans {
		ids = append(ids, p.CreatedBy, p.SignedBy)
	}
	names := s.staffNames(r, ids...)
	out := make([]*planShown, len(plans))
	for i, p := range plans {
		out[i] = &planShown{Plan: p, CreatedByName: names[2*i], SignedByName: names[2*i+1], Tree: s.planTree(p)}
	}
	return out
}

// planPage shows the client's treatment plan: the draft, if any, the current signed version,
// and every version.
func (s *Server) planPage(w http.ResponseWriter, r *http.Request, who signedIn) {
	s.renderPlanPage(w, r, who, http.StatusOK, func(*planPageView) {})
}

// renderPlanPage reads the client and their plans and renders the plan page with status,
// after adjust has set any notice or error.
func (s *Server) renderPlanPage(w http.ResponseWriter, r *http.Request, who signedIn, status int, adjust func(*planPageView)) {
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	plans, err := s.Plans.FindPlans(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, "find plans", err, planErrors)
		return
	}
	v := planPageView{page: page{Title: "Treatment plan"}, Who: who, Client: c, CanSign: access.Allowed(who.Role, access.TreatmentPlan, access.Sign), AckChoices: ackChoices}
	v.History = s.showPlans(r, plans...)
	for _, p := range v.History {
		switch {
		case p.Status == carepath.PlanDraft && v.Draft == nil:
			v.Draft = p
		case p.Status == carepath.PlanSigned && v.Current == nil:
			v.Current = p
		}
	}
	adjust(&v)
	s.render(w, r, status, "plan", v)
}

// planVersionPage shows one version of the plan.
func (s *Server) planVersionPage(w http.ResponseWriter, r *http.Request, who signedIn) {
	c, p, ok := s.chartPlan(w, r)
	if !ok {
		return
	}
	v := planPageView{page: page{Title: "Treatment plan version"}, Who: who, Client: c}
	v.Shown = s.showPlans(r, p)[0]
	s.render(w, r, http.StatusOK, "plan_version", v)
}

// chartPlan reads the client of the path and its plan pid, answering the error page itself
// when it cannot; a plan of another client is not found.
func (s *Server) chartPlan(w http.ResponseWriter, r *http.Request) (*carepath.Client, *carepath.Plan, bool) {
	c, ok := s.chartClient(w, r)
	if !ok {
		return nil, nil, false
	}
	p, err := s.Plans.FindPlanByID(r.Context(), r.PathValue("pid"))
	if err == nil && p.ClientID != c.ID {
		err = carepath.Errorf(carepath.ENOTFOUND, "There is no such plan.")
	}
	if err != nil {
		s.fail(w, r, "find plan", err, planErrors)
		return nil, nil, false
	}
	return c, p, true
}
