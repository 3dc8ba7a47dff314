package web

import (
	"net/http"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// chartView is the view model of a client's chart.
type chartView struct {
	page
	Who         signedIn
	Client      *carepath.Client
	Assessments chartSection[*carepath.Assessment]
	Episodes    chartSection[chartEpisode]
	CanAssess   bool   // the role may take assessments
	Primary     string // the primary clinician's name (or id, when the directory cannot say)
	CaseManager string
	Plan        chartPlanSection    // the current plan and any draft (plan_pages_chart.go)
	Consents    chartConsentSection // consent counts and active disclosures (consent_pages_chart.go)
	Measures    chartMeasureSection // measure charts and the crisis flag (measure_chart.go)
	CanMeasure  bool                // the role may enter measures and send answer links
}

// staffNames returns the names of the given staff ids from the clinic's directory, falling back
// to the id itself when the directory cannot be read or does not know the id.
func (s *Server) staffNames(r *http.Request, ids ...string) []string {
	out := append([]string(nil), ids...)
	if s.Staff == nil {
		return out
	}
	list, err := s.Staff.FindStaff(r.Context(), carepath.StaffFilter{})
	if err != nil {
		return out
	}
	for i, id := range ids {
		for _, st := range list {
			if st.ID == id && id != "" {
				out[i] = st.Name
			}
		}
	}
	return out
}

// clientChart shows one client's chart: demographics, contacts, coverage and care team, then
// the assessment history and the episodes timeline, each read as the staff member so the policy
// decides. A client the staff member may not see, and one that does not exist, both answer 404:
// whether a person is a client is itself private.
func (s *Server) clientChart(w http.ResponseWriter, r *http.Request, who signedIn) {
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
	if access.Allowed(who.Role, access.Measure, access.Create) {
		v.CanMeasure, v.Measures = true, s.chartMeasures(r, c, v.Episodes.Rows)
	}
	s.render(w, r, http.StatusOK, "client_chart", v)
}
