package web_test

import (
	"context"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/demo"
)

// Every link a staff member can follow from their menu, on the demo clinic, opens a page:
// for each role, the crawl starts at the staff home, follows every staff link of every page
// it reaches (each kind of page a few times, ids set aside), and fails on a 403, a 404, any
// other error, or a page that says "No access". The menu lists only the pages the role may
// open, and every page has the menu and a way to sign out.
func TestEveryMenuLinkOpensForEachRole(t *testing.T) {
	t.Parallel()
	srv := apptest.Start(t)
	if _, err := demo.Seed(context.Background(), srv.Services, io.Discard); err != nil {
		t.Fatal(err)
	}
	apptest.AddStaff(t, srv.Store, "reviewer@demo.carepath.test", carepath.RoleReviewer)
	for _, c := range []struct {
		email, password string
		mustReach       []string // pages the role's menu must lead to
		mustNotList     []string // menu entries the role may not open
	}{
		{"admin@demo.carepath.test", demo.Password, []string{"/staff/audit", "/staff/admin/staff", "/staff/groups", "/staff/sessions/new", "/staff/intakes"}, nil},
		{"clinician@demo.carepath.test", demo.Password, []string{"/staff/clients", "/staff/cosign", "/staff/outcomes", "/staff/groups"}, []string{"/staff/audit", "/staff/admin/staff"}},
		{"casemanager@demo.carepath.test", demo.Password, []string{"/staff/clients", "/staff/intakes"}, []string{"/staff/audit", "/staff/cosign", "/staff/outcomes"}},
		{"frontdesk@demo.carepath.test", demo.Password, []string{"/staff/intakes", "/staff/groups", "/staff/sessions/new"}, []string{"/staff/audit", "/staff/cosign", "/staff/outcomes", "/staff/admin/staff"}},
		{"reviewer@demo.carepath.test", apptest.Password, []string{"/staff/account"}, []string{"/staff/clients", "/staff/intakes", "/staff/groups", "/staff/programs"}},
	} {
		t.Run(strings.Split(c.email, "@")[0], func(t *testing.T) {
			t.Parallel()
			b := apptest.Browser(t)
			code, loc, _ := apptest.Send(t, b, "POST", srv.URL+"/login", map[string][]string{"email": {c.email}, "password": {c.password}})
			if code != 303 {
				t.Fatalf("sign in: %d", code)
			}
			if loc == apptest.TOTPSetupPath { // an admin sets up an authenticator app first
				apptest.EnrolTOTP(t, b, srv.URL, c.email)
			}
			_, _, home := apptest.Send(t, b, "GET", srv.URL+"/staff", nil)
			menu := menuLinks(home)
			for _, p := range c.mustNotList {
				if slices.Contains(menu, p) {
					t.Errorf("the menu offers %s", p)
				}
			}
			seen := map[string]int{}
			visited := map[string]bool{}
			queue := append([]string{"/staff/"}, menu...)
			reached := map[string]bool{}
			for len(queue) > 0 && len(visited) < 400 {
				p := queue[0]
				queue = queue[1:]
				if visited[p] || seen[pagePattern(p)] >= 2 {
					continue
				}
				visited[p] = true
				seen[pagePattern(p)]++
				code, loc, body := apptest.Send(t, b, "GET", srv.URL+p, nil)
				if code == 301 || code == 302 || code == 303 {
					if loc == "/login" {
						t.Errorf("%s sends a signed-in %s to the sign-in page", p, c.email)
						continue
					}
					queue = append(queue, loc)
					continue
				}
				if code != 200 || strings.Contains(body, "<h1>No access</h1>") || strings.Contains(body, "<title>No access") {
					t.Errorf("%s: %d %s", p, code, firstHeading(body))
					continue
				}
				reached[strings.SplitN(p, "?", 2)[0]] = true
				if strings.HasPrefix(p, "/staff") && !strings.HasSuffix(strings.SplitN(p, "?", 2)[0], ".csv") && !strings.HasSuffix(strings.SplitN(p, "?", 2)[0], ".pdf") &&
					!strings.HasSuffix(strings.SplitN(p, "?", 2)[0], ".837") &&
					(!strings.Contains(body, `<nav aria-label="Staff"`) || !strings.Contains(body, `action="/logout"`)) {
					t.Errorf("%s has no staff menu or no sign-out", p)
				}
				for _, l := range staffLinks(body) {
					if !visited[l] {
						queue = append(queue, l)
					}
				}
			}
			for _, p := range c.mustReach {
				if !reached[p] {
					t.Errorf("%s never reached %s", c.email, p)
				}
			}
			t.Logf("%s: %d pages", c.email, len(visited))
		})
	}
}

var (
	hrefRE    = regexp.MustCompile(`href="(/staff[^"#]*)`)
	menuRE    = regexp.MustCompile(`(?s)<nav aria-label="Staff".*?</nav>`)
	idRE      = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(:\d{4}-\d{2}-\d{2})?`)
	queryRE   = regexp.MustCompile(`=[^&]*`)
	headingRE = regexp.MustCompile(`(?s)<h1[^>]*>(.*?)</h1>`)
)

// staffLinks lists the staff pages a page links to.
func staffLinks(body string) []string {
	var out []string
	for _, m := range hrefRE.FindAllStringSubmatch(body, -1) {
		out = append(out, strings.ReplaceAll(m[1], "&amp;", "&"))
	}
	return out
}

// menuLinks lists the links of a page's staff menu.
func menuLinks(body string) []string { return staffLinks(menuRE.FindString(body)) }

// pagePattern is a page's address with its ids and query values set aside: one kind of page.
func pagePattern(p string) string {
	return queryRE.ReplaceAllString(idRE.ReplaceAllString(p, "{id}"), "=")
}

// firstHeading is a page's first heading, for a failure message.
func firstHeading(body string) string {
	if m := headingRE.FindStringSubmatch(body); m != nil {
		return strings.TrimSpace(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(m[1], ""))
	}
	return ""
}
