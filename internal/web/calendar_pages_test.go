package web_test

import (
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/carepath/carepath/delivery"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// feedAddress reads the new feed's address from the page that made it.
func feedAddress(t *testing.T, page string) string {
	t.Helper()
	m := regexp.MustCompile(`id="feed-url" readonly value="([^"]+)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no feed address on the page:\n%s", clip(page, 3000))
	}
	return m[1]
}

// fetchFeed fetches a feed without any session and returns the status, content type and body.
func fetchFeed(t *testing.T, u string) (int, string, string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Content-Type"), string(b)
}

// parseFeed parses a feed with an independent iCalendar parser and returns its events by UID.
func parseFeed(t *testing.T, body string) map[string]*ics.VEvent {
	t.Helper()
	cal, err := ics.ParseCalendar(strings.NewReader(body))
	if err != nil {
		t.Fatalf("the feed does not parse: %v\n%s", err, clip(body, 2000))
	}
	out := map[string]*ics.VEvent{}
	for _, e := range cal.Events() {
		out[e.Id()] = e
	}
	return out
}

func prop(e *ics.VEvent, p ics.ComponentProperty) string {
	if v := e.GetProperty(p); v != nil {
		return v.Value
	}
	return ""
}

func TestCalendarFeeds(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	s := seedDelivery(t, st)
	lee := apptest.SignIn(t, ts.URL, "lee@example.org")
	cli := apptest.System()
	nextMonday := s.monday.AddDays(7)
	cancelled := s.occurrence(nextMonday)
	if err := store.NewTherapySessionService(st).CancelOccurrence(cli, cancelled); err != nil {
		t.Fatal(err)
	}

	code, _, page := lee("GET", "/staff/account/calendar", nil)
	if code != 200 || !strings.Contains(page, "There is no feed.") {
		t.Fatalf("account calendar: %d", code)
	}
	code, _, page = lee("POST", "/staff/account/calendar", url.Values{"action": {"create"}, "show_names": {"no"}})
	if code != 200 || !strings.Contains(page, "shown only this once") {
		t.Fatalf("create: %d", code)
	}
	first := feedAddress(t, page)
	if !strings.HasPrefix(first, ts.URL+"/calendar/") || !strings.HasSuffix(first, ".ics") || !strings.Contains(page, `href="webcal://`) {
		t.Errorf("feed address %q", first)
	}
	if code, _, page := lee("GET", "/staff/account/calendar", nil); code != 200 || strings.Contains(page, first) || !strings.Contains(page, "never a client's name") {
		t.Error("the address is shown again, or the status is wrong")
	}

	code, ctype, body := fetchFeed(t, first)
	if code != 200 || !strings.HasPrefix(ctype, "text/calendar") {
		t.Fatalf("feed: %d %s", code, ctype)
	}
	events := parseFeed(t, body)
	thisMonday := events[s.occurrence(s.monday)+"@carepath"]
	if thisMonday == nil || prop(thisMonday, ics.ComponentPropertySummary) != "Group: Morning process" ||
		prop(thisMonday, ics.ComponentPropertyLocation) != "Room 2" || prop(thisMonday, ics.ComponentPropertyStatus) != "CONFIRMED" {
		t.Fatalf("this Monday's group: %+v", thisMonday)
	}
	start, err := thisMonday.GetStartAt()
	if err != nil || !start.Equal(s.monday.At(delivery.Clock{Hour: 9}, s.loc)) {
		t.Errorf("group starts %v (%v)", start, err)
	}
	if c := events[cancelled+"@carepath"]; c == nil || prop(c, ics.ComponentPropertyStatus) != "CANCELLED" {
		t.Errorf("the cancelled occurrence is not marked cancelled: %+v", c)
	}
	tuesday := events[delivery.OccurrenceID(s.session.ID, s.monday.AddDays(1))+"@carepath"]
	if tuesday == nil || prop(tuesday, ics.ComponentPropertySummary) != "Individual session" ||
		prop(tuesday, ics.ComponentPropertyUrl) != "https://meet.example.org/lee-ana" {
		t.Errorf("the individual session: %+v", tuesday)
	}
	for _, name := range []string{"Ana", "Lopez", "Ben", "Okafor"} {
		if strings.Contains(body, name) {
			t.Errorf("the clinician's feed names %q without the opt-in", name)
		}
	}
	// The window: two weeks back, eight ahead.
	now := time.Now()
	early := 0
	for uid, e := range events {
		at, err := e.GetStartAt()
		if err != nil || at.Before(now.Add(-14*24*time.Hour)) || !at.Before(now.Add(56*24*time.Hour)) {
			t.Errorf("%s starts %v, outside the window", uid, at)
		}
		if at.Before(now.Add(-7 * 24 * time.Hour)) {
			early++
		}
	}
	if early == 0 || events[s.occurrence(s.monday.AddDays(-21))+"@carepath"] != nil {
		t.Error("the feed does not start two weeks back")
	}

	// A new address, even one asked for with names (which feeds no longer offer): the old one
	// stops, and the new one names no client either.
	code, _, page = lee("POST", "/staff/account/calendar", url.Values{"action": {"create"}, "show_names": {"yes"}})
	second := feedAddress(t, page)
	if code, _, _ := fetchFeed(t, first); code != 404 {
		t.Errorf("replaced address: %d", code)
	}
	if _, _, body := fetchFeed(t, second); !strings.Contains(body, "SUMMARY:Individual session") || strings.Contains(body, "Lopez") {
		t.Errorf("the second feed names a client or lacks the session:\n%s", clip(body, 2000))
	}
	if code, _, page := lee("POST", "/staff/account/calendar", url.Values{"action": {"revoke"}}); code != 200 || !strings.Contains(page, "The calendar feed is off.") {
		t.Errorf("revoke: %d", code)
	}
	if code, ctype, body := fetchFeed(t, second); code != 404 || !strings.HasPrefix(ctype, "text/plain") || strings.Contains(body, "Ana") {
		t.Errorf("revoked address: %d %s", code, ctype)
	}
	for _, bad := range []string{"/calendar/nope.ics", "/calendar/" + strings.Repeat("A", 43) + ".ics", "/calendar/x"} {
		if code, _, _ := fetchFeed(t, ts.URL+bad); code != 404 {
			t.Errorf("%s: %d", bad, code)
		}
	}
	if code, _, _ := lee("POST", "/staff/account/calendar", url.Values{"action": {"explode"}}); code != 400 {
		t.Errorf("unknown action: %d", code)
	}

	// A client's feed, made from the chart by the care team: their sessions only.
	kim := apptest.SignIn(t, ts.URL, "kim@example.org")
	if code, _, _ := kim("GET", "/staff/clients/"+s.ben.ID+"/calendar", nil); code != 404 {
		t.Errorf("outside the care team: %d", code)
	}
	code, _, page = lee("POST", "/staff/clients/"+s.ben.ID+"/calendar", url.Values{"action": {"create"}})
	if code != 200 {
		t.Fatalf("client feed: %d", code)
	}
	code, _, body = fetchFeed(t, feedAddress(t, page))
	if code != 200 {
		t.Fatalf("client feed fetch: %d", code)
	}
	events = parseFeed(t, body)
	if e := events[s.occurrence(s.monday)+"@carepath"]; e == nil || prop(e, ics.ComponentPropertySummary) != "Process group" {
		t.Errorf("Ben's group this week: %+v", e)
	}
	if e := events[s.occurrence(s.monday.AddDays(-14))+"@carepath"]; e != nil {
		t.Error("Ben's feed shows a group from before he joined")
	}
	if e := events[delivery.OccurrenceID(s.session.ID, s.monday.AddDays(1))+"@carepath"]; e != nil {
		t.Error("Ben's feed shows Ana's individual session")
	}
	if c := events[cancelled+"@carepath"]; c == nil || prop(c, ics.ComponentPropertyStatus) != "CANCELLED" {
		t.Error("Ben's feed does not mark the cancelled group")
	}
	if n := apptest.CountRows(t, ts.DB, "audit_log", "action = 'calendar_feed.open' AND client_id = '"+s.ben.ID+"'"); n != 1 {
		t.Errorf("%d audit rows for the client feed read, want 1", n)
	}
	if n := apptest.CountRows(t, ts.DB, "audit_log", "action = 'session.list' AND actor_id = '"+s.ben.ID+"' AND role = 'client' AND allowed = true"); n < 1 {
		t.Errorf("the feed's session read is not audited as the client (%d rows)", n)
	}
}

// TestCalendarFeedNeverNamesClients: a feed made when staff could still opt in to client
// names (show_client_names stored true) names no client either, since every feed is read by
// a third-party calendar service.
func TestCalendarFeedNeverNamesClients(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	seedDelivery(t, ts.Store)
	lee := apptest.SignIn(t, ts.URL, "lee@example.org")
	_, _, page := lee("POST", "/staff/account/calendar", url.Values{"action": {"create"}})
	addr := feedAddress(t, page)
	if _, err := ts.DB.Exec(`UPDATE calendar_feeds SET show_client_names = $1`, true); err != nil {
		t.Fatal(err)
	}
	_, _, body := fetchFeed(t, addr)
	if !strings.Contains(body, "SUMMARY:Individual session") || strings.Contains(body, "Lopez") || strings.Contains(body, "Okafor") {
		t.Errorf("the feed names a client:\n%s", clip(body, 2000))
	}
}
