package app_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
)

// syncBuffer is a log destination the server's goroutines share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// requestLines returns the access-log lines ("msg":"request") of a JSON log.
func requestLines(t *testing.T, log string) []map[string]any {
	t.Helper()
	var lines []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(log), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("log line is not JSON: %q", l)
		}
		if m["msg"] == "request" {
			lines = append(lines, m)
		}
	}
	return lines
}

// TestRequestLogHoldsNoClientIDNorQuery lists a client's notes through the API with the
// client's id in the path and a query string, and a missing client's: the access log names the route pattern,
// the status, the duration, the bytes and, for the 404, the error code, and never the id or the
// query.
func TestRequestLogHoldsNoClientIDNorQuery(t *testing.T) {
	t.Parallel()
	var buf syncBuffer
	srv := apptest.StartWith(t, apptest.Options{Log: slog.New(slog.NewJSONHandler(&buf, nil))})
	c := apptest.SeedChart(t, srv.Store)
	tok, _ := apptest.Token(t, srv.Store, "reader@example.org", carepath.RoleAdmin)

	if status, body := apptest.API(t, http.MethodGet, srv.URL+"/api/v1/clients/"+c.Client.ID+"/notes?status=draft", tok, ""); status != http.StatusOK {
		t.Fatalf("read chart: %d %s", status, body)
	}
	missing := "0190b3b0-0000-7000-8000-000000000000"
	if status, _ := apptest.API(t, http.MethodGet, srv.URL+"/api/v1/clients/"+missing+"/notes?status=signed", tok, ""); status != http.StatusNotFound {
		t.Fatalf("missing client: %d, want 404", status)
	}
	log := buf.String()
	for _, secret := range []string{c.Client.ID, missing, "Robin", "Lake", "status=", "draft", "signed", "?", tok} {
		if strings.Contains(log, secret) {
			t.Errorf("the log holds %q:\n%s", secret, log)
		}
	}
	lines := requestLines(t, log)
	if len(lines) < 2 {
		t.Fatalf("%d request lines, want 2:\n%s", len(lines), log)
	}
	lines = lines[len(lines)-2:] // the contract check reads the OpenAPI document first
	ok, missed := lines[0], lines[1]
	for _, l := range lines {
		if l["method"] != "GET" || l["route"] != "GET /api/v1/clients/{id}/notes" {
			t.Errorf("line %v: want method GET and route %q", l, "GET /api/v1/clients/{id}/notes")
		}
		if _, ok := l["duration_ms"].(float64); !ok {
			t.Errorf("line %v has no duration_ms", l)
		}
		if b, _ := l["bytes"].(float64); b <= 0 {
			t.Errorf("line %v: bytes %v, want the body's size", l, l["bytes"])
		}
	}
	if ok["status"] != float64(200) || ok["level"] != "INFO" || ok["code"] != nil {
		t.Errorf("the read's line %v: want status 200 at INFO without a code", ok)
	}
	if missed["status"] != float64(404) || missed["level"] != "WARN" || missed["code"] != carepath.ENOTFOUND {
		t.Errorf("the miss's line %v: want status 404 at WARN with code %q", missed, carepath.ENOTFOUND)
	}
}

// TestRequestLogNamesNoPathOfAnUnknownAddress: a request no route matches is logged as
// "unmatched", not by its path.
func TestRequestLogNamesNoPathOfAnUnknownAddress(t *testing.T) {
	t.Parallel()
	var buf syncBuffer
	srv := apptest.StartWith(t, apptest.Options{Log: slog.New(slog.NewJSONHandler(&buf, nil))})
	resp, err := http.Get(srv.URL + "/no/such/page-7f3a")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	log := buf.String()
	if strings.Contains(log, "7f3a") {
		t.Errorf("the log holds the path:\n%s", log)
	}
	lines := requestLines(t, log)
	if len(lines) != 1 || lines[0]["status"] != float64(404) || lines[0]["code"] != carepath.ENOTFOUND {
		t.Fatalf("want one 404 line with code not_found, got %v", lines)
	}
}
