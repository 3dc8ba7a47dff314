package web

import (
	"net/http"
	"net/url"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// outcomeReportShow shows the outcomes report by level of care for a period and program: what the
// figures can and cannot show first, then each level's table (overall, within baseline bands,
// standardized), bar charts comparing the levels, and a CSV download.
func (s *Server) outcomeReportShow(w http.ResponseWriter, r *http.Request, who signedIn) {
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
