package web_test

import (
	"html"
	"net/url"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

func TestChartPages(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	s := apptest.SeedChart(t, st)
	ana := apptest.SignIn(t, ts.URL, "ana@example.org")
	admin := apptest.SignIn(t, ts.URL, "admin@example.org")
	desk := apptest.SignIn(t, ts.URL, "desk@example.org")
	chart := "/staff/clients/" + s.Client.ID

	t.Run("clinician sees own chart with history", func(t *testing.T) {
		code, _, body := ana("GET", chart, nil)
		for _, want := range []string{"Robin Lake", "Partial Hospitalization", "clinical_judgment", "Worsening at home",
			"(override)", "Evening IOP", "2026-01-05", "step down from", "Stable for two weeks", "Take a new assessment"} {
			if !strings.Contains(body, want) {
				t.Errorf("chart lacks %q", want)
			}
		}
		if code != 200 {
			t.Errorf("chart: %d", code)
		}
	})
	t.Run("admin sees a discharge on the timeline", func(t *testing.T) {
		code, _, body := admin("GET", "/staff/clients/"+s.Other.ID, nil)
		if code != 200 || !strings.Contains(body, "discharged — left against advice: Moved away") || !strings.Contains(body, "Day PHP") ||
			!strings.Contains(body, "No assessments yet") {
			t.Errorf("admin chart of a discharged client: %d", code)
		}
	})
	t.Run("front desk sees the chart without clinical sections", func(t *testing.T) {
		code, _, body := desk("GET", chart, nil)
		if code != 200 || !strings.Contains(body, "Assessments are not available for your role") ||
			!strings.Contains(body, "Episodes of care are not available for your role") || strings.Contains(body, "Worsening at home") {
			t.Errorf("front desk chart: %d", code)
		}
		if code, _, _ := desk("GET", chart+"/assess", nil); code != 403 {
			t.Errorf("front desk assess form: %d", code)
		}
	})
	t.Run("another clinician's client is not found", func(t *testing.T) {
		if code, _, body := ana("GET", "/staff/clients/"+s.Other.ID+"/assess", nil); code != 404 || strings.Contains(body, "Harper") {
			t.Errorf("other client's assess form: %d", code)
		}
	})
	form := url.Values{"dim_withdrawal": {"0"}, "dim_biomedical": {"0"}, "dim_psychiatric": {"1"}, "dim_readiness": {"1"},
		"dim_relapse": {"2"}, "dim_environment": {"1"}, "final_level": {"inpatient"}, "action": {"save"}}
	t.Run("assess form", func(t *testing.T) {
		code, _, body := ana("GET", chart+"/assess", nil)
		if code != 200 || !strings.Contains(body, `id="assess-dim-psychiatric"`) || !strings.Contains(body, `value="payer_authorized_other"`) {
			t.Errorf("assess form: %d", code)
		}
		preview := url.Values{}
		for k, v := range form {
			preview[k] = v
		}
		preview.Set("action", "preview")
		code, _, body = ana("POST", chart+"/assess", preview)
		if code != 200 || !strings.Contains(body, "carepath recommends") {
			t.Errorf("preview: %d", code)
		}
	})
	t.Run("override without variance shows the error and keeps values", func(t *testing.T) {
		code, _, body := ana("POST", chart+"/assess", form)
		if code != 400 || !strings.Contains(body, `id="error-summary"`) || !strings.Contains(body, `id="assess-variance-code-error"`) ||
			!strings.Contains(body, `<option value="2" selected>`) || !strings.Contains(body, `<option value="inpatient" selected>`) ||
			!strings.Contains(body, "carepath recommends") {
			t.Errorf("override without variance: %d %s", code, clip(body, 300))
		}
		bad := url.Values{"dim_relapse": {"9"}, "profile": {`{"answers":{"phq9":[1,2]}}`}, "action": {"save"}}
		code, _, body = ana("POST", chart+"/assess", bad)
		if code != 400 || !strings.Contains(body, `id="assess-dim-relapse-error"`) || !strings.Contains(body, `{&#34;answers&#34;`) {
			t.Errorf("bad rating: %d", code)
		}
	})
	t.Run("override with variance stores and redirects", func(t *testing.T) {
		form.Set("variance_code", "no_bed_available")
		form.Set("variance_note", "Waiting list at the residential unit")
		code, loc, _ := ana("POST", chart+"/assess", form)
		if code != 303 || loc != chart {
			t.Fatalf("save: %d %q", code, loc)
		}
		_, _, body := ana("GET", chart, nil)
		if !strings.Contains(body, "no_bed_available") || !strings.Contains(body, "Waiting list at the residential unit") {
			t.Errorf("chart after save lacks the new assessment")
		}
		list, err := store.NewAssessmentService(st).FindAssessments(apptest.System(), s.Client.ID)
		if err != nil || len(list) != 2 || list[0].FinalLevel != carepath.LevelInpatient || list[0].ClinicianID != s.Clinician.ID {
			t.Errorf("stored: %v %+v", err, list)
		}
	})
	t.Run("audit page is admin only", func(t *testing.T) {
		if code, _, _ := ana("GET", "/staff/audit", nil); code != 403 {
			t.Errorf("clinician: %d", code)
		}
		if code, _, _ := ana("GET", "/staff/audit.csv", nil); code != 403 {
			t.Errorf("clinician csv: %d", code)
		}
		q := "?client_id=" + s.Client.ID + "&staff_id=" + s.Clinician.ID + "&from=2000-01-01&to=2100-01-01"
		code, _, body := admin("GET", "/staff/audit"+q, nil)
		if code != 200 || !strings.Contains(body, "assessment.create") || !strings.Contains(body, `href="/staff/audit.csv?`) {
			t.Errorf("admin audit: %d", code)
		}
		code, _, body = admin("GET", "/staff/audit.csv"+q, nil)
		if code != 200 || !strings.HasPrefix(body, "id,at,actor_id") || !strings.Contains(body, "assessment.create") {
			t.Errorf("admin csv: %d %s", code, clip(body, 200))
		}
		code, _, body = admin("GET", "/staff/audit?staff_id="+s.Clinician.ID, nil)
		if code != 200 || !strings.Contains(body, "audit.list") || !strings.Contains(body, "<strong>denied</strong>") {
			t.Errorf("the clinician's denied audit read is not in the log: %d", code)
		}
		// The staff filter is a choice of names, the chosen one selected, and rows name staff.
		option := `<option value="` + s.Clinician.ID + `" selected>` + html.EscapeString(s.Clinician.Name)
		if !strings.Contains(body, option) || !strings.Contains(body, "<td>"+html.EscapeString(s.Clinician.Name)+"</td>") {
			t.Errorf("the audit page does not offer or show the clinician by name")
		}
		code, _, body = admin("GET", "/staff/audit?from=yesterday", nil)
		if code != 400 || !strings.Contains(body, `id="audit-from-error"`) || !strings.Contains(body, `value="yesterday"`) {
			t.Errorf("bad date: %d", code)
		}
	})
	t.Run("census", func(t *testing.T) {
		code, _, body := ana("GET", "/staff/programs", nil)
		if code != 200 || !strings.Contains(body, "/staff/programs/"+s.Program.ID+"/census") {
			t.Errorf("programs: %d", code)
		}
		code, _, body = ana("GET", "/staff/programs/"+s.Program.ID+"/census", nil)
		if code != 200 || !strings.Contains(body, "Lake, Robin") || !strings.Contains(body, "Intensive Outpatient Program") || strings.Contains(body, "Harper") {
			t.Errorf("clinician census: %d", code)
		}
		code, _, body = desk("GET", "/staff/programs/"+s.Program.ID+"/census", nil)
		if code != 200 || !strings.Contains(body, "Lake, Robin") || !strings.Contains(body, "Harper, Quinn") {
			t.Errorf("front desk census: %d", code)
		}
		if code, _, _ := ana("GET", "/staff/programs/no-such-program/census", nil); code != 404 {
			t.Errorf("unknown program: %d", code)
		}
	})
}
