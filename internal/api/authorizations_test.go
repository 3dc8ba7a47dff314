package api_test

import (
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// seedAttended admits a client of clinician to an IOP with a Mon/Wed/Fri group from 2026-10-26
// (no end), priced $300 a program day, records three days attended (no notes), adds payer 60054, and returns the client and episode.
func seedAttended(t *testing.T, st *store.Store, clinician string) (clientID, episodeID, groupID string) {
	t.Helper()
	cli := apptest.System()
	c := &carepath.Client{GivenName: "Robin", FamilyName: "Lake", BirthDate: "1990-04-02", PrimaryClinicianID: clinician}
	if err := store.NewClientService(st).CreateClient(cli, c); err != nil {
		t.Fatal(err)
	}
	p, err := store.NewProgramService(st).CreateProgram(cli, carepath.ProgramCreate{Name: "Evening IOP", Level: carepath.LevelIOP, TimeZone: "America/Chicago"})
	if err != nil {
		t.Fatal(err)
	}
	rates := []carepath.Rate{{Service: carepath.RateIOPPerDiem, Cents: 300_00}, {Service: carepath.RateGroupSession, Cents: 60_00}}
	if _, err := store.NewProgramService(st).UpdateProgramDetails(cli, p.ID, carepath.ProgramDetailsUpdate{Version: 1, Rates: &rates}); err != nil {
		t.Fatal(err)
	}
	ep, err := store.NewEpisodeService(st).AdmitClient(cli, carepath.EpisodeAdmit{ClientID: c.ID, ProgramID: p.ID, On: "2026-10-26"})
	if err != nil {
		t.Fatal(err)
	}
	groups := store.NewGroupService(st)
	g, err := groups.CreateGroup(cli, carepath.GroupCreate{ProgramID: p.ID, Name: "Process", Type: "process",
		FacilitatorIDs: []string{clinician}, Days: []string{"mon", "wed", "fri"}, StartTime: "18:00", Minutes: 180, StartDate: "2026-10-26", Room: "Room 2"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := groups.AddGroupMember(cli, g.ID, c.ID, "2026-10-26"); err != nil {
		t.Fatal(err)
	}
	for _, day := range []string{"2026-10-26", "2026-10-28", "2026-10-30"} {
		if _, err := store.NewAttendanceService(st).RecordAttendance(cli, g.ID+":"+day, carepath.AttendanceUpdate{
			Records: []carepath.AttendanceRecord{{ClientID: c.ID, Status: "present", Minutes: 180}}}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := store.NewPayerService(st).CreatePayer(cli, carepath.PayerInput{Name: "Acme Health", PayerID: "60054"}); err != nil {
		t.Fatal(err)
	}
	return c.ID, ep.ID, g.ID
}

func TestAuthorizationsAPI(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	ana, anaStaff := apptest.Token(t, ts.Store, "ana@example.org", carepath.RoleClinician)
	bo, _ := apptest.Token(t, ts.Store, "bo@example.org", carepath.RoleClinician)
	desk, _ := apptest.Token(t, ts.Store, "desk@example.org", carepath.RoleFrontDesk)
	_, episode, _ := seedAttended(t, ts.Store, anaStaff.ID)
	api := ts.URL + "/api/v1"
	auths := "/episodes/" + episode + "/authorizations"
	body := `{"payer_id":"60054","number":"A-77","level":"iop","start":"2026-10-26","end":"2027-03-31","units":5,"unit":"day","next_review":"2026-12-15"}`
	status, created := apptest.API(t, "POST", api+auths, ana, body)
	if status != 201 || !strings.Contains(created, `"units_used":3,"units_left":2,"exhausts_on":"`) {
		t.Fatalf("POST authorization = %d %s; want 3 used, 2 left and the date they run out", status, created)
	}
	id := apptest.CreatedID(t, status, created)

	for _, tt := range []struct {
		name, method, path, token, body string
		status                          int
		want                            string
	}{
		{"end before start is named", "POST", auths, ana, strings.Replace(body, `"end":"2027-03-31"`, `"end":"2026-01-01"`, 1), 400, `"field":"end"`},
		{"a unit is named", "POST", auths, ana, strings.Replace(body, `"unit":"day"`, `"unit":"hour"`, 1), 400, `"field":"unit"`},
		{"an unknown member is named", "POST", auths, ana, strings.Replace(body, `"units":5`, `"units":5,"weeks":3`, 1), 400, `"weeks"`},
		{"units below used are named", "PATCH", "/authorizations/" + id, ana, `{"units":2}`, 400, `"field":"units"`},
		{"another clinician gets 404", "GET", "/authorizations/" + id, bo, "", 404, ""},
		{"the front desk may not add", "POST", auths, desk, body, 403, ""},
		{"the front desk reads", "GET", auths, desk, "", 200, `"number":"A-77"`},
		{"extend", "PATCH", "/authorizations/" + id, ana, `{"units":30}`, 200, `"units_left":27`},
		{"alerts", "GET", "/authorization-alerts", ana, "", 200, `{"alerts":[`},
	} {
		status, got := apptest.API(t, tt.method, api+tt.path, tt.token, tt.body)
		if status != tt.status || !strings.Contains(got, tt.want) {
			t.Errorf("%s: %s %s = %d %s, want %d with %s", tt.name, tt.method, tt.path, status, got, tt.status, tt.want)
		}
	}
	if n := apptest.CountRows(t, ts.DB, "authorizations", "episode_id = '"+episode+"'"); n != 1 {
		t.Errorf("%d authorizations stored, want 1", n)
	}
}
