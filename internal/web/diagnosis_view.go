package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/carepath/carepath"
)

// diagnosisForm is the add-a-diagnosis form as typed.
type diagnosisForm struct {
	Query, Code, Onset string
	Primary            bool
}

// diagnosisListView is the view model of the client's diagnoses page: the list, the search of
// the code set, and the form to add one.
type diagnosisListView struct {
	page
	Client    *carepath.Client
	Rows      []*carepath.Diagnosis
	Form      diagnosisForm
	Found     []carepath.DiagnosisCode // codes matching Form.Query
	Searched  bool
	Errors    map[string]string // by element id
	Summary   []errorLink
	ResolveOn string // today, the resolve forms' default
}

// renderDiagnosisList reads the client's diagnoses (and, when the form searched, the matching
// codes) and renders the page with status.
func (s *Server) renderDiagnosisList(w http.ResponseWriter, r *http.Request, status int, f diagnosisForm, errs map[string]string) {
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	list, err := s.Diagnoses.FindDiagnoses(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, "find diagnoses", err, chartErrors)
		return
	}
	v := diagnosisListView{page: page{Title: "Diagnoses"}, Client: c, Rows: list, Form: f, Errors: errs,
		ResolveOn: time.Now().UTC().Format(carepath.DateLayout)}
	if q := strings.TrimSpace(f.Query); q != "" {
		v.Searched = true
		if v.Found, err = s.Diagnoses.SearchCodes(r.Context(), q, 20); err != nil {
			s.fail(w, r, "search codes", err, chartErrors)
			return
		}
	}
	v.Summary = summaryOf(errs, "diagnosis-code", "diagnosis-onset", "diagnosis-resolved")
	s.render(w, r, status, "diagnosis", v)
}
