package web_test

import (
	"fmt"
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

// TestClientListPages: a list longer than a page shows which clients it shows and links to the
// next page, whose clients are the rest; a search's pages are posted with the search, so the
// name searched for never enters a URL.
func TestClientListPages(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	ana := apptest.AddStaff(t, ts.Store, "ana@example.org", carepath.RoleClinician)
	clients := store.NewClientService(ts.Store)
	for i := range 53 {
		c := &carepath.Client{GivenName: fmt.Sprintf("Robin%02d", i), FamilyName: "Lake", BirthDate: "1990-04-02", PrimaryClinicianID: ana.ID}
		if err := clients.CreateClient(apptest.System(), c); err != nil {
			t.Fatal(err)
		}
	}
	as := apptest.SignIn(t, ts.URL, "ana@example.org")
	code, _, body := as("GET", "/staff/clients", nil)
	if code != 200 || !strings.Contains(body, "53 clients (1–50 shown)") || !strings.Contains(body, `href="/staff/clients?page=2"`) ||
		strings.Contains(body, `id="clients-prev"`) || !strings.Contains(body, "Lake, Robin49") || strings.Contains(body, "Lake, Robin50") {
		t.Fatalf("first page: %d; want 1–50 of 53 and a link to page 2", code)
	}
	code, _, body = as("GET", "/staff/clients?page=2", nil)
	if code != 200 || !strings.Contains(body, "(51–53 shown)") || !strings.Contains(body, "Lake, Robin52") || strings.Contains(body, "Lake, Robin49") ||
		!strings.Contains(body, `href="/staff/clients?page=1"`) || strings.Contains(body, `id="clients-next"`) {
		t.Errorf("second page: %d; want 51–53 and a link back", code)
	}
	code, _, body = as("POST", "/staff/clients", url.Values{"search": {"robin"}, "page": {"2"}})
	if code != 200 || !strings.Contains(body, "53 clients matching “robin” (51–53 shown)") ||
		!strings.Contains(body, `<input type="hidden" name="search" value="robin">`) || strings.Contains(body, "page=1") {
		t.Errorf("a search's second page: %d; want it posted with the search", code)
	}
	if code, _, body = as("GET", "/staff/clients?page=x", nil); code != 200 || !strings.Contains(body, "(1–50 shown)") {
		t.Errorf("a page that is not a number: %d; want the first page", code)
	}
}
