package apptest_test

import (
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
)

// wrapped counts the requests the package-level Wrap saw, and order records which wrapper
// saw a request first.
var (
	wrapped atomic.Int64
	order   atomic.Value
)

func init() {
	apptest.Wrap = func(_ testing.TB, h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			wrapped.Add(1)
			order.CompareAndSwap(nil, "package")
			h.ServeHTTP(w, r)
		})
	}
}

// TestWrapAndSignIn checks that the package-level Wrap sees every request outside
// Options.Wrap, that SignIn keeps the session, and that TLS servers sign in too.
func TestWrapAndSignIn(t *testing.T) {
	t.Parallel()
	srv := apptest.StartWith(t, apptest.Options{TLS: true, Wrap: func(_ testing.TB, h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			order.CompareAndSwap(nil, "options")
			h.ServeHTTP(w, r)
		})
	}})
	if !strings.HasPrefix(srv.URL, "https://") {
		t.Fatalf("TLS server at %s", srv.URL)
	}
	apptest.AddStaff(t, srv.Store, "desk@example.org", carepath.RoleFrontDesk)
	c := srv.Client()
	c.CheckRedirect = apptest.NoRedirect.CheckRedirect
	if code, _, _ := apptest.Send(t, c, "GET", srv.URL+"/healthz", nil); code != 200 {
		t.Fatalf("healthz: %d", code)
	}
	if wrapped.Load() == 0 || order.Load() != "package" {
		t.Errorf("package Wrap saw %d requests, first wrapper %v; want it outermost", wrapped.Load(), order.Load())
	}

	plain := apptest.Start(t)
	apptest.AddStaff(t, plain.Store, "desk@example.org", carepath.RoleFrontDesk)
	desk := apptest.SignIn(t, plain.URL, "desk@example.org")
	if code, _, page := desk("GET", "/staff", nil); code != 200 || !strings.Contains(page, "Signed in as") {
		t.Errorf("signed-in home: %d", code)
	}
}
