package web

import (
	"net/http"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
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
	return s.certificationAlerts(r, sec)
}

// certificationAlerts adds to sec the Medicare IOP episodes of the staff member's clients whose
// physician certification is missing, or whose recertification is overdue or due within a
// week; for the roles that read certifications only.
func (s *Server) certificationAlerts(r *http.Request, sec *dashboardSection) error {
	who, ok := staffOf(r)
	if s.Certifications == nil || !ok || !access.Allowed(who.Role, access.Certification, access.List) {
		return nil
	}
	list, err := s.Certifications.FindCertificationAlerts(r.Context())
	if err != nil {
		return err
	}
	for _, a := range list {
		at, _ := time.Parse(carepath.DateLayout, a.Due)
		if a.Due == "" {
			at = time.Now()
		}
		sec.Alerts = append(sec.Alerts, dashboardAlert{Kind: "auth_recertification", ClientID: a.ClientID, At: at, Reason: a.Message,
			Link: "/staff/clients/" + a.ClientID + "/episodes/" + a.EpisodeID + "/authorizations#h-certification", LinkText: "Open the physician certification"})
	}
	return nil
}
