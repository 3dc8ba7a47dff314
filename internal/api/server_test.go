package api_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/api"
	"github.com/carepath/carepath/internal/api/contract"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
	"github.com/carepath/carepath/placement"
)

// apiServer is the JSON API alone over a fresh SQLite store, every exchange checked against
// the OpenAPI document by contract.Wrap.
type apiServer struct {
	t   *testing.T
	url string
	st  *store.Store
}

// newAPIServer starts the API on a fresh SQLite database.
func newAPIServer(t *testing.T) *apiServer {
	t.Helper()
	st := storetest.SQLite(t).Store
	staff, assessments, measures := store.NewStaffService(st), store.NewAssessmentService(st), store.NewMeasureService(st)
	a := &api.API{Placement: placement.DefaultConfig, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Staff: staff, Intakes: store.NewIntakeService(st), Clients: store.NewClientService(st),
		Audit: store.NewAuditService(st), Programs: store.NewProgramService(st), Episodes: store.NewEpisodeService(st),
		Assessments: assessments, IntakeConverter: assessments, Consents: store.NewConsentService(st),
		Plans: store.NewPlanService(st), Notes: store.NewNoteService(st), Groups: store.NewGroupService(st),
		Sessions: store.NewSessionService(st), Attendance: store.NewAttendanceService(st),
		Measures: measures, MeasureAlerts: measures, SchedulePlans: store.NewSchedulePlanService(st),
		Availability: store.NewAvailabilityService(st), Reviews: store.NewReviewService(st),
		Outcomes: store.NewOutcomeService(st)}
	mux := http.NewServeMux()
	a.Register(mux)
	ts := httptest.NewServer(contract.Wrap(t, mux))
	t.Cleanup(ts.Close)
	return &apiServer{t: t, url: ts.URL, st: st}
}

// token adds a staff member with role and returns an API token for them.
func (s *apiServer) token(email string, role carepath.Role) (string, *carepath.Staff) {
	s.t.Helper()
	ctx := carepath.NewContext(context.Background(), carepath.Actor{ID: "test", Role: carepath.RoleSystem, Remote: "test"})
	svc := store.NewStaffService(s.st)
	member := &carepath.Staff{Email: email, Name: "Dr " + string(role), Role: role}
	if err := svc.CreateStaff(ctx, member, "correct horse battery staple"); err != nil {
		s.t.Fatal(err)
	}
	tok, err := svc.CreateToken(ctx, email)
	if err != nil {
		s.t.Fatal(err)
	}
	return tok, member
}

// call sends body with contentType (none when empty) and token, and returns the answer.
func (s *apiServer) call(method, path, token, contentType, body string) (int, http.Header, string) {
	s.t.Helper()
	req, err := http.NewRequest(method, s.url+path, strings.NewReader(body))
	if err != nil {
		s.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

// created sends a JSON body that must answer 201 with an id, and returns the id.
func (s *apiServer) created(path, token, body string) string {
	s.t.Helper()
	status, _, answer := s.call("POST", path, token, "application/json", body)
	var v struct {
		ID string `json:"id"`
	}
	if status != 201 || json.Unmarshal([]byte(answer), &v) != nil || v.ID == "" {
		s.t.Fatalf("POST %s: %d %s, want 201 with an id", path, status, answer)
	}
	return v.ID
}

// problem decodes problem details, failing the test when the answer is not one.
func problem(t *testing.T, header http.Header, body string) api.Problem {
	t.Helper()
	if ct := header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("Content-Type %q, want application/problem+json", ct)
	}
	var p api.Problem
	if err := json.Unmarshal([]byte(body), &p); err != nil {
		t.Fatalf("not problem details: %v: %s", err, body)
	}
	return p
}
