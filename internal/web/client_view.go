package web

import (
	"net/http"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/internal/httpserver"
)

// chartClient reads the chart's client for an assessment page, answering the error page
// itself when it cannot; ok is false then.
func (s *Server) chartClient(w http.ResponseWriter, r *http.Request) (*carepath.Client, bool) {
	c, err := s.Clients.FindClientByID(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, "assessment client", err, chartErrors)
		return nil, false
	}
	return c, true
}

// chartSection is one section of the chart that the policy may withhold from a role: its
// rows, or Denied, or a Problem reading it. A section never fails the whole page.
type chartSection[T any] struct {
	Rows    []T
	Denied  bool
	Problem string
}

// chartEpisode is one episode of care on the chart's timeline, with its program's name.
type chartEpisode struct {
	*carepath.Episode
	ProgramName string
	AdmitLevel  carepath.Level // the level at admission, before any transfer
	// Certification is where an open Medicare IOP episode stands with its physician
	// certifications (Shown false for any other episode, or a role that does not read them).
	Certification certificationSection
}

// sectionOf fills a chart section from the outcome of a read: a section the person may not
// see (403, or 404: the two read the same) is withheld, any other error is a problem.
func sectionOf[T any](s *Server, what string, rows []T, err error) chartSection[T] {
	switch httpserver.Status(err) {
	case http.StatusOK:
		return chartSection[T]{Rows: rows}
	case http.StatusForbidden, http.StatusNotFound:
		return chartSection[T]{Denied: true}
	}
	s.Log.Error("chart section", "section", what, "err", err)
	return chartSection[T]{Problem: "This part of the chart could not be read just now. Please reload the page in a minute."}
}

// chartAssessments reads the client's assessments, newest first.
func (s *Server) chartAssessments(r *http.Request, clientID string) chartSection[*carepath.Assessment] {
	if s.Assessments == nil {
		return chartSection[*carepath.Assessment]{Denied: true}
	}
	list, err := s.Assessments.FindAssessments(r.Context(), clientID)
	return sectionOf(s, "assessments", list, err)
}

// chartEpisodes reads the client's episodes of care, oldest first, naming each program.
func (s *Server) chartEpisodes(r *http.Request, clientID string) chartSection[chartEpisode] {
	if s.Episodes == nil {
		return chartSection[chartEpisode]{Denied: true}
	}
	list, err := s.Episodes.FindEpisodes(r.Context(), clientID)
	if err != nil {
		return sectionOf[chartEpisode](s, "episodes", nil, err)
	}
	names := map[string]string{}
	if s.Programs != nil {
		if programs, err := s.Programs.FindPrograms(r.Context()); err == nil {
			for _, p := range programs {
				names[p.ID] = p.Name
			}
		}
	}
	rows := make([]chartEpisode, 0, len(list))
	for _, e := range list {
		admit := e.Level
		if len(e.Transfers) > 0 {
			admit = e.Transfers[0].FromLevel
		}
		row := chartEpisode{Episode: e, ProgramName: names[e.ProgramID], AdmitLevel: admit}
		if who, ok := staffOf(r); ok && e.Status == carepath.EpisodeOpen {
			row.Certification = s.certificationsOf(r, who, e, nil)
		}
		rows = append(rows, row)
	}
	return chartSection[chartEpisode]{Rows: rows}
}

// VarianceName is the plain name of a variance code on the chart.
func (chartView) VarianceName(code carepath.VarianceCode) string {
	for _, v := range varianceChoices {
		if v.Code == code {
			return v.Name
		}
	}
	return string(code)
}

// DischargeName is the plain name of a discharge reason on the chart.
func (chartView) DischargeName(r carepath.DischargeReason) string {
	switch r {
	case carepath.DischargeCompleted:
		return "completed"
	case carepath.DischargeTransferred:
		return "transferred"
	case carepath.DischargeLeftAgainstAdvice:
		return "left against advice"
	}
	return string(r)
}

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
	Plan        chartPlanSection    // the current plan and any draft (plan_view.go)
	Consents    chartConsentSection // consent counts and active disclosures (consent_view.go)
	Measures    chartMeasureSection // measure charts and the crisis flag (measure_chart_view.go)
	CanMeasure  bool                // the role may enter measures and send answer links
	Billing     chartBillingSection // diagnoses, coverage, authorizations (client_billing_view.go)
}

// CanManageEpisodes tells the chart whether to offer the admit, transfer and discharge forms:
// whether the policy lets the role admit.
func (v chartView) CanManageEpisodes() bool {
	return access.Allowed(v.Who.Role, access.Episode, access.Create)
}

// CanRelease tells the chart whether to offer "Release records": whether the policy lets the
// role release records through the disclosure gate.
func (v chartView) CanRelease() bool {
	return access.Allowed(v.Who.Role, access.Disclosure, access.Release)
}
