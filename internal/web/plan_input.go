package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
)

// planForm is what the plan form holds, row by row, exactly as typed. Field names on the page
// mirror the JSON paths: p0.statement, p0.g1.in_own_words, p0.g1.o0.target_date,
// p0.g1.o0.i2.kind, so a service field error finds its element mechanically.
type planForm struct {
	Revision   int
	ReviewDate string
	Problems   []problemRow
}

type problemRow struct {
	Statement, InOwnWords string
	Goals                 []goalRow
}

type goalRow struct {
	Statement, InOwnWords string
	Objectives            []objectiveRow
}

type objectiveRow struct {
	Statement, TargetDate string
	Interventions         []interventionRow
}

type interventionRow struct {
	Kind, Description, Frequency string
}

// maxFormRows is the most rows of one level the form reads; one more than the domain allows,
// so that the service can say there are too many.
const maxFormRows = carepath.MaxPlanItems + 1

// readPlanForm reads the posted plan form. A row exists when its first field was posted.
func readPlanForm(r *http.Request) planForm {
	var f planForm
	if err := r.ParseForm(); err != nil {
		return f
	}
	v := r.PostForm
	f.Revision, _ = strconv.Atoi(v.Get("revision"))
	f.ReviewDate = v.Get("review_date")
	has := func(key string) bool { _, ok := v[key]; return ok }
	for i := 0; i < maxFormRows && has(fmt.Sprintf("p%d.statement", i)); i++ {
		pp := fmt.Sprintf("p%d.", i)
		p := problemRow{Statement: v.Get(pp + "statement"), InOwnWords: v.Get(pp + "in_own_words")}
		for j := 0; j < maxFormRows && has(fmt.Sprintf("%sg%d.statement", pp, j)); j++ {
			gp := fmt.Sprintf("%sg%d.", pp, j)
			g := goalRow{Statement: v.Get(gp + "statement"), InOwnWords: v.Get(gp + "in_own_words")}
			for k := 0; k < maxFormRows && has(fmt.Sprintf("%so%d.statement", gp, k)); k++ {
				op := fmt.Sprintf("%so%d.", gp, k)
				o := objectiveRow{Statement: v.Get(op + "statement"), TargetDate: v.Get(op + "target_date")}
				for m := 0; m < maxFormRows && has(fmt.Sprintf("%si%d.kind", op, m)); m++ {
					ip := fmt.Sprintf("%si%d.", op, m)
					o.Interventions = append(o.Interventions, interventionRow{Kind: v.Get(ip + "kind"),
						Description: v.Get(ip + "description"), Frequency: v.Get(ip + "frequency")})
				}
				g.Objectives = append(g.Objectives, o)
			}
			p.Goals = append(p.Goals, g)
		}
		f.Problems = append(f.Problems, p)
	}
	return f
}

// addRow adds one blank row where the "add another" button named by where asks: "problem",
// "p0" (a goal of problem 0), "p0.g1" (an objective) or "p0.g1.o2" (an intervention). It
// reports whether where named a place on the form.
func (f *planForm) addRow(where string) bool {
	if where == "problem" {
		if len(f.Problems) < carepath.MaxPlanItems {
			f.Problems = append(f.Problems, blankProblem())
		}
		return true
	}
	idx, ok := rowPath(where)
	if !ok || len(idx) == 0 || idx[0] >= len(f.Problems) {
		return false
	}
	p := &f.Problems[idx[0]]
	if len(idx) == 1 {
		if len(p.Goals) < carepath.MaxPlanItems {
			p.Goals = append(p.Goals, blankGoal())
		}
		return true
	}
	if idx[1] >= len(p.Goals) {
		return false
	}
	g := &p.Goals[idx[1]]
	if len(idx) == 2 {
		if len(g.Objectives) < carepath.MaxPlanItems {
			g.Objectives = append(g.Objectives, objectiveRow{})
		}
		return true
	}
	if idx[2] >= len(g.Objectives) || len(idx) > 3 {
		return false
	}
	o := &g.Objectives[idx[2]]
	if len(o.Interventions) < carepath.MaxPlanItems {
		o.Interventions = append(o.Interventions, interventionRow{})
	}
	return true
}

// rowPath reads "p0.g1.o2" as [0 1 2].
func rowPath(s string) ([]int, bool) {
	var out []int
	for n, part := range strings.Split(s, ".") {
		if len(part) < 2 || part[0] != "pgo"[min(n, 2)] || n > 2 {
			return nil, false
		}
		i, err := strconv.Atoi(part[1:])
		if err != nil || i < 0 {
			return nil, false
		}
		out = append(out, i)
	}
	return out, true
}

func blankProblem() problemRow { return problemRow{Goals: []goalRow{blankGoal()}} }

func blankGoal() goalRow { return goalRow{Objectives: []objectiveRow{{}}} }

