package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// chartConsentSection is the chart's consent section: how many consents are active, expired
// and revoked, and the active disclosures by recipient.
type chartConsentSection struct {
	Denied                   bool
	Problem                  string
	Active, Expired, Revoked int
	Disclosures              []*carepath.Consent // active consents to share records outside the clinic
}

// chartConsents reads the client's consents for the chart.
func (s *Server) chartConsents(r *http.Request, clientID string) chartConsentSection {
	if s.Consents == nil {
		return chartConsentSection{Denied: true}
	}
	list, err := s.Consents.FindConsents(r.Context(), clientID)
	if err != nil {
		sec := sectionOf[*carepath.Consent](s, "consents", nil, err)
		return chartConsentSection{Denied: sec.Denied, Problem: sec.Problem}
	}
	var sec chartConsentSection
	for _, c := range list {
		switch consentState(c) {
		case "active":
			sec.Active++
			if c.Kind.Discloses() {
				sec.Disclosures = append(sec.Disclosures, c)
			}
		case "revoked":
			sec.Revoked++
		default:
			sec.Expired++
		}
	}
	return sec
}
