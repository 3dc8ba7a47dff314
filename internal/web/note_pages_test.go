package web_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// noteSeed is a small clinic for the note page tests: two clinicians, a case manager who
// coordinates both clients, and a client of someone else.
type noteSeed struct {
	ana, bo, cm       *carepath.Staff
	robin, sky, quinn *carepath.Client
}

func seedNotes(t *testing.T, st *store.Store) noteSeed {
	t.Helper()
	var s noteSeed
	s.ana = apptest.AddStaff(t, st, "ana@example.org", carepath.RoleClinician)
	s.bo = apptest.AddStaff(t, st, "bo@example.org", carepath.RoleClinician)
	yes := true // bo supervises: only a supervisor may be named a co-signer
	if _, err := store.NewStaffService(st).UpdateStaff(apptest.System(), s.bo.ID, carepath.StaffUpdate{Supervisor: &yes}); err != nil {
		t.Fatal(err)
	}
	s.cm = apptest.AddStaff(t, st, "cm@example.org", carepath.RoleCaseManager)
	apptest.AddStaff(t, st, "desk@example.org", carepath.RoleFrontDesk)
	cli := apptest.System()
	s.robin = &carepath.Client{GivenName: "Robin", FamilyName: "Lake", BirthDate: "1990-04-02", PrimaryClinicianID: s.ana.ID, CaseManagerID: s.cm.ID}
	s.sky = &carepath.Client{GivenName: "Sky", FamilyName: "Moss", BirthDate: "1991-05-03", PrimaryClinicianID: s.bo.ID, CaseManagerID: s.cm.ID}
	someone := apptest.AddStaff(t, st, "someone@example.org", carepath.RoleClinician)
	s.quinn = &carepath.Client{GivenName: "Quinn", FamilyName: "Harper", BirthDate: "1980-01-01", PrimaryClinicianID: someone.ID}
	for _, c := range []*carepath.Client{s.robin, s.sky, s.quinn} {
		if err := store.NewClientService(st).CreateClient(cli, c); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func formOf(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v
}

func TestNotePages(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	s := seedNotes(t, st)
	ana, bo, cm := apptest.SignIn(t, ts.URL, "ana@example.org"), apptest.SignIn(t, ts.URL, "bo@example.org"), apptest.SignIn(t, ts.URL, "cm@example.org")
	desk := apptest.SignIn(t, ts.URL, "desk@example.org")
	notes := "/staff/clients/" + s.robin.ID + "/notes"

	if code, _, body := ana("GET", "/staff/clients/"+s.robin.ID, nil); code != 200 || !strings.Contains(body, `href="`+notes+`"`) {
		t.Fatalf("chart links to the notes: %d", code)
	}
	if code, _, body := ana("GET", notes, nil); code != 200 || !strings.Contains(body, "No notes yet") {
		t.Fatalf("empty notes page: %d", code)
	}
	if code, _, _ := desk("GET", notes, nil); code != 403 {
		t.Errorf("front desk notes page: %d", code)
	}
	if code, _, _ := ana("GET", "/staff/clients/"+s.quinn.ID+"/notes/new", nil); code != 404 {
		t.Errorf("someone else's client: %d", code)
	}
	if code, _, body := ana("GET", notes+"/new?format=soap", nil); code != 200 || !strings.Contains(body, `id="note-sec-subjective"`) ||
		!strings.Contains(body, `<legend>Format</legend>`) {
		t.Fatalf("SOAP form: %d", code)
	}

	t.Run("missing sections are 400 naming each, values kept", func(t *testing.T) {
		code, _, body := ana("POST", notes, formOf("kind", "individual", "format", "dap", "sec_data", "Talked about <sleep>", "action", "save"))
		if code != 400 || !strings.Contains(body, `href="#note-sec-assessment"`) || !strings.Contains(body, `href="#note-sec-plan"`) ||
			!strings.Contains(body, `id="note-sec-assessment-error"`) || !strings.Contains(body, "Talked about &lt;sleep&gt;") {
			t.Errorf("400: %d %s", code, clip(body, 400))
		}
	})
	t.Run("changing the format keeps the shared sections", func(t *testing.T) {
		code, _, body := ana("POST", notes, formOf("kind", "individual", "format", "birp", "sec_plan", "Weekly CBT", "action", "format"))
		if code != 200 || !strings.Contains(body, `id="note-sec-behavior"`) || !strings.Contains(body, "Weekly CBT") {
			t.Errorf("format change: %d", code)
		}
	})

	code, loc, _ := ana("POST", notes, formOf("kind", "individual", "format", "dap", "sec_data", "Talked about sleep",
		"sec_assessment", "Improving", "sec_plan", "Weekly CBT", "action", "save"))
	if code != 303 || !strings.HasPrefix(loc, "/staff/notes/") {
		t.Fatalf("create note: %d %q", code, loc)
	}
	note := loc
	if code, _, body := ana("GET", note, nil); code != 200 || !strings.Contains(body, "Sign and lock the note") || !strings.Contains(body, "Talked about sleep") {
		t.Fatalf("draft page: %d", code)
	}
	if code, _, body := ana("POST", note+"/edit", formOf("revision", "7", "sec_data", "Changed", "sec_assessment", "x", "sec_plan", "y")); code != 409 ||
		!strings.Contains(body, "Someone else changed this note") || !strings.Contains(body, ">Changed</textarea>") {
		t.Errorf("stale edit: %d", code)
	}
	if code, _, body := ana("POST", note+"/sign", formOf("revision", "9")); code != 409 || !strings.Contains(body, "reload") {
		t.Errorf("stale signature: %d", code)
	}
	if code, loc, _ := ana("POST", note+"/sign", formOf("revision", "1")); code != 303 || loc != note {
		t.Fatalf("sign: %d %q", code, loc)
	}
	if code, _, body := ana("GET", note+"/edit", nil); code != 409 || !strings.Contains(body, "never edited") {
		t.Errorf("edit a signed note: %d", code)
	}
	if code, _, body := ana("POST", note+"/addenda", formOf("text", " ")); code != 400 || !strings.Contains(body, `id="note-addendum-error"`) {
		t.Errorf("empty addendum: %d", code)
	}
	if code, _, _ := ana("POST", note+"/addenda", formOf("text", "Client phoned later.")); code != 303 {
		t.Errorf("addendum: %d", code)
	}
	if code, _, body := ana("GET", note, nil); code != 200 || !strings.Contains(body, "locked") || !strings.Contains(body, "Client phoned later.") ||
		strings.Contains(body, "Sign and lock the note") {
		t.Errorf("signed page: %d", code)
	}

	// A case manager's group note: the shared part once, a part per attendee, co-signed by a supervisor.
	occ := apptest.GroupSession(t, st, s.bo.ID, s.robin.ID, s.sky.ID)
	if code, _, body := cm("GET", "/staff/notes/group/new?session="+occ, nil); code != 200 || !strings.Contains(body, `value="`+occ+`"`) ||
		!strings.Contains(body, "Individual part for Sky Moss") {
		t.Errorf("group form from a session: %d", code)
	}
	if code, _, _ := cm("GET", "/staff/notes/group/new?session="+occ[:len(occ)-2]+"27", nil); code != 404 {
		t.Errorf("group form from no session: %d", code)
	}
	code, _, body := cm("GET", "/staff/notes/group/new", nil)
	if code != 200 || !strings.Contains(body, "Individual part for Robin Lake") || !strings.Contains(body, "Individual part for Sky Moss") {
		t.Fatalf("group form: %d", code)
	}
	rowOf := func(c *carepath.Client) string {
		i := strings.Index(body, `value="`+c.ID+`"`)
		j := strings.LastIndex(body[:i], `name="client_`)
		return body[j+len(`name="client_`) : j+len(`name="client_`)+1]
	}
	r, k := rowOf(s.robin), rowOf(s.sky)
	group := formOf("format", "dap", "session_id", occ, "sec_data", "Relapse prevention group",
		"sec_assessment", "Engaged", "sec_plan", "Continue", "cosigner_id", s.bo.ID, "action", "save",
		"client_"+r, s.robin.ID, "client_"+k, s.sky.ID, "att_"+r, "1", "att_"+k, "1", "ind_"+k, "Quiet today")
	if code, _, body := cm("POST", "/staff/notes/group", group); code != 400 || !strings.Contains(body, `href="#note-att-`+r+`-individual"`) ||
		!strings.Contains(body, "Robin Lake: ") || !strings.Contains(body, "Quiet today") {
		t.Errorf("group note missing a part: %d %s", code, clip(body, 300))
	}
	group.Set("ind_"+r, "Named a trigger")
	code, loc, _ = cm("POST", "/staff/notes/group", group)
	if code != 303 {
		t.Fatalf("group note: %d", code)
	}
	gnote := loc
	if code, _, body := ana("GET", gnote, nil); code != 200 || !strings.Contains(body, "Named a trigger") || strings.Contains(body, "Quiet today") {
		t.Errorf("Ana sees only Robin's part: %d", code)
	}
	if code, _, _ := cm("POST", gnote+"/sign", formOf("revision", "1")); code != 303 {
		t.Fatalf("sign group note: %d", code)
	}
	if code, _, body := bo("GET", "/staff/cosign", nil); code != 200 || !strings.Contains(body, `href="`+gnote+`"`) || !strings.Contains(body, "Sky Moss") {
		t.Errorf("Bo's queue: %d %s", code, clip(body, 300))
	}
	if code, _, _ := cm("GET", "/staff/cosign", nil); code != 403 {
		t.Errorf("case manager's queue: %d", code)
	}
	if code, _, body := ana("POST", gnote+"/cosign", nil); code != 403 || !strings.Contains(body, "another supervisor") {
		t.Errorf("co-sign by someone else: %d", code)
	}
	if code, loc, _ := bo("POST", gnote+"/cosign", nil); code != 303 || loc != "/staff/cosign" {
		t.Errorf("co-sign: %d %q", code, loc)
	}
	if code, _, body := bo("GET", "/staff/cosign", nil); code != 200 || !strings.Contains(body, "No notes are waiting") {
		t.Errorf("queue after co-sign: %d", code)
	}
	if code, _, body := ana("GET", notes, nil); code != 200 || !strings.Contains(body, `href="`+gnote+`"`) || !strings.Contains(body, `href="`+note+`"`) {
		t.Errorf("Robin's notes list: %d", code)
	}
}
