package apptest

import (
	"database/sql"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
)

// Password is the password of every staff member AddStaff creates.
const Password = "a long enough password"

// AddStaff creates a staff member with role, named "Dr <role>", with Password, as the command
// line.
func AddStaff(t testing.TB, st *store.Store, email string, role carepath.Role) *carepath.Staff {
	t.Helper()
	s := &carepath.Staff{Email: email, Name: "Dr " + string(role), Role: role}
	if err := store.NewStaffService(st).CreateStaff(System(), s, Password); err != nil {
		t.Fatal(err)
	}
	return s
}

// Token adds a staff member with role (see AddStaff) and returns a new API token for them.
func Token(t testing.TB, st *store.Store, email string, role carepath.Role) (string, *carepath.Staff) {
	t.Helper()
	s := AddStaff(t, st, email, role)
	tok, err := store.NewStaffService(st).CreateToken(System(), email)
	if err != nil {
		t.Fatal(err)
	}
	return tok, s
}

// NoRedirect is a client that reports redirects instead of following them.
var NoRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// Browser returns an HTTP client with its own cookie jar that reports redirects instead of
// following them: one person's browser.
func Browser(t testing.TB) *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// Send sends a request (a form, when form is not nil) with c and returns the status, the
// Location header and the body.
func Send(t testing.TB, c *http.Client, method, u string, form url.Values) (int, string, string) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, _ := http.NewRequest(method, u, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		if dup := DuplicateIDs(string(b)); len(dup) > 0 {
			t.Errorf("%s %s: ids used more than once on the page: %v", method, req.URL.Path, dup)
		}
	}
	return resp.StatusCode, resp.Header.Get("Location"), string(b)
}

// htmlID matches an element's id attribute as carepath's templates write them.
var htmlID = regexp.MustCompile(`\sid="([^"]+)"`)

// DuplicateIDs returns the ids a page gives more than one element: a label, an
// aria-labelledby or a link to #id then points at the wrong one, and assistive technology
// reads the wrong text.
func DuplicateIDs(page string) []string {
	seen := map[string]int{}
	var dup []string
	for _, m := range htmlID.FindAllStringSubmatch(page, -1) {
		seen[m[1]]++
		if seen[m[1]] == 2 {
			dup = append(dup, m[1])
		}
	}
	return dup
}

// SignedIn sends a request as a signed-in staff member and returns the status, the Location
// header and the body; path is relative to the server.
type SignedIn func(method, path string, form url.Values) (int, string, string)

// SignIn signs the staff member with email (and Password) in at the server at base, in a new
// Browser, and returns a function that sends requests as them.
//
// An admin must set up an authenticator app before any other page: SignIn does it as a person
// would (reads the key the set-up page shows, sends a code of it) and keeps the key, so a
// later SignIn of the same admin at the same server types a code too (TOTPCode).
func SignIn(t testing.TB, base, email string) SignedIn {
	t.Helper()
	c := SignInClient(t, base, email)
	return func(method, path string, form url.Values) (int, string, string) {
		t.Helper()
		return Send(t, c, method, base+path, form)
	}
}

// SignInClient signs email in as SignIn does and returns the browser (an HTTP client with the
// sign-in cookie), for a request SignedIn does not make: a file upload, a download's headers.
func SignInClient(t testing.TB, base, email string) *http.Client {
	t.Helper()
	c := Browser(t)
	form := url.Values{"email": {email}, "password": {Password}}
	if code := TOTPCode(base, email); code != "" {
		form.Set("code", code)
	}
	code, loc, _ := Send(t, c, "POST", base+"/login", form)
	if code != 303 {
		t.Fatalf("sign in %s: %d", email, code)
	}
	if loc == TOTPSetupPath {
		EnrolTOTP(t, c, base, email)
	}
	return c
}

// API sends a JSON request with a bearer token (none when token is "") and returns the status
// and body.
func API(t testing.TB, method, u, token, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, u, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// CreatedID checks that an API call answered 201 with an id, and returns the id.
func CreatedID(t testing.TB, status int, body string) string {
	t.Helper()
	var v struct {
		ID string `json:"id"`
	}
	if status != 201 || json.Unmarshal([]byte(body), &v) != nil || v.ID == "" {
		t.Fatalf("got %d %s, want 201 with an id", status, body)
	}
	return v.ID
}

// CountRows counts the rows of table matching where (SQL both engines accept).
func CountRows(t testing.TB, db *sql.DB, table, where string) int {
	t.Helper()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM " + table + " WHERE " + where).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
