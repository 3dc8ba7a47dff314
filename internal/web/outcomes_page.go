package web

import (
	"net/http"
	"net/url"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// outcomesFieldIDs maps the report's field names to the filter form's element ids.
var outcomesFieldIDs = map[string]string{"from": "outcomes-from", "to": "outcomes-to", "program_id": "outcomes-program"}

// outcomesView is the view model of the outcomes report page.
type outcomesView struct {
	page
	Who      signedIn
	Filter   carepath.OutcomeFilter
	Programs []*carepath.Program
	Program  string // the chosen program's name; "" for every program
	Errors   map[string]string
	Summary  []errorLink
	Problem  string
	Report   *carepath.OutcomeReport
	Levels   []outcomeTable
	Charts   []outcomeChart
	Stays    string   // the count of stays as a sentence
	Bands    []string // each band's label
	CSVLink  string
}

// outcomesFilter reads ?from=&to=&program_id=, defaulting to the twelve months up to today.
func outcomesFilter(r *http.Request) carepath.OutcomeFilter {
	q := r.URL.Query()
	f := carepath.OutcomeFilter{From: q.Get("from"), To: q.Get("to"), ProgramID: q.Get("program_id")}
	if !q.Has("from") && !q.Has("to") {
		to := time.Now().UTC().AddDate(0, 0, 1)
		f.From, f.To = to.AddDate(-1, 0, 0).Format(time.DateOnly), to.Format(time.DateOnly)
	}
	return f
}

// outcomesPage shows the outcomes report by level of care for a period and program: what the
// figures can and cannot show first, then each level's table (overall, within baseline bands,
// standardized), bar charts comparing the levels, and a CSV download.
func (s *Server) outcomesPage(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.OutcomeReport, access.Read) {
		s.deny(w, r, outcomeReportErrors)
		return
	}
	v := outcomesView{page: page{Title: "Outcomes by level of care"}, Who: who, Filter: outcomesFilter(r), Errors: map[string]string{}}
	if list, err := s.Programs.FindPrograms(r.Context()); err == nil {
		v.Programs = list
		for _, p := range list {
			if p.ID == v.Filter.ProgramID {
				v.Program = p.Name
			}
		}
	}
	status := http.StatusOK
	rep, err := s.Outcomes.OutcomeReport(r.Context(), v.Filter)
	switch {
	case err == nil:
		v.Report = rep
		v.Levels, v.Charts, v.Stays = outcomeTables(rep), outcomeCharts(rep), staysText(rep)
		for _, b := range rep.Bands {
			v.Bands = append(v.Bands, b.Label)
		}
		q := url.Values{"from": {rep.From}, "to": {rep.To}}
		if rep.ProgramID != "" {
			q.Set("program_id", rep.ProgramID)
		}
		v.CSVLink = "/staff/outcomes.csv?" + q.Encode()
	case isInvalid(err):
		status = http.StatusBadRequest
		for _, fe := range carepath.ErrorFields(err) {
			if id, ok := outcomesFieldIDs[fe.Field]; ok {
				v.Errors[id] = fe.Message
			}
		}
		if len(v.Errors) == 0 {
			v.Errors["outcomes-from"] = carepath.ErrorMessage(err)
		}
		for _, id := range []string{"outcomes-from", "outcomes-to", "outcomes-program"} {
			if m, ok := v.Errors[id]; ok {
				v.Summary = append(v.Summary, errorLink{id, m})
			}
		}
	default:
		var ok bool
		if status, v.Problem, ok = s.failOrShow(w, r, "outcomes report", err, outcomeReportErrors, http.StatusInternalServerError); !ok {
			return
		}
	}
	s.render(w, r, status, "outcomes", v)
}

// outcomesCSV sends the outcomes report as CSV.
func (s *Server) outcomesCSV(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.OutcomeReport, access.Read) {
		s.deny(w, r, outcomeReportErrors)
		return
	}
	rep, err := s.Outcomes.OutcomeReport(r.Context(), outcomesFilter(r))
	if err != nil {
		if isInvalid(err) {
			s.render(w, r, http.StatusBadRequest, "error", errorView{page: page{Title: "Please check the period"},
				Message: "The period or program of this download is not valid. Please choose them again on the outcomes page."})
			return
		}
		s.fail(w, r, "outcomes csv", err, pageErrors)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="outcomes-`+rep.From+`-to-`+rep.To+`.csv"`)
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(rep.CSV)
}
