package web

import (
	"net/http"

	"github.com/carepath/carepath/access"
)

// safetyPlanLinkCreate makes a link that shows the client their current plan on a phone:
// emailed (with their consent), or shown once on this page to open on their phone or hand
// over in session.
func (s *Server) safetyPlanLinkCreate(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.SafetyPlanLink, access.Create) {
		s.deny(w, r, safetyPlanErrors)
		return
	}
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	_ = r.ParseForm()
	send := r.PostForm.Get("send_to")
	v, err := s.safetyPlanPage(r, who, c, 0)
	if err != nil {
		s.fail(w, r, "safety plan", err, safetyPlanErrors)
		return
	}
	if send == "email" && !v.CanEmail {
		v.Problem = "The link cannot be emailed: " + v.NoEmail + " Show it here instead, and open it on the client's phone."
		s.render(w, r, http.StatusBadRequest, "safety_plan", v)
		return
	}
	link, token, err := s.SafetyPlans.CreateSafetyPlanLink(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, "safety plan link", err, safetyPlanErrors)
		return
	}
	if send == "email" {
		notice, problem := s.sendLink(r, link.ID, "email", c, "/p/"+token, "safety_plan", link.ExpiresAt)
		if problem == "" {
			http.Redirect(w, r, "/staff/clients/"+c.ID+"/safety-plan?plan="+notice, http.StatusSeeOther)
			return
		}
		v.Problem = problem
	}
	v.LinkURL = s.linkBase(r) + "/p/" + token
	s.render(w, r, http.StatusOK, "safety_plan", v)
}
