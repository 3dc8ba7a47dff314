package app_test

import (
	"strings"
	"testing"

	"github.com/carepath/carepath/internal/app/apptest"
)

// TestReadAnsweredOnlyAfterAuditCommit opens a chart page, which reads the chart several
// times, and checks each read's audit row is committed; then makes the database refuse the
// audit rows of reads of that client and checks the page answers 503 with nothing of the
// chart in it. On both engines.
func TestReadAnsweredOnlyAfterAuditCommit(t *testing.T) {
	t.Parallel()
	for _, engine := range []string{apptest.SQLite, apptest.Postgres} {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			ts := apptest.StartWith(t, apptest.Options{Engine: engine})
			seed := apptest.SeedChart(t, ts.Store)
			as := apptest.SignIn(t, ts.URL, "ana@example.org")
			page := "/staff/clients/" + seed.Client.ID
			where := "client_id = '" + seed.Client.ID + "' AND actor_id = '" + seed.Clinician.ID + "'"
			before := apptest.CountRows(t, ts.DB, "audit_log", where)
			code, _, body := as("GET", page, nil)
			if code != 200 || !strings.Contains(body, "Robin") {
				t.Fatalf("chart page: %d", code)
			}
			n := apptest.CountRows(t, ts.DB, "audit_log", where) - before
			if n < 2 {
				t.Errorf("the chart page left %d audit rows of its reads, want several", n)
			}
			t.Logf("the chart page's reads left %d audit rows naming the client", n)

			refuse := []string{`CREATE TRIGGER refuse_chart_reads BEFORE INSERT ON audit_log
				WHEN NEW.client_id = '` + seed.Client.ID + `' AND NEW.action LIKE '%.read'
				BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`}
			if engine == apptest.Postgres {
				refuse = []string{`CREATE FUNCTION refuse_chart_reads() RETURNS trigger AS $$
					BEGIN IF NEW.client_id = '` + seed.Client.ID + `' AND NEW.action LIKE '%.read' THEN
					RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END; $$ LANGUAGE plpgsql`,
					`CREATE TRIGGER refuse_chart_reads BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_chart_reads()`}
			}
			for _, q := range refuse {
				if _, err := ts.DB.Exec(q); err != nil {
					t.Fatal(err)
				}
			}
			code, _, body = as("GET", page, nil)
			if code != 503 || strings.Contains(body, "Robin") || strings.Contains(body, "Lake") {
				t.Errorf("chart page with its audit refused: %d %.300q; want 503 and nothing of the chart", code, body)
			}
		})
	}
}
