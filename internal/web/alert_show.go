package web

import (
	"net/http"

	"github.com/carepath/carepath/access"
)

// alertShow shows one safety alert: the page the on-call email links to. The person paged
// sees it even when the client is not on their caseload.
func (s *Server) alertShow(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.SafetyAlert, access.Read) {
		s.deny(w, r, alertErrors)
		return
	}
	a, err := s.SafetyAlerts.FindSafetyAlert(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, "safety alert", err, alertErrors)
		return
	}
	v := s.newAlertShowView(r, who, a)
	v.BackToAlert = true
	if r.URL.Query().Get("ack") == "done" {
		v.Notice = "Alert acknowledged. Nobody else will be paged about it."
	}
	s.render(w, r, http.StatusOK, "alert_show", v)
}
