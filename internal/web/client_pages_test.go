package web_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

func TestClientPages(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	ana := apptest.AddStaff(t, st, "ana@example.org", carepath.RoleClinician)
	apptest.AddStaff(t, st, "rev@example.org", carepath.RoleReviewer)
	cli := apptest.System()
	clients := store.NewClientService(st)
	mine := &carepath.Client{GivenName: "Robin", FamilyName: "Lake", BirthDate: "1990-04-02", PrimaryClinicianID: ana.ID}
	someone := apptest.AddStaff(t, st, "someone@example.org", carepath.RoleClinician)
	other := &carepath.Client{GivenName: "Quinn", FamilyName: "Harper", BirthDate: "1980-01-01", PrimaryClinicianID: someone.ID}
	for _, c := range []*carepath.Client{mine, other} {
		if err := clients.CreateClient(cli, c); err != nil {
			t.Fatal(err)
		}
	}
	signIn := func(email string) func(method, path string, form url.Values) (int, string) {
		c := apptest.Browser(t)
		if code, _, _ := apptest.Send(t, c, "POST", ts.URL+"/login", url.Values{"email": {email}, "password": {apptest.Password}}); code != 303 {
			t.Fatalf("sign in %s: %d", email, code)
		}
		return func(method, path string, form url.Values) (int, string) {
			code, _, body := apptest.Send(t, c, method, ts.URL+path, form)
			return code, body
		}
	}

	if code, _, _ := apptest.Send(t, apptest.Browser(t), "GET", ts.URL+"/staff/clients", nil); code != 303 {
		t.Errorf("signed out: %d, want a redirect to /login", code)
	}
	as := signIn("ana@example.org")
	code, body := as("GET", "/staff/clients", nil)
	if code != 200 || !strings.Contains(body, "Lake, Robin") || strings.Contains(body, "Harper") {
		t.Errorf("clinician's list: %d", code)
	}
	code, body = as("POST", "/staff/clients", url.Values{"search": {"rob"}})
	if code != 200 || !strings.Contains(body, "Lake, Robin") || !strings.Contains(body, `value="rob"`) {
		t.Errorf("search: %d", code)
	}
	if code, body = as("POST", "/staff/clients", url.Values{"search": {"zzz"}}); code != 200 || !strings.Contains(body, "No client matches") {
		t.Errorf("empty search: %d", code)
	}
	if code, body = as("GET", "/staff/clients/"+mine.ID, nil); code != 200 || !strings.Contains(body, "Robin Lake") ||
		!strings.Contains(body, "Primary clinician: "+ana.Name) {
		t.Errorf("own chart: %d", code)
	}
	if code, body = as("GET", "/staff/clients/"+other.ID, nil); code != 404 || strings.Contains(body, "Harper") {
		t.Errorf("another clinician's client: %d", code)
	}
	if code, _ = signIn("rev@example.org")("GET", "/staff/clients", nil); code != 403 {
		t.Errorf("reviewer: %d", code)
	}
}
