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
	v := chartView{page: page{Title: "Chart"}, Who: who, Client: c, CanAssess: access.Allowed(who.Role, access.Assessment, access.Create),
		CanMeasure: access.Allowed(who.Role, access.Measure, access.Create)}
	// The sections are read at once, each into its own field; the measures need the episodes.
	concurrently(
		func() {
			names := s.staffNames(r, c.PrimaryClinicianID, c.CaseManagerID)
			v.Primary, v.CaseManager = names[0], names[1]
		},
		func() { v.Assessments = s.chartAssessments(r, c.ID) },
		func() {
			v.Episodes = s.chartEpisodes(r, c.ID)
			if v.CanMeasure {
				v.Measures = s.chartMeasures(r, c, v.Episodes.Rows)
			}
		},
		func() { v.Plan = s.chartPlans(r, c.ID) },
		func() { v.Consents = s.chartConsents(r, c.ID) },
		func() { v.Billing = s.chartBilling(r, c.ID) },
	)
	s.render(w, r, http.StatusOK, "client_chart", v)
}
