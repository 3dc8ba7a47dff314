package httpserver_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/carepath/carepath/internal/httpserver"
)

// fakeBatch stands in for the store's audit batch: it counts commits and records how much of
// the response had reached the client when it was committed.
type fakeBatch struct {
	rec          *httptest.ResponseRecorder
	commits      int
	sentAtCommit int
	err          error
}

func (f *fakeBatch) begin(ctx context.Context) (context.Context, func() error) {
	return ctx, func() error {
		f.commits++
		f.sentAtCommit = f.rec.Body.Len()
		if f.rec.Code != 200 || f.rec.Flushed {
			f.sentAtCommit = -1 // a status was already sent
		}
		return f.err
	}
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// TestAuditGateHoldsResponseUntilCommitted checks that the request's audit batch is committed
// once, before the first byte or status of the response, whether the handler writes a header,
// a body, flushes or writes nothing.
func TestAuditGateHoldsResponseUntilCommitted(t *testing.T) {
	t.Parallel()
	handlers := map[string]http.HandlerFunc{
		"header and body": func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusCreated)
			w.Write([]byte("Robin Lake"))
			w.Write([]byte(", again"))
		},
		"body only": func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "Robin Lake") },
		"flush":     func(w http.ResponseWriter, r *http.Request) { w.(http.Flusher).Flush(); io.WriteString(w, "x") },
		"nothing":   func(w http.ResponseWriter, r *http.Request) {},
	}
	for name, h := range handlers {
		rec := httptest.NewRecorder()
		f := &fakeBatch{rec: rec}
		httpserver.AuditGate(quiet, f.begin, h).ServeHTTP(rec, httptest.NewRequest("GET", "/staff/clients/1", nil))
		if f.commits != 1 || f.sentAtCommit != 0 {
			t.Errorf("%s: %d commits, %d bytes sent before the commit; want 1 commit before anything", name, f.commits, f.sentAtCommit)
		}
	}
}

// TestAuditGateWithholdsResponseWhenCommitFails checks that when the audit rows cannot be
// committed, nothing the handler wrote reaches the client: 503 with Retry-After instead, as
// problem+json under /api/.
func TestAuditGateWithholdsResponseWhenCommitFails(t *testing.T) {
	t.Parallel()
	for _, path := range []string{"/staff/clients/1", "/api/v1/clients/1"} {
		rec := httptest.NewRecorder()
		f := &fakeBatch{rec: rec, err: errors.New("disk full")}
		var writeErr error
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("ETag", `"7"`)
			_, writeErr = w.Write([]byte(`{"given_name":"Robin"}`))
			w.Write([]byte("more"))
		})
		httpserver.AuditGate(quiet, f.begin, h).ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		body := rec.Body.String()
		if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" || strings.Contains(body, "Robin") || strings.Contains(body, "more") {
			t.Errorf("%s: %d %q %v; want 503 with Retry-After and none of the handler's body", path, rec.Code, body, rec.Header())
		}
		if rec.Header().Get("ETag") != "" {
			t.Errorf("%s: the handler's headers went out", path)
		}
		if !errors.Is(writeErr, httpserver.ErrAuditNotCommitted) {
			t.Errorf("%s: the handler's Write returned %v", path, writeErr)
		}
		if strings.HasPrefix(path, "/api/") {
			var p struct {
				Type, Title, Detail string
				Status              int
			}
			if rec.Header().Get("Content-Type") != "application/problem+json" || json.Unmarshal(rec.Body.Bytes(), &p) != nil || p.Status != 503 || p.Detail == "" {
				t.Errorf("%s: not a problem+json 503: %q", path, body)
			}
		}
	}
}
