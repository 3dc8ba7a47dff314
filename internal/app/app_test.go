package app_test

import (
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
)

func TestHealthzAndOpenAPI(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	for path, want := range map[string]int{"/healthz": 200, "/api/v1/openapi.json": 200, "/nowhere": 404, "/static/style.css": 200} {
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("GET %s = %d, want %d", path, resp.StatusCode, want)
		}
	}
}

// TestServerOnEachEngine creates a client over the API and reads it back as a page and as
// JSON, through the one handler app.New builds, on SQLite and on PostgreSQL; every request
// passes through the handler Options.Wrap wraps.
func TestServerOnEachEngine(t *testing.T) {
	t.Parallel()
	for _, engine := range []string{apptest.SQLite, apptest.Postgres} {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			var seen atomic.Int64
			srv := apptest.StartWith(t, apptest.Options{Engine: engine, Wrap: func(_ testing.TB, h http.Handler) http.Handler {
				return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					seen.Add(1)
					h.ServeHTTP(w, r)
				})
			}})
			if srv.Engine != engine {
				t.Fatalf("engine %q, want %q", srv.Engine, engine)
			}
			admin, _ := apptest.Token(t, srv.Store, "admin@example.org", carepath.RoleAdmin)
			ana := apptest.AddStaff(t, srv.Store, "ana@example.org", carepath.RoleClinician)
			code, body := apptest.API(t, "POST", srv.URL+"/api/v1/clients", admin,
				`{"given_name":"Robin","family_name":"Lake","birth_date":"1990-04-02","primary_clinician_id":"`+ana.ID+`"}`)
			id := apptest.CreatedID(t, code, body)
			if code, body := apptest.API(t, "GET", srv.URL+"/api/v1/clients/"+id, admin, ""); code != 200 || !strings.Contains(body, `"family_name":"Lake"`) {
				t.Errorf("GET the client: %d %s", code, body)
			}
			page := apptest.SignIn(t, srv.URL, ana.Email)
			if code, _, body := page("GET", "/staff/clients/"+id, nil); code != 200 || !strings.Contains(body, "Robin Lake") {
				t.Errorf("chart page: %d", code)
			}
			if n := apptest.CountRows(t, srv.DB, "audit_log", "action = 'client.read'"); n < 2 {
				t.Errorf("%d client.read audit rows, want the API's and the page's", n)
			}
			if seen.Load() < 4 {
				t.Errorf("the wrapped handler saw %d requests, want every one (4)", seen.Load())
			}
		})
	}
}
