package web

import (
	"fmt"

	"github.com/carepath/carepath"
)

// planField is one input of the plan form, ready to render: its element id, posted name,
// label, value and error.
type planField struct {
	ID, Name, Label, Value, Error, Hint string
}

// planAdd is an "add another" button: it posts the form with add=Value and comes back at the
// new row (Action ends in its fragment).
type planAdd struct {
	Value, Label, Action string
}

type problemView struct {
	ID, N                 string
	Statement, InOwnWords planField
	Goals                 []goalView
	AddGoal               planAdd
}

type goalView struct {
	ID, N                 string
	Statement, InOwnWords planField
	Objectives            []objectiveView
	AddObjective          planAdd
}

type objectiveView struct {
	ID, N                 string
	Statement, TargetDate planField
	Interventions         []interventionView
	AddIntervention       planAdd
}

type interventionView struct {
	ID, N                        string
	Kind, Description, Frequency planField
}

// kindChoice is one intervention kind in the form's select.
type kindChoice struct {
	Kind carepath.InterventionKind
	Name string
}

// interventionKinds name the intervention kinds, in the order the form lists them.
var interventionKinds = []kindChoice{
	{carepath.InterventionCBT, "Cognitive behavioural therapy (CBT)"},
	{carepath.InterventionDBT, "Dialectical behaviour therapy (DBT)"},
	{carepath.InterventionMI, "Motivational interviewing (MI)"},
	{carepath.InterventionMAT, "Medication for addiction treatment (MAT)"},
	{carepath.InterventionRelapsePrevention, "Relapse prevention"},
	{carepath.InterventionFamilyTherapy, "Family therapy"},
	{carepath.InterventionLifeSkills, "Life skills"},
	{carepath.InterventionOther, "Other (describe it)"},
}

// planEditView is the view model of the plan form.
type planEditView struct {
	page
	Who      signedIn
	Client   *carepath.Client
	Plan     *carepath.TreatmentPlan // nil for a client's first plan
	Action   string                  // where the form posts
	Revision int
	Review   planField
	Problems []problemView
	AddProb  planAdd
	Kinds    []kindChoice
	Notice   string // a conflict: the plan changed or was signed meanwhile
	Summary  []errorLink
	FormErr  string
}

// newPlanEditView builds the form's view from f, with errors by element id. Every problem
// shows at least one goal, every goal one objective and every objective one intervention, so
// that a blank row is always there to fill and every list error has a field to point at.
func newPlanEditView(who signedIn, c *carepath.Client, p *carepath.TreatmentPlan, action string, f planForm, errs map[string]string) planEditView {
	title := "New treatment plan"
	if p != nil {
		title = fmt.Sprintf("Treatment plan, draft version %d", p.Version)
	}
	v := planEditView{page: page{Title: title}, Who: who, Client: c, Plan: p, Action: action, Revision: f.Revision,
		Kinds: interventionKinds, FormErr: errs["plan-form"]}
	if v.FormErr != "" {
		v.Summary = append(v.Summary, errorLink{"plan-form", v.FormErr})
	}
	field := func(id, name, label, value string) planField {
		pf := planField{ID: id, Name: name, Label: label, Value: value, Error: errs[id]}
		if pf.Error != "" {
			v.Summary = append(v.Summary, errorLink{id, label + ": " + pf.Error})
		}
		return pf
	}
	v.Review = field("plan-review_date", "review_date", "Review date", f.ReviewDate)
	v.Review.Hint = fmt.Sprintf("Leave empty for %d days after the plan was started.", carepath.DefaultReviewDays)
	if len(f.Problems) == 0 {
		f.Problems = []problemRow{blankProblem()}
	}
	for i, p := range f.Problems {
		pn, pname := fmt.Sprint(i+1), fmt.Sprintf("p%d", i)
		pv := problemView{ID: "plan-" + pname, N: pn}
		pv.Statement = field("plan-"+pname+"-statement", pname+".statement", "Problem "+pn+" in clinical words", p.Statement)
		pv.InOwnWords = field("plan-"+pname+"-in_own_words", pname+".in_own_words", "Problem "+pn+" in the client's own words", p.InOwnWords)
		if len(p.Goals) == 0 {
			p.Goals = []goalRow{blankGoal()}
		}
		for j, g := range p.Goals {
			gn, gname := fmt.Sprintf("%s.%d", pn, j+1), fmt.Sprintf("%s-g%d", pname, j)
			gv := goalView{ID: "plan-" + gname, N: gn}
			gv.Statement = field("plan-"+gname+"-statement", dotted(gname)+".statement", "Goal "+gn+" in clinical words", g.Statement)
			gv.InOwnWords = field("plan-"+gname+"-in_own_words", dotted(gname)+".in_own_words", "Goal "+gn+" in the client's own words", g.InOwnWords)
			if len(g.Objectives) == 0 {
				g.Objectives = []objectiveRow{{}}
			}
			for k, o := range g.Objectives {
				on, oname := fmt.Sprintf("%s.%d", gn, k+1), fmt.Sprintf("%s-o%d", gname, k)
				ov := objectiveView{ID: "plan-" + oname, N: on}
				ov.Statement = field("plan-"+oname+"-statement", dotted(oname)+".statement", "Objective "+on+" (measurable)", o.Statement)
				ov.TargetDate = field("plan-"+oname+"-target_date", dotted(oname)+".target_date", "Objective "+on+" target date", o.TargetDate)
				if len(o.Interventions) == 0 {
					o.Interventions = []interventionRow{{}}
				}
				for m, iv := range o.Interventions {
					in, iname := fmt.Sprintf("%s.%d", on, m+1), fmt.Sprintf("%s-i%d", oname, m)
					ivv := interventionView{ID: "plan-" + iname, N: in}
					ivv.Kind = field("plan-"+iname+"-kind", dotted(iname)+".kind", "Intervention "+in+" kind", iv.Kind)
					ivv.Description = field("plan-"+iname+"-description", dotted(iname)+".description", "Intervention "+in+" description", iv.Description)
					ivv.Frequency = field("plan-"+iname+"-frequency", dotted(iname)+".frequency", "Intervention "+in+" frequency", iv.Frequency)
					ov.Interventions = append(ov.Interventions, ivv)
				}
				ov.AddIntervention = planAdd{Value: dotted(oname), Label: "Add another intervention to objective " + on,
					Action: fmt.Sprintf("%s#plan-%s-i%d", action, oname, len(o.Interventions))}
				gv.Objectives = append(gv.Objectives, ov)
			}
			gv.AddObjective = planAdd{Value: dotted(gname), Label: "Add another objective to goal " + gn,
				Action: fmt.Sprintf("%s#plan-%s-o%d", action, gname, len(g.Objectives))}
			pv.Goals = append(pv.Goals, gv)
		}
		pv.AddGoal = planAdd{Value: pname, Label: "Add another goal to problem " + pn,
			Action: fmt.Sprintf("%s#plan-%s-g%d", action, pname, len(p.Goals))}
		v.Problems = append(v.Problems, pv)
	}
	v.AddProb = planAdd{Value: "problem", Label: "Add another problem", Action: fmt.Sprintf("%s#plan-p%d", action, len(f.Problems))}
	return v
}

// dotted turns an element id part (p0-g1) into a form name part (p0.g1).
func dotted(s string) string {
	b := []byte(s)
	for i := range b {
		if b[i] == '-' {
			b[i] = '.'
		}
	}
	return string(b)
}
