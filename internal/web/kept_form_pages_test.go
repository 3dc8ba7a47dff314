package web_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// A form sent after the sign-in ended is kept server-side and sent again once the same person
// signs in; anyone else signing in on that browser does not save it under their name; a
// browser nobody signed in on keeps nothing; a page asked for signed out opens after the
// sign-in. Nothing of the form travels in an address.
func TestKeptFormOverAnExpiredSignIn(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	ann := apptest.AddStaff(t, ts.Store, "ann@example.org", carepath.RoleClinician)
	apptest.AddStaff(t, ts.Store, "ben@example.org", carepath.RoleClinician)
	occ, clients := todayGroup(t, ts.Store, "America/Chicago", ann.ID, 2)
	path := "/staff/sessions/" + occ + "/attendance"
	form := url.Values{"version": {"0"}, "client_id": clients, "status-0": {"present"}, "minutes-0": {""},
		"status-1": {"absent_excused"}, "minutes-1": {"180"}}
	expire := func() {
		t.Helper()
		// The sign-in sessions (never the owner's) age past their idle limit.
		if _, err := ts.DB.Exec(`UPDATE sessions SET expiry = $1 WHERE expiry < $2`, time.Now().Add(-time.Second).UTC(),
			time.Now().Add(time.Hour).UTC()); err != nil {
			t.Fatal(err)
		}
	}
	records := func() int {
		sheet, err := store.NewAttendanceService(ts.Store).FindAttendance(apptest.System(), occ)
		if err != nil {
			t.Fatal(err)
		}
		return len(sheet.Records)
	}

	// Ann's form, kept and saved when she signs in again.
	c := apptest.Browser(t)
	if code, _, _ := apptest.Send(t, c, "POST", ts.URL+"/login", url.Values{"email": {"ann@example.org"}, "password": {apptest.Password}}); code != 303 {
		t.Fatal("sign in")
	}
	expire()
	code, loc, _ := apptest.Send(t, c, "POST", ts.URL+path, form)
	if code != 303 || loc != "/login" || records() != 0 {
		t.Fatalf("expired save: %d %q, %d records", code, loc, records())
	}
	if _, _, page := apptest.Send(t, c, "GET", ts.URL+"/login", nil); !strings.Contains(page, "It is kept: sign in again and it will be saved.") {
		t.Errorf("sign-in page without the notice:\n%s", page)
	}
	code, loc, _ = apptest.Send(t, c, "POST", ts.URL+"/login", url.Values{"email": {"ann@example.org"}, "password": {apptest.Password}})
	if code != 303 || loc != path+"?saved=1" || records() != 2 {
		t.Fatalf("sign in again: %d %q, %d records", code, loc, records())
	}
	if strings.Contains(loc, "status") || strings.Contains(loc, clients[0]) {
		t.Errorf("the form travelled in the address: %s", loc)
	}

	// Ben signs in on the browser where Ann's second form waits: it is not saved as his.
	form.Set("version", "1")
	form.Set("status-1", "absent_unexcused")
	expire()
	if code, loc, _ := apptest.Send(t, c, "POST", ts.URL+path, form); code != 303 || loc != "/login" {
		t.Fatalf("expired save: %d %q", code, loc)
	}
	code, loc, _ = apptest.Send(t, c, "POST", ts.URL+"/login", url.Values{"email": {"ben@example.org"}, "password": {apptest.Password}})
	if code != 303 || loc != "/staff" {
		t.Fatalf("Ben signs in: %d %q", code, loc)
	}
	if _, _, home := apptest.Send(t, c, "GET", ts.URL+"/staff", nil); !strings.Contains(home, "was not saved under your name") {
		t.Errorf("Ben is not told the form was discarded")
	}
	sheet, _ := store.NewAttendanceService(ts.Store).FindAttendance(apptest.System(), occ)
	for _, r := range sheet.Records {
		if r.Status == "absent_unexcused" || r.RecordedBy != ann.ID {
			t.Errorf("Ann's second form was saved as someone else's: %+v", r)
		}
	}

	// A browser nobody signed in on keeps nothing, and a page asked for opens after sign-in.
	fresh := apptest.Browser(t)
	before := apptest.CountRows(t, ts.DB, "sessions", "1=1")
	if code, loc, _ := apptest.Send(t, fresh, "POST", ts.URL+path, form); code != 303 || loc != "/login" {
		t.Fatalf("anonymous save: %d %q", code, loc)
	}
	if after := apptest.CountRows(t, ts.DB, "sessions", "1=1"); after != before {
		t.Errorf("an anonymous form was stored: %d sessions, then %d", before, after)
	}
	expire()
	if code, loc, _ := apptest.Send(t, c, "GET", ts.URL+"/staff/groups?x=1", nil); code != 303 || loc != "/login" {
		t.Fatalf("expired page: %d %q", code, loc)
	}
	if code, loc, _ := apptest.Send(t, c, "POST", ts.URL+"/login", url.Values{"email": {"ben@example.org"}, "password": {apptest.Password}}); code != 303 || loc != "/staff/groups?x=1" {
		t.Errorf("after sign-in: %d %q, want the page asked for", code, loc)
	}
	if code, _, _ := apptest.Send(t, c, "POST", ts.URL+"/staff/keepalive", url.Values{}); code != 204 {
		t.Errorf("keepalive signed in: %d", code)
	}
	expire()
	if code, _, _ := apptest.Send(t, c, "POST", ts.URL+"/staff/keepalive", url.Values{}); code != 401 {
		t.Errorf("keepalive signed out: %d", code)
	}
}
