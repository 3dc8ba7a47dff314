package web

import (
	"net/http"

	"github.com/carepath/carepath/access"
)

// clientShow shows one client's chart: demographics, contacts, coverage and care team, then
// the assessment history and the episodes timeline, each read as the staff member so the policy
// decides. A client the staff member may not see, and one that does not exist, both answer 404:
// whether a person is a client is itself private.
func (s *Server) clientShow(w http.ResponseWriter, r *http.Request, who signedIn) {
	c, err := s.Clients.FindClientByID(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, "client chart", err, chartErrors)
		return
	}
	v := chartView{page: page{Title: "Chart"}, Who: who, Client: c, CanAssess: access.Allowed(who.Role, access.Assessment, access.Create)}
	names := s.staffNames(r, c.PrimaryClinicianID, c.CaseManagerID)
	v.Primary, v.CaseManager = names[0], names[1]
	v.Assessments = s.chartAssessments(r, c.ID)
	v.Episodes = s.chartEpisodes(r, c.ID)
	v.Plan, v.Consents = s.chartPlans(r, c.ID), s.chartConsents(r, c.ID)
	v.Billing = s.chartBilling(r, c.ID)
	if access.Allowed(who.Role, access.Measure, access.Create) {
		v.CanMeasure, v.Measures = true, s.chartMeasures(r, c, v.Episodes.Rows)
	}
	s.render(w, r, http.StatusOK, "client_chart", v)
}
