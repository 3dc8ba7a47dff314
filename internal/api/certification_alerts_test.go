package api_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// TestCertificationAlertsAPI lists the certification alerts of the caller's clients: a
// clinician sees their client's Medicare IOP episode whose recertification is 10 days overdue;
// another clinician sees none; the front desk, which does not read certifications, gets 403.
func TestCertificationAlertsAPI(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	ana, anaStaff := apptest.Token(t, ts.Store, "ana@example.org", carepath.RoleClinician)
	bo, _ := apptest.Token(t, ts.Store, "bo@example.org", carepath.RoleClinician)
	desk, _ := apptest.Token(t, ts.Store, "desk@example.org", carepath.RoleFrontDesk)
	day := func(days int) string { return time.Now().UTC().AddDate(0, 0, days).Format(carepath.DateLayout) }
	sys := apptest.System()
	c := &carepath.Client{GivenName: "Robin", FamilyName: "Lake", BirthDate: "1990-04-02", PrimaryClinicianID: anaStaff.ID}
	if err := store.NewClientService(ts.Store).CreateClient(sys, c); err != nil {
		t.Fatal(err)
	}
	p, err := store.NewProgramService(ts.Store).CreateProgram(sys, carepath.ProgramCreate{Name: "Evening IOP", Level: carepath.LevelIOP, TimeZone: "America/Chicago"})
	if err != nil {
		t.Fatal(err)
	}
	ep, err := store.NewEpisodeService(ts.Store).AdmitClient(sys, carepath.EpisodeAdmit{ClientID: c.ID, ProgramID: p.ID, On: day(-80)})
	if err != nil {
		t.Fatal(err)
	}
	medicare, err := store.NewPayerService(ts.Store).CreatePayer(sys, carepath.PayerInput{Name: "Medicare Part A", PayerID: "MCRA1", Medicare: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.NewCoverageService(ts.Store).AddCoverage(sys, c.ID, carepath.CoverageInput{PayerID: medicare.ID,
		MemberID: "1EG4TE5MK73", PlanYearStart: "2026-01-01"}); err != nil {
		t.Fatal(err)
	}
	if _, err := store.NewCertificationService(ts.Store).AddCertification(sys, ep.ID, carepath.CertificationInput{Date: day(-70),
		PhysicianName: "Ada Okafor", PhysicianNPI: "1245319599", HoursPerWeek: 12}); err != nil {
		t.Fatal(err)
	}

	path := ts.URL + "/api/v1/certification-alerts"
	status, body := apptest.API(t, "GET", path, ana, "")
	var got struct {
		Alerts []carepath.CertificationAlert `json:"alerts"`
	}
	if err := json.Unmarshal([]byte(body), &got); status != 200 || err != nil {
		t.Fatalf("the clinician's list = %d %s (%v)", status, body, err)
	}
	want := carepath.CertificationAlert{EpisodeID: ep.ID, ClientID: c.ID, Kind: carepath.CertificationOverdue, Due: day(-10), Overdue: true, DaysOverdue: 10}
	if len(got.Alerts) != 1 {
		t.Fatalf("the clinician's list = %s, want the one overdue episode", body)
	}
	a := got.Alerts[0]
	a.Message = ""
	if a != want {
		t.Errorf("alert = %+v, want %+v", a, want)
	}
	if status, body := apptest.API(t, "GET", path, bo, ""); status != 200 || body != `{"alerts":[]}`+"\n" && body != `{"alerts":[]}` {
		t.Errorf("another clinician's list = %d %s, want none", status, body)
	}
	if status, _ := apptest.API(t, "GET", path, desk, ""); status != 403 {
		t.Errorf("the front desk = %d, want 403", status)
	}
}
