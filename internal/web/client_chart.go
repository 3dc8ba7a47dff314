package web

import (
	"net/http"

	"github.com/carepath/carepath"
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
	switch carepath.ErrorCode(err) {
	case "":
		v := chartView{page: page{Title: "Chart"}, Who: who, Client: c, CanAssess: canAssess(who.Role)}
		names := s.staffNames(r, c.PrimaryClinicianID, c.CaseManagerID)
		v.Primary, v.CaseManager = names[0], names[1]
		v.Assessments = s.chartAssessments(r, c.ID)
		v.Episodes = s.chartEpisodes(r, c.ID)
		v.Plan, v.Consents = s.chartPlans(r, c.ID), s.chartConsents(r, c.ID)
		if canMeasure(who.Role) {
			v.CanMeasure, v.Measures = true, s.chartMeasures(r, c, v.Episodes.Rows)
		}
		s.render(w, r, http.StatusOK, "client_chart", v)
	case carepath.ENOTFOUND, carepath.EINVALID:
		s.render(w, r, http.StatusNotFound, "error", errorView{page: page{Title: "Client not found"},
			Message: "There is no client here that you may see."})
	case carepath.EFORBIDDEN:
		s.render(w, r, http.StatusForbidden, "error", errorView{page: page{Title: "No access"},
			Message: "Your role does not give access to client charts."})
	default:
		s.Log.Error("client chart", "err", err)
		s.render(w, r, http.StatusInternalServerError, "error", errorView{page: page{Title: "Something went wrong"},
			Message: "The chart could not be read just now. Please try again in a minute."})
	}
}
