package web

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/carepath/carepath"
)

// fakeAlerts is a measure service that only lists alerts, counting the calls.
type fakeAlerts struct {
	carepath.MeasureService
	carepath.MeasureAlertService
	list  []*carepath.MeasureAlert
	calls int
}

func (f *fakeAlerts) FindMeasureAlerts(context.Context, bool) ([]*carepath.MeasureAlert, error) {
	f.calls++
	return f.list, nil
}

type fakeAttendanceAlerts struct {
	carepath.AttendanceService
	list []*carepath.Alert
}

func (f *fakeAttendanceAlerts) FindAlerts(context.Context) ([]*carepath.Alert, error) {
	return f.list, nil
}

type fakeClients struct{ carepath.ClientService }

func (fakeClients) FindClientNames(_ context.Context, ids []string) (map[string]carepath.ClientName, error) {
	out := map[string]carepath.ClientName{}
	for _, id := range ids {
		if id != "hidden" {
			out[id] = carepath.ClientName{GivenName: "Given-" + id, FamilyName: "Family"}
		}
	}
	return out, nil
}

func TestDashboardOrder(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2026, 11, 30, h, 0, 0, 0, time.UTC) }
	ma := &fakeAlerts{list: []*carepath.MeasureAlert{
		{ID: "m1", ClientID: "a", Kind: "relapse", At: at(9)},
		{ID: "m2", ClientID: "b", Kind: "missed_measures", At: at(8)},
		{ID: "m3", ClientID: "a", Kind: "reliable_deterioration", At: at(7)},
		{ID: "m4", ClientID: "hidden", Kind: "safety_item9", At: at(6), Protocol: "call 988"},
		{ID: "m5", ClientID: "b", Kind: "safety_item9", At: at(10)},
	}}
	att := &fakeAttendanceAlerts{list: []*carepath.Alert{
		{Kind: "below_minimum", ClientID: "a", At: at(11)},
		{Kind: "unexcused_absences", ClientID: "b", At: at(5)},
	}}
	s := &Server{Services: carepath.Services{Measures: ma, MeasureAlerts: ma, Attendance: att, Clients: fakeClients{}}, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	r := httptest.NewRequest("GET", "/staff", nil)
	sec := s.dashboard(r, signedIn{ID: "x", Role: carepath.RoleClinician}, time.UTC)
	var got []string
	for _, a := range sec.Alerts {
		got = append(got, a.Kind+"/"+a.ClientName)
	}
	want := []string{"safety_item9/Given-b Family", "safety_item9/Client hidden", "reliable_deterioration/Given-a Family",
		"missed_measures/Given-b Family", "relapse/Given-a Family", "unexcused_absences/Given-b Family", "below_minimum/Given-a Family"}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("alert %d: %s, want %s", i, got[i], want[i])
		}
	}
	if sec.Urgent != 2 || !sec.Alerts[0].SameDay || sec.Alerts[0].ID != "m5" || sec.Alerts[5].ID != "" {
		t.Errorf("urgent %d, first %+v", sec.Urgent, sec.Alerts[0])
	}

	before := ma.calls
	if sec := s.dashboard(r, signedIn{ID: "d", Role: carepath.RoleFrontDesk}, time.UTC); sec.Clinical || len(sec.Alerts) != 0 || ma.calls != before {
		t.Errorf("front desk: %+v, %d calls", sec, ma.calls-before)
	}
}
