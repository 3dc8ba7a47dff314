package api_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/carepath/carepath"
)

// TestAPIMisses checks that what no route serves under /api/v1/ answers problem details: 404
// for an unknown path, 405 with an Allow header naming the path's methods for another method.
func TestAPIMisses(t *testing.T) {
	t.Parallel()
	s := newAPIServer(t)
	desk, _ := s.token("desk@example.org", carepath.RoleFrontDesk)
	for _, tc := range []struct {
		method, path string
		status       int
		allow        string
	}{
		{"GET", "/api/v1/nothing-here", 404, ""},
		{"GET", "/api/v1/clients/abc/nothing", 404, ""},
		{"GET", "/api/v1/clients/", 404, ""},
		{"POST", "/api/v1/", 404, ""},
		{"DELETE", "/api/v1/clients", 405, "GET, HEAD, POST"},
		{"PUT", "/api/v1/clients/abc", 405, "GET, HEAD, PATCH"},
		{"POST", "/api/v1/openapi.json", 405, "GET, HEAD"},
		{"GET", "/api/v1/plans/abc/sign", 405, "POST"},
		{"DELETE", "/api/v1/clients/abc/measure-schedule/extra", 404, ""},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			status, header, body := s.call(tc.method, tc.path, desk, "", "")
			if status != tc.status {
				t.Fatalf("%d %s, want %d", status, body, tc.status)
			}
			p := problem(t, header, body)
			if p.Status != tc.status || p.Detail == "" {
				t.Errorf("problem %+v", p)
			}
			if got := header.Get("Allow"); got != tc.allow {
				t.Errorf("Allow %q, want %q", got, tc.allow)
			}
		})
	}
}

// TestAPIRefusesBodiesThatAreNotJSON checks 415 for a body sent as another media type, with
// the header named and Accept-Post or Accept-Patch saying what would be read; only
// application/json (with or without parameters) is read.
func TestAPIRefusesBodiesThatAreNotJSON(t *testing.T) {
	t.Parallel()
	s := newAPIServer(t)
	desk, _ := s.token("desk@example.org", carepath.RoleFrontDesk)
	client := `{"given_name":"Kim","family_name":"Lee","birth_date":"1990-04-02"}`
	for _, tc := range []struct {
		name, method, path, contentType, body string
		status                                int
		accept                                string // the Accept-Post or Accept-Patch header
	}{
		{"text/plain", "POST", "/api/v1/clients", "text/plain", client, 415, "Accept-Post"},
		{"form", "POST", "/api/v1/clients", "application/x-www-form-urlencoded", "given_name=Kim", 415, "Accept-Post"},
		{"placement as text", "POST", "/api/v1/placements", "text/plain; charset=utf-8", `{"answers":{}}`, 415, "Accept-Post"},
		{"json with charset", "POST", "/api/v1/clients", "application/json; charset=utf-8", client, 201, ""},
		{"a +json type", "POST", "/api/v1/clients", "application/vnd.carepath+json", client, 415, "Accept-Post"},
		{"no content type", "POST", "/api/v1/clients", "", client, 415, "Accept-Post"},
		{"plain json", "POST", "/api/v1/clients", "application/json", client, 201, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, header, body := s.call(tc.method, tc.path, desk, tc.contentType, tc.body)
			if status != tc.status {
				t.Fatalf("%d %s, want %d", status, body, tc.status)
			}
			if status != 415 {
				return
			}
			p := problem(t, header, body)
			if len(p.Errors) != 1 || p.Errors[0].Field != "Content-Type" || !strings.Contains(p.Errors[0].Message, "application/json") {
				t.Errorf("errors %+v, want one naming Content-Type", p.Errors)
			}
			if got := header.Get(tc.accept); got != "application/json" {
				t.Errorf("%s %q, want application/json", tc.accept, got)
			}
		})
	}
	id := s.created("/api/v1/clients", desk, client)
	status, header, body := s.call("PATCH", "/api/v1/clients/"+id, desk, "text/plain", `{"version":1,"phone":"555"}`)
	if status != 415 || header.Get("Accept-Patch") != "application/json" {
		t.Errorf("PATCH as text/plain: %d %s (Accept-Patch %q)", status, body, header.Get("Accept-Patch"))
	}
	if _, _, list := s.call("GET", "/api/v1/clients", desk, "", ""); strings.Count(list, `"given_name":"Kim"`) != 3 {
		t.Errorf("the refused bodies stored something, or the accepted ones did not: %s", list)
	}
}

// TestCreateClientRefusesServerFields checks that the fields the server assigns are refused
// by name on create, as the document's closed NewClient schema says.
func TestCreateClientRefusesServerFields(t *testing.T) {
	t.Parallel()
	s := newAPIServer(t)
	desk, _ := s.token("desk@example.org", carepath.RoleFrontDesk)
	for _, field := range []string{`"id":"x"`, `"version":3`, `"created_at":"2026-01-01T00:00:00Z"`} {
		status, header, body := s.call("POST", "/api/v1/clients", desk, "application/json",
			`{"given_name":"Kim","family_name":"Lee","birth_date":"1990-04-02",`+field+`}`)
		name := strings.Trim(strings.Split(field, ":")[0], `"`)
		if status != 400 {
			t.Errorf("%s: %d %s, want 400", field, status, body)
			continue
		}
		if p := problem(t, header, body); !slices.ContainsFunc(p.Errors, func(f carepath.FieldError) bool { return f.Field == name }) {
			t.Errorf("%s: errors %+v do not name %s", field, p.Errors, name)
		}
	}
}
