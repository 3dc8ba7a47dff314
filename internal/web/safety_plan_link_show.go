package web

import (
	"net/http"
)

// safetyPlanLinkShow shows a client their current safety plan from their link, laid out for a
// phone, without signing in and without their name; an unknown or expired link says only
// that it does not work.
func (s *Server) safetyPlanLinkShow(w http.ResponseWriter, r *http.Request) {
	r = publicCtx(r)
	p, err := s.SafetyPlans.OpenSafetyPlanLink(r.Context(), r.PathValue("token"))
	if isNotFound(err) {
		s.render(w, r, http.StatusNotFound, "answer_gone", errorView{page: page{Title: "This link does not work", AnswerLink: true},
			Message: "This link does not work. It may have expired. Please ask your care team for a new one. If you are in danger now, call or text 988, or call 911."})
		return
	}
	if err != nil {
		s.fail(w, r, "safety plan link", err, answerLinkErrors)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "safety_plan_link", safetyPlanLinkView{page: page{Title: "My safety plan", AnswerLink: true}, Plan: p, Steps: planSteps(p)})
}
