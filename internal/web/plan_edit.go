package web

import (
	"net/http"
	"strconv"

	"github.com/carepath/carepath"
)

// planEdit shows a draft in the form; a signed plan is never edited.
func (s *Server) planEdit(w http.ResponseWriter, r *http.Request, who signedIn) {
	c, p, ok := s.chartPlan(w, r)
	if !ok {
		return
	}
	if p.Status != carepath.TreatmentPlanDraft {
		s.renderPlanPage(w, r, who, http.StatusConflict, func(v *planPageView) {
			v.Notice = "Version " + strconv.Itoa(p.Version) + " is signed, and signed plans are never edited: start a new version."
		})
		return
	}
	action := planBase(c.ID) + "/" + p.ID + "/edit"
	s.render(w, r, http.StatusOK, "plan_edit", newPlanEditView(who, c, p, action, formOfPlan(p), map[string]string{}))
}
