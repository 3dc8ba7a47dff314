package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// estimateRow is one kept good-faith estimate as the page lists it.
type estimateRow struct {
	*carepath.IssuedEstimate
	IssuedByName string
}

// estimateListView is the view model of the client's good-faith estimates page: the estimates
// given so far, newest first, and the button that gives a new one (or why it cannot).
type estimateListView struct {
	page
	Client  *carepath.Client
	Rows    []estimateRow
	Problem string // why a new estimate could not be given, in the store's words
	New     string // the id of the estimate just given, to point at it
}

// renderEstimateList reads the client's kept estimates and renders the page with status.
func (s *Server) renderEstimateList(w http.ResponseWriter, r *http.Request, status int, problem string) {
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	list, err := s.Estimates.FindEstimates(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, "find estimates", err, statementErrors)
		return
	}
	v := estimateListView{page: page{Title: "Good-faith estimates"}, Client: c, Problem: problem, New: r.URL.Query().Get("new")}
	ids := make([]string, len(list))
	for i, e := range list {
		ids[i] = e.IssuedBy
	}
	names := s.staffNames(r, ids...)
	for i, e := range list {
		v.Rows = append(v.Rows, estimateRow{IssuedEstimate: e, IssuedByName: names[i]})
	}
	s.render(w, r, status, "estimates", v)
}
