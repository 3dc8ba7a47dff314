package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

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
	if s.Plans == nil {
		return chartPlanSection{Denied: true}
	}
	list, err := s.Plans.FindPlans(r.Context(), clientID)
	if err != nil {
		sec := sectionOf[*carepath.Plan](s, "plans", nil, err)
		return chartPlanSection{Denied: sec.Denied, Problem: sec.Problem}
	}
	sec := chartPlanSection{Versions: len(list)}
	var shown []*carepath.Plan // the draft (always the newest version) and the newest signed one
	for i, p := range list {
		if (i == 0 && p.Status == carepath.PlanDraft) || p.Status == carepath.PlanSigned {
			shown = append(shown, p)
		}
		if p.Status == carepath.PlanSigned {
			break
		}
	}
	for _, p := range s.showPlans(r, shown...) {
		if p.Status == carepath.PlanDraft {
			sec.Draft = p
		} else {
			sec.Current = p
		}
	}
	return sec
}
