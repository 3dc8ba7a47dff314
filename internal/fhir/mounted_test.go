package fhir_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/fhir"
	"github.com/carepath/carepath/internal/store/storetest"
)

// TestMountedServer runs the FHIR checks against a whole carepath server as internal/app
// mounts /fhir/R4: real API tokens, the access policy, the audit log, the disclosure gate and
// the on-call outbox.
func TestMountedServer(t *testing.T) {
	t.Parallel()
	srv := apptest.Start(t)
	fhir.RunMounted(t, srv.URL, &storetest.Env{Engine: srv.Engine, Write: srv.DB, Store: srv.Store})
}

// TestMountedServerPostgres is TestMountedServer on PostgreSQL (skipped without
// CAREPATH_TEST_POSTGRES, a failure instead under CAREPATH_REQUIRE_SERVICES=1).
func TestMountedServerPostgres(t *testing.T) {
	t.Parallel()
	srv := apptest.StartWith(t, apptest.Options{Engine: apptest.Postgres})
	fhir.RunMounted(t, srv.URL, &storetest.Env{Engine: srv.Engine, Write: srv.DB, Store: srv.Store})
}

// TestMountedLinksBehindAProxy checks that the server's own FHIR links follow the scheme a
// trusted proxy reports, and carepath's base URL when one is set.
func TestMountedLinksBehindAProxy(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		o    apptest.Options
		want string
	}{
		{"proxy", apptest.Options{TrustedProxies: "127.0.0.1"}, "https://"},
		{"base URL", apptest.Options{Config: app.Config{BaseURL: "https://care.example.org/"}}, "https://care.example.org/fhir/R4"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := apptest.StartWith(t, tc.o)
			req, _ := http.NewRequest(http.MethodGet, srv.URL+"/fhir/R4/metadata", nil)
			req.Header.Set("X-Forwarded-Proto", "https")
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			var cs struct{ Implementation struct{ URL string } }
			if err := json.NewDecoder(res.Body).Decode(&cs); err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(cs.Implementation.URL, tc.want) || !strings.HasSuffix(cs.Implementation.URL, "/fhir/R4") {
				t.Errorf("implementation.url %q, want it under %q", cs.Implementation.URL, tc.want)
			}
		})
	}
}

// TestMountedStaffSession reads FHIR with a staff member's sign-in session instead of a token:
// the read is theirs (policy, care team, audit row), no session is 401, an admin's session
// counts only once they have an authenticator app, and a session whose account has since been
// disabled is no sign-in.
func TestMountedStaffSession(t *testing.T) {
	t.Parallel()
	srv := apptest.Start(t)
	ana := apptest.AddStaff(t, srv.Store, "ana@example.org", carepath.RoleClinician)
	c := &carepath.Client{GivenName: "Rae", FamilyName: "Ortiz", BirthDate: "1991-04-02", PrimaryClinicianID: ana.ID}
	if err := srv.Services.Clients.CreateClient(apptest.System(), c); err != nil {
		t.Fatal(err)
	}
	browser := apptest.SignIn(t, srv.URL, "ana@example.org")
	code, _, body := browser("GET", "/fhir/R4/Patient/"+c.ID, nil)
	if code != 200 || !strings.Contains(body, `"resourceType":"Patient"`) || !strings.Contains(body, "Ortiz") {
		t.Fatalf("read with a session: %d %s", code, body)
	}
	if n := apptest.CountRows(t, srv.DB, "audit_log", "action = 'client.read' AND allowed = true AND actor_id = '"+ana.ID+"' AND client_id = '"+c.ID+"'"); n != 1 {
		t.Errorf("%d audit rows of the read, want 1", n)
	}
	if code, _, body := apptest.Send(t, apptest.Browser(t), "GET", srv.URL+"/fhir/R4/Patient/"+c.ID, nil); code != 401 || strings.Contains(body, "Ortiz") {
		t.Errorf("read without a session: %d %s", code, body)
	}
	// An admin's session counts only once they have set up an authenticator app, as on the pages.
	apptest.AddStaff(t, srv.Store, "root@example.org", carepath.RoleAdmin)
	admin := apptest.Browser(t)
	if code, loc, _ := apptest.Send(t, admin, "POST", srv.URL+"/login", url.Values{"email": {"root@example.org"}, "password": {apptest.Password}}); code != 303 || loc != apptest.TOTPSetupPath {
		t.Fatalf("admin sign-in: %d %q", code, loc)
	}
	if code, _, body := apptest.Send(t, admin, "GET", srv.URL+"/fhir/R4/Patient/"+c.ID, nil); code != 401 || strings.Contains(body, "Ortiz") {
		t.Errorf("an admin without an authenticator app read: %d %s", code, body)
	}
	apptest.EnrolTOTP(t, admin, srv.URL, "root@example.org")
	if code, _, body := apptest.Send(t, admin, "GET", srv.URL+"/fhir/R4/Patient/"+c.ID, nil); code != 200 || !strings.Contains(body, "Ortiz") {
		t.Errorf("an admin with an authenticator app: %d %s", code, body)
	}

	disabled := true
	if _, err := srv.Services.Staff.UpdateStaff(apptest.System(), ana.ID, carepath.StaffUpdate{Disabled: &disabled}); err != nil {
		t.Fatal(err)
	}
	if code, loc, body := browser("GET", "/fhir/R4/Patient/"+c.ID, nil); code != 401 || loc != "" || strings.Contains(body, "Ortiz") {
		t.Errorf("read with a disabled account's session: %d %q %s", code, loc, body)
	}
}
