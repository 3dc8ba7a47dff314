package demo_test

import (
	"context"
	"io"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/delivery"
	"github.com/carepath/carepath/internal/app"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/demo"
	"github.com/carepath/carepath/internal/store"
)

// The week still in progress is not judged on the demo's dose pages: no ✗ or "No" for it,
// nor for weeks still to come, on the program's page or a client's.
func TestDemoDosePagesWeekInProgress(t *testing.T) {
	t.Parallel()
	srv := demoServer(t)
	ts, st := srv.Server, srv.Store
	if _, err := demo.Seed(context.Background(), srv.Services, io.Discard); err != nil {
		t.Fatal(err)
	}
	c := apptest.Browser(t)
	if code, _, _ := apptest.Send(t, c, "POST", ts.URL+"/login", url.Values{"email": {"admin@demo.carepath.test"},
		"password": {demo.Password}}); code != 303 {
		t.Fatalf("sign in: %d", code)
	}
	get := func(path string) string {
		t.Helper()
		code, _, page := apptest.Send(t, c, "GET", ts.URL+path, nil)
		if code != 200 {
			t.Fatalf("GET %s: %d", path, code)
		}
		return page
	}
	sys := apptest.System()
	programs, err := store.NewProgramService(st).FindPrograms(sys)
	if err != nil {
		t.Fatal(err)
	}
	iop := programs[0]
	if iop.Level != carepath.LevelIOP {
		iop = programs[1]
	}
	current := delivery.WeekOf(time.Now(), iop.Location())
	lastCells := func(page string) []string {
		body := page[strings.Index(page, `id="cap-week-dose-program"`):]
		body = body[:strings.Index(body, "</tbody>")]
		var out []string
		for _, row := range strings.Split(body, "</tr>") {
			if i := strings.LastIndex(row, "<td>"); i >= 0 {
				out = append(out, row[i:])
			}
		}
		return out
	}
	page := get("/staff/programs/" + iop.ID + "/dose")
	if !strings.Contains(page, "<th scope=\"col\">"+current.String()+"</th></tr>") {
		t.Fatalf("the program's dose page does not end at this week %s", current)
	}
	cells := lastCells(page)
	if len(cells) < 20 || !strings.Contains(page, "so far (week in progress)") {
		t.Errorf("%d clients; chart without the week in progress", len(cells))
	}
	inProgress := 0
	for _, cell := range cells {
		if strings.Contains(cell, "met-no") {
			t.Errorf("this week is judged before it ends: %s", cell)
		}
		if strings.Contains(cell, "in progress") {
			inProgress++
		}
	}
	if inProgress == 0 && !strings.Contains(page, "met-yes") {
		t.Errorf("this week's cells: %v", cells)
	}
	if !strings.Contains(page, "met-no") {
		t.Errorf("no finished week below the minimum on the demo's program dose page")
	}
	later := get("/staff/programs/" + iop.ID + "/dose?week=" + current.Next().Next().Next().Next().String()) // four weeks to come
	if strings.Contains(later[strings.Index(later, `id="cap-week-dose-program"`):], "met-no") || !strings.Contains(later, "not started") {
		t.Errorf("weeks still to come are judged")
	}
	// A client's page: this week's row reads "Week in progress" (or "Yes" once met).
	i := strings.Index(page, `<a href="/staff/clients/`)
	href := page[i+len(`<a href="`):]
	href = href[:strings.Index(href, `"`)]
	client := get(href)
	row := client[strings.Index(client, `id="cap-week-dose"`):]
	row = row[strings.Index(row, "<th scope=\"row\">"+current.String()+"</th>"):]
	row = row[:strings.Index(row, "</tr>")]
	if strings.Contains(row, "met-no") || !(strings.Contains(row, "Week in progress") || strings.Contains(row, "met-yes") ||
		strings.Contains(row, "No sessions")) {
		t.Errorf("client's week in progress: %s", row)
	}
}

// The demo's crisis flag reads the same time on the chart as on the dashboard's safety alert:
// when PHQ-9 item 9 was answered, in the viewer's zone with its abbreviation.
func TestDemoCrisisTimeSameOnChartAndDashboard(t *testing.T) {
	t.Parallel()
	srv := demoServer(t)
	if _, err := demo.Seed(context.Background(), srv.Services, io.Discard); err != nil {
		t.Fatal(err)
	}
	c := apptest.Browser(t)
	if code, _, _ := apptest.Send(t, c, "POST", srv.URL+"/login", url.Values{"email": {"admin@demo.carepath.test"},
		"password": {demo.Password}}); code != 303 {
		t.Fatal("sign in")
	}
	_, _, home := apptest.Send(t, c, "GET", srv.URL+"/staff", nil)
	alert := regexp.MustCompile(`(?s)alert-safety_item9[^>]*>.*?<span class="when">([^<]+)</span>.*?href="(/staff/alerts/[^"]+)"`).FindStringSubmatch(home)
	if alert == nil {
		t.Fatalf("no safety alert on the demo's dashboard")
	}
	_, _, alertPage := apptest.Send(t, c, "GET", srv.URL+alert[2], nil)
	client := regexp.MustCompile(`href="/staff/clients/([^"#/]+)`).FindStringSubmatch(alertPage)
	if client == nil {
		t.Fatalf("the alert page links to no chart")
	}
	alert[2] = client[1]
	_, _, chart := apptest.Send(t, c, "GET", srv.URL+"/staff/clients/"+alert[2], nil)
	m := regexp.MustCompile(`was answered positively on ([^<]+)\.</p>`).FindStringSubmatch(chart)
	if m == nil || m[1] != alert[1] || !regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d [A-Z]{3}$`).MatchString(m[1]) {
		t.Errorf("chart %v, dashboard %q", m, alert[1])
	}
}

// demoServer starts the server as serve --demo does: the demo's own admin may work without an
// authenticator app.
func demoServer(t *testing.T) *apptest.Server {
	t.Helper()
	return apptest.StartWith(t, apptest.Options{Config: app.Config{DemoDomain: demo.EmailDomain}})
}
