package api_test

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
)

// TestOutcomesAPI: the outcomes report as JSON and CSV for clinicians and admins, by program,
// with suppressed cells; 400 naming from, to, program_id and format; 401 and 403; no client
// data in the answer.
func TestOutcomesAPI(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	s := apptest.SeedOutcomes(t, st)
	clinician, _ := apptest.Token(t, st, "outcomes-clin@example.org", carepath.RoleClinician)
	admin, _ := apptest.Token(t, st, "outcomes-admin@example.org", carepath.RoleAdmin)
	desk, _ := apptest.Token(t, st, "outcomes-desk@example.org", carepath.RoleFrontDesk)
	q := "?from=" + s.From + "&to=" + s.To

	code, body := apptest.API(t, "GET", ts.URL+"/api/v1/outcomes"+q, clinician, "")
	if code != 200 {
		t.Fatalf("report: %d %s", code, body)
	}
	var rep carepath.OutcomeReport
	if err := json.Unmarshal([]byte(body), &rep); err != nil {
		t.Fatal(err)
	}
	// 47 stays, but PHP's 3 are suppressed: the total is hidden too, or 47 − 22 − 22 gives them away.
	if len(rep.Levels) != 3 || rep.Stays != 0 || !strings.Contains(rep.Caveats, "not the result of a trial") {
		t.Fatalf("report: %s", body)
	}
	op, iop, php := rep.Levels[0], rep.Levels[1], rep.Levels[2]
	want := func(name string, f carepath.OutcomeFigure, value float64, n int) {
		t.Helper()
		if f.Status != carepath.FigureOK || f.Value == nil || math.Abs(*f.Value-value) > 1e-9 || *f.N != n {
			t.Errorf("%s = %s (%s), want %v of %d", name, f.Status, figureString(f), value, n)
		}
	}
	want("outpatient completion", op.Overall.CompletionPct, 100, 12)
	want("outpatient improvement", op.Overall.PHQ9.ReliableImprovementPct, 100, 22)
	want("outpatient moderate band change", op.ByBand[1].PHQ9.MeanChange, -10, 12)
	want("outpatient severe band change", op.ByBand[2].PHQ9.MeanChange, -8, 10)
	want("iop improvement", iop.Overall.PHQ9.ReliableImprovementPct, 100*12.0/22, 22)
	want("iop recovery", iop.Overall.PHQ9.RecoveryPct, 100, 22)
	want("iop severe band change", iop.ByBand[2].PHQ9.MeanChange, -8, 12)
	// Standardized to the pooled mix (22 moderate, 22 severe): the IOP's 0% in the moderate
	// band and 100% in the severe band weigh half each.
	want("outpatient standardized improvement", op.Standardized.PHQ9.ReliableImprovementPct, 100, 22)
	want("iop standardized improvement", iop.Standardized.PHQ9.ReliableImprovementPct, 50, 22)
	if f := op.Standardized.MedianWeeks; f.Status != carepath.FigureNotStandardized {
		t.Errorf("outpatient standardized median = %+v, want not standardized", f)
	}
	if iop.Overall.CompletionPct.Status != carepath.FigureNone {
		t.Errorf("iop completion = %+v, want none (all open)", iop.Overall.CompletionPct)
	}
	if !php.Overall.Suppressed || php.Overall.Episodes != nil || !strings.Contains(body, `"episodes":null`) {
		t.Errorf("php = %+v, want suppressed with no count", php.Overall)
	}
	for i, id := range s.ClientIDs {
		if strings.Contains(body, id) || strings.Contains(body, s.FamilyNames[i]) {
			t.Fatalf("the report names a client: %s", body)
		}
	}

	// One program.
	code, body = apptest.API(t, "GET", ts.URL+"/api/v1/outcomes"+q+"&program_id="+s.IOP, admin, "")
	if code != 200 || json.Unmarshal([]byte(body), &rep) != nil || rep.ProgramID != s.IOP ||
		rep.Levels[0].Overall.Episodes == nil || *rep.Levels[0].Overall.Episodes != 0 || *rep.Levels[1].Overall.Episodes != 22 {
		t.Errorf("iop only: %d %s", code, body)
	}

	// CSV two ways.
	for _, path := range []string{"/api/v1/outcomes.csv" + q, "/api/v1/outcomes" + q + "&format=csv"} {
		req, _ := http.NewRequest("GET", ts.URL+path, nil)
		req.Header.Set("Authorization", "Bearer "+clinician)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		csv := readAll(t, resp)
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") ||
			!strings.HasPrefix(csv, "level,band,episodes,completion_pct") || !strings.Contains(csv, "outpatient,all,22,100.0,") ||
			!strings.Contains(csv, "php,all,suppressed,suppressed") || strings.Count(csv, "\n") != 16 {
			t.Errorf("%s: %d %s\n%s", path, resp.StatusCode, resp.Header.Get("Content-Type"), csv)
		}
	}

	// Bad input names the field; nobody else may see it.
	for _, c := range []struct{ query, field string }{
		{"?from=2026-02-30&to=" + s.To, "from"},
		{"?to=" + s.To, "from"},
		{"?from=" + s.To + "&to=" + s.From, "to"},
		{q + "&program_id=not-a-program", "program_id"},
		{q + "&program_id=0190a000-0000-7000-8000-000000000000", "program_id"},
		{q + "&format=xml", "format"},
	} {
		code, body := apptest.API(t, "GET", ts.URL+"/api/v1/outcomes"+c.query, admin, "")
		var p struct {
			Errors []struct{ Field string } `json:"errors"`
		}
		if code != 400 || json.Unmarshal([]byte(body), &p) != nil || len(p.Errors) != 1 || p.Errors[0].Field != c.field {
			t.Errorf("%s: %d %s, want 400 naming %s", c.query, code, body, c.field)
		}
	}
	if code, body := apptest.API(t, "GET", ts.URL+"/api/v1/outcomes"+q, desk, ""); code != 403 {
		t.Errorf("front desk: %d %s", code, body)
	}
	if code, body := apptest.API(t, "GET", ts.URL+"/api/v1/outcomes.csv"+q, "", ""); code != 401 {
		t.Errorf("no token: %d %s", code, body)
	}
}

// readAll reads and closes a response body.
func readAll(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// figureString shows a figure's value and count, "-" for what is not shown.
func figureString(f carepath.OutcomeFigure) string {
	if f.Value == nil || f.N == nil {
		return "-"
	}
	return fmt.Sprintf("%v of %d", *f.Value, *f.N)
}
