package api_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/api"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// apiServer is a whole server over a fresh SQLite store (apptest), every exchange under
// /api/v1/ checked against the OpenAPI document by contract.Wrap.
type apiServer struct {
	t   *testing.T
	url string
	st  *store.Store
}

// newAPIServer starts a server on a fresh SQLite database.
func newAPIServer(t *testing.T) *apiServer {
	t.Helper()
	srv := apptest.Start(t)
	return &apiServer{t: t, url: srv.URL, st: srv.Store}
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