// compact drops the rows left entirely blank (the spare rows of the form, and rows a person
// cleared to remove them), so that the form's indices are the plan's.
func (f *planForm) compact() {
	blank := func(ss ...string) bool {
		for _, s := range ss {
			if strings.TrimSpace(s) != "" {
				return false
			}
		}
		return true
	}
	problems := f.Problems[:0]
	for _, p := range f.Problems {
		goals := p.Goals[:0]
		for _, g := range p.Goals {
			objectives := g.Objectives[:0]
			for _, o := range g.Objectives {
				ivs := o.Interventions[:0]
				for _, iv := range o.Interventions {
					if !blank(iv.Kind, iv.Description, iv.Frequency) {
						ivs = append(ivs, iv)
					}
				}
				o.Interventions = ivs
				if !blank(o.Statement, o.TargetDate) || len(ivs) > 0 {
					objectives = append(objectives, o)
				}
			}
			g.Objectives = objectives
			if !blank(g.Statement, g.InOwnWords) || len(objectives) > 0 {
				goals = append(goals, g)
			}
		}
		p.Goals = goals
		if !blank(p.Statement, p.InOwnWords) || len(goals) > 0 {
			problems = append(problems, p)
		}
	}
	f.Problems = problems
}

// problems returns the plan content the form describes.
func (f planForm) problems() []carepath.Problem {
	out := make([]carepath.Problem, 0, len(f.Problems))
	for _, p := range f.Problems {
		dp := carepath.Problem{Statement: p.Statement, InOwnWords: p.InOwnWords, Goals: []carepath.Goal{}}
		for _, g := range p.Goals {
			dg := carepath.Goal{Statement: g.Statement, InOwnWords: g.InOwnWords, Objectives: []carepath.Objective{}}
			for _, o := range g.Objectives {
				do := carepath.Objective{Statement: o.Statement, TargetDate: o.TargetDate, Interventions: []carepath.Intervention{}}
				for _, iv := range o.Interventions {
					do.Interventions = append(do.Interventions, carepath.Intervention{Kind: carepath.InterventionKind(iv.Kind),
						Description: iv.Description, Frequency: iv.Frequency})
				}
				dg.Objectives = append(dg.Objectives, do)
			}
			dp.Goals = append(dp.Goals, dg)
		}
		out = append(out, dp)
	}
	return out
}

// formOfPlan fills the form from a stored plan.
func formOfPlan(p *carepath.TreatmentPlan) planForm {
	f := planForm{Revision: p.Revision, ReviewDate: p.ReviewDate}
	for _, dp := range p.Problems {
		pr := problemRow{Statement: dp.Statement, InOwnWords: dp.InOwnWords}
		for _, dg := range dp.Goals {
			gr := goalRow{Statement: dg.Statement, InOwnWords: dg.InOwnWords}
			for _, do := range dg.Objectives {
				or := objectiveRow{Statement: do.Statement, TargetDate: do.TargetDate}
				for _, iv := range do.Interventions {
					or.Interventions = append(or.Interventions, interventionRow{Kind: string(iv.Kind),
						Description: iv.Description, Frequency: iv.Frequency})
				}
				gr.Objectives = append(gr.Objectives, or)
			}
			pr.Goals = append(pr.Goals, gr)
		}
		f.Problems = append(f.Problems, pr)
	}
	return f
}

// planFieldID is the element id that shows the service's field error for path, e.g.
// problems[0].goals[1].objectives[0].target_date → plan-p0-g1-o0-target_date. A list that is
// empty or too long is shown at its first row's first field.
func planFieldID(path string) string {
	if path == "review_date" {
		return "plan-review_date"
	}
	if !strings.HasPrefix(path, "problems") {
		return "plan-form"
	}
	r := strings.NewReplacer("problems[", "p", "goals[", "g", "objectives[", "o", "interventions[", "i", "]", "", ".", "-")
	id := r.Replace(path)
	switch {
	case id == "problems":
		return "plan-p0-statement"
	case strings.HasSuffix(id, "-goals"):
		return "plan-" + strings.TrimSuffix(id, "goals") + "g0-statement"
	case strings.HasSuffix(id, "-objectives"):
		return "plan-" + strings.TrimSuffix(id, "objectives") + "o0-statement"
	case strings.HasSuffix(id, "-interventions"):
		return "plan-" + strings.TrimSuffix(id, "interventions") + "i0-kind"
	}
	return "plan-" + id
}

// planFieldErrors turns the service's field errors into messages by element id; several errors
// on one element are joined.
func planFieldErrors(err error) map[string]string {
	errs := map[string]string{}
	for _, fe := range carepath.ErrorFields(err) {
		id := planFieldID(fe.Field)
		if prev, ok := errs[id]; ok {
			errs[id] = prev + " " + fe.Message
		} else {
			errs[id] = fe.Message
		}
	}
	if len(errs) == 0 && err != nil {
		errs["plan-form"] = carepath.ErrorMessage(err)
	}
	return errs
}
