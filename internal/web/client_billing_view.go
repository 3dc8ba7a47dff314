package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// chartBillingSection is the chart's section about paying for care: the active diagnoses.
type chartBillingSection struct {
	Diagnoses chartSection[*carepath.Diagnosis] // active ones only
}

// chartBilling reads the chart's billing section; each part may be withheld on its own.
func (s *Server) chartBilling(r *http.Request, clientID string) chartBillingSection {
	var sec chartBillingSection
	if s.Diagnoses == nil {
		sec.Diagnoses.Denied = true
		return sec
	}
	list, err := s.Diagnoses.FindDiagnoses(r.Context(), clientID)
	var active []*carepath.Diagnosis
	for _, d := range list {
		if d.Active() {
			active = append(active, d)
		}
	}
	sec.Diagnoses = sectionOf(s, "diagnoses", active, err)
	return sec
}
