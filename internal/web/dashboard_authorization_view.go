package web

import (
	"net/http"
	"time"

	"github.com/carepath/carepath"
)

// authorizationAlerts adds to sec the authorization alerts due today of the staff member's
// clients: units running out at the client's schedule, an authorization ending, a payer review,
// each raised 3 business days before.
func (s *Server) authorizationAlerts(r *http.Request, sec *dashboardSection) error {
	list, err := s.Authorizations.FindAuthorizationAlerts(r.Context())
	if err != nil {
		return err
	}
	for _, a := range list {
		at, _ := time.Parse(carepath.DateLayout, a.Due)
		sec.Alerts = append(sec.Alerts, dashboardAlert{Kind: "auth_" + a.Kind, ClientID: a.ClientID, At: at, Reason: a.Message,
			Link: "/staff/clients/" + a.ClientID + "/episodes/" + a.EpisodeID + "/authorizations", LinkText: "Open the authorization"})
	}
	return nil
}
