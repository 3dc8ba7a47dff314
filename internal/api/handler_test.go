package api

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/carepath/carepath"
)

// tokenStaff accepts the one token "good" as a clinician; every other method of the staff
// service is left unimplemented (the helpers call none).
type tokenStaff struct{ carepath.StaffService }

func (tokenStaff) AuthenticateToken(_ context.Context, token string) (*carepath.Staff, error) {
	if token != "good" {
		return nil, carepath.Errorf(carepath.EUNAUTHORIZED, "The token is not valid.")
	}
	return &carepath.Staff{ID: "s1", Role: carepath.RoleClinician}, nil
}

// echoBody is the body the test handler decodes.
type echoBody struct {
	Text string `json:"text"`
}

// TestServeJSON holds serveJSON and serveJSONBody to the behaviour the hand-written handlers
// had: 401 with the Bearer challenge before the body is read, problem details for decode and
// service errors, the given status and JSON on success, and the actor in the context.
func TestServeJSON(t *testing.T) {
	a := &API{Services: carepath.Services{Staff: tokenStaff{}}, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	called := false
	withBody := func(w http.ResponseWriter, r *http.Request) {
		serveJSONBody(a, w, r, http.StatusCreated, func(ctx context.Context, in echoBody) (echoBody, error) {
			called = true
			if act, ok := carepath.ActorFrom(ctx); !ok || act.ID != "s1" {
				return echoBody{}, errors.New("no actor in the context")
			}
			if in.Text == "conflict" {
				return echoBody{}, carepath.Errorf(carepath.ECONFLICT, "Stale.")
			}
			w.Header().Set("Location", "/api/v1/echo/1")
			return in, nil
		})
	}
	noBody := func(w http.ResponseWriter, r *http.Request) {
		serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (*echoBody, error) {
			if r.URL.Query().Get("bad") != "" {
				return nil, invalidQuery("bad", "must be empty")
			}
			return &echoBody{Text: "ok"}, nil
		})
	}
	for _, tc := range []struct {
		name, token, body, query string
		handler                  http.HandlerFunc
		status                   int
		challenge, called        bool
		want                     string // a substring of the answer
	}{
		{name: "no token", body: `{"text":"x"}`, handler: withBody, status: 401, challenge: true, want: `"status":401`},
		{name: "wrong token", token: "bad", body: `{"text":"x"}`, handler: withBody, status: 401, challenge: true},
		{name: "created", token: "good", body: `{"text":"x"}`, handler: withBody, status: 201, called: true, want: `{"text":"x"}`},
		{name: "unknown field", token: "good", body: `{"nope":1}`, handler: withBody, status: 400, want: `"field":"nope"`},
		{name: "empty body", token: "good", handler: withBody, status: 400, want: `"field":"body"`},
		{name: "too large", token: "good", body: `{"text":"` + strings.Repeat("x", maxJSONBody) + `"}`, handler: withBody, status: 413},
		{name: "service error", token: "good", body: `{"text":"conflict"}`, handler: withBody, status: 409, called: true},
		{name: "no body", token: "good", handler: noBody, status: 200, want: `{"text":"ok"}`},
		{name: "bad query", token: "good", query: "?bad=1", handler: noBody, status: 400, want: `"field":"bad"`},
		{name: "no body, no token", handler: noBody, status: 401, challenge: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			called = false
			r := httptest.NewRequest(http.MethodPost, "/api/v1/echo"+tc.query, strings.NewReader(tc.body))
			r.Header.Set("Content-Type", "application/json")
			if tc.token != "" {
				r.Header.Set("Authorization", "Bearer "+tc.token)
			}
			w := httptest.NewRecorder()
			tc.handler(w, r)
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.status, w.Body)
			}
			if got := w.Header().Get("WWW-Authenticate") != ""; got != tc.challenge {
				t.Errorf("WWW-Authenticate %q, want one: %v", w.Header().Get("WWW-Authenticate"), tc.challenge)
			}
			if called != tc.called {
				t.Errorf("service called: %v, want %v", called, tc.called)
			}
			wantType := "application/json"
			if tc.status >= 400 {
				wantType = "application/problem+json"
				var p Problem
				if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil || p.Status != tc.status {
					t.Errorf("problem %+v (%v), want status %d", p, err, tc.status)
				}
			}
			if ct := w.Header().Get("Content-Type"); ct != wantType {
				t.Errorf("Content-Type %q, want %q", ct, wantType)
			}
			if cc := w.Header().Get("Cache-Control"); cc != "no-store" {
				t.Errorf("Cache-Control %q, want no-store", cc)
			}
			if loc := w.Header().Get("Location"); (loc != "") != (tc.status == 201) {
				t.Errorf("Location %q on a %d", loc, tc.status)
			}
			if !strings.Contains(w.Body.String(), tc.want) {
				t.Errorf("answer %s, want it to hold %s", w.Body, tc.want)
			}
		})
	}
}

// TestLimitOffset checks the ?limit= and ?offset= reading that the clients list and the audit
// log share.
func TestLimitOffset(t *testing.T) {
	for _, tc := range []struct {
		query         string
		limit, offset int
		badField      string
	}{
		{query: "", limit: 7, offset: 9},
		{query: "limit=5&offset=10", limit: 5, offset: 10},
		{query: "offset=3", limit: 7, offset: 3},
		{query: "limit=x&offset=y", limit: 7, offset: 9, badField: "limit"},
		{query: "limit=2&offset=1.5", limit: 2, offset: 9, badField: "offset"},
	} {
		q, _ := url.ParseQuery(tc.query)
		limit, offset := 7, 9
		err := limitOffset(q, &limit, &offset)
		if limit != tc.limit || offset != tc.offset {
			t.Errorf("%q: limit %d offset %d, want %d %d", tc.query, limit, offset, tc.limit, tc.offset)
		}
		fields := carepath.ErrorFields(err)
		switch {
		case tc.badField == "" && err != nil:
			t.Errorf("%q: %v", tc.query, err)
		case tc.badField != "" && (carepath.ErrorCode(err) != carepath.EINVALID || len(fields) != 1 || fields[0].Field != tc.badField):
			t.Errorf("%q: error %v fields %+v, want EINVALID naming %s", tc.query, err, fields, tc.badField)
		}
	}
}
