package web

import (
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

// TestBusyPageKeepsTheForm: a posted form whose call the database could not take is answered
// 503 with Retry-After, and the page holds the form, every field but the secrets, posting to
// the same address.
func TestBusyPageKeepsTheForm(t *testing.T) {
	s, err := New(Server{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	form := url.Values{"body": {`Met with <b>"Robin"</b> & family`}, "minutes": {"50"}, "password": {"hunter2-secret"}, "code": {"123456"}}
	r := httptest.NewRequest(http.MethodPost, "/staff/notes/new", strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if err := r.ParseForm(); err != nil {
		t.Fatal(err)
	}
	w := httptest.NewRecorder()
	s.fail(w, r, "save note", carepath.Unavailable(errors.New("writer busy")), errorPage{})
	body := w.Body.String()
	if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" {
		t.Fatalf("status %d, Retry-After %q: want 503 with Retry-After", w.Code, w.Header().Get("Retry-After"))
	}
	for _, want := range []string{`action="/staff/notes/new"`, `name="body" value="Met with &lt;b&gt;&#34;Robin&#34;&lt;/b&gt; &amp; family"`,
		`name="minutes" value="50"`, "Try again", "has not been saved yet"} {
		if !strings.Contains(body, want) {
			t.Errorf("the busy page lacks %s:\n%s", want, body)
		}
	}
	for _, secret := range []string{"hunter2-secret", "123456", `name="password"`} {
		if strings.Contains(body, secret) {
			t.Errorf("the busy page holds the secret %q", secret)
		}
	}

	get := httptest.NewRequest(http.MethodGet, "/staff/clients", nil)
	w = httptest.NewRecorder()
	s.fail(w, get, "list clients", carepath.Unavailable(errors.New("writer busy")), errorPage{})
	if w.Code != http.StatusServiceUnavailable || strings.Contains(w.Body.String(), "<form") {
		t.Errorf("a page read while busy: %d, want 503 with no form", w.Code)
	}
}
