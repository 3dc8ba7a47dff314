// Package apptest starts a whole carepath server for tests in any package: the handler
// internal/app builds (web pages, JSON API, health check) over a fresh database, on a loopback
// port, closed when the test ends.
//
//	srv := apptest.Start(t)                           // a fresh SQLite file in t.TempDir()
//	srv := apptest.StartWith(t, apptest.Options{Engine: apptest.Postgres}) // skips without CAREPATH_TEST_POSTGRES
//	apptest.AddStaff(t, srv.Store, "ana@example.org", carepath.RoleClinician)
//	ana := apptest.SignIn(t, srv.URL, "ana@example.org") // a browser with a signed-in session
//	code, location, page := ana("GET", "/staff", nil)
//	token, _ := apptest.Token(t, srv.Store, "api@example.org", carepath.RoleAdmin)
//	code, body := apptest.API(t, "GET", srv.URL+"/api/v1/clients", token, "")
//
// Every server is independent (its own database, sessions and rate limits), so a test that
// starts one may call t.Parallel.
//
// Every exchange under /api/v1/ with every server is checked against the OpenAPI document the
// server itself serves (contract.Wrap): a response the document does not allow fails the test.
// A test that must see every exchange for another reason wraps the handler too: per server
// with Options.Wrap, or for every server of its package by setting Wrap once, in TestMain or
// an init function, before any test starts.
package apptest

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/api/contract"
	"github.com/carepath/carepath/internal/app"
	"github.com/carepath/carepath/internal/httpserver"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// Wrap, when not nil, wraps the handler of every server Start and StartWith start, outside
// Options.Wrap and inside the contract check. Set it before any test starts (TestMain or init)
// and never change it after: servers of parallel tests read it.
var Wrap func(testing.TB, http.Handler) http.Handler

// The engines a server can run on.
const (
	SQLite   = "sqlite"
	Postgres = "postgres" // needs CAREPATH_TEST_POSTGRES; the test skips without it
)

// Options change how StartWith starts a server. The zero value is what Start uses.
type Options struct {
	// Engine is SQLite (the default) or Postgres.
	Engine string
	// Wrap, when not nil, wraps the handler (inside the package-level Wrap): a recorder, a
	// fault injector.
	Wrap func(testing.TB, http.Handler) http.Handler
	// TLS serves HTTPS with httptest's certificate; Server.Client trusts it.
	TLS bool
	// SignInIdle ends sign-in sessions after that long without a request (0: the default).
	SignInIdle time.Duration
	// Log receives the server's log (nil: discarded).
	Log *slog.Logger
	// TrustedProxies is app.Config's, as text: the peers whose X-Forwarded-* headers are
	// believed (the test client's own 127.0.0.1 plays the proxy).
	TrustedProxies string
	// Config is the rest of the server's configuration (base URL, mail server, webhook,
	// escalation delay); its Log, SignInIdle and TrustedProxies are the fields above. With an
	// empty BaseURL, links follow the request's host and the outbox's emails start with the
	// server's own address.
	Config app.Config
	// Worker runs the outbox worker beside the server, stopped when the test ends.
	Worker bool
}

// Server is a running carepath server and what tests reach below its handler.
type Server struct {
	*httptest.Server                   // URL, Client, Close
	Store            *store.Store      // the store the handler's services run on
	Services         carepath.Services // the same services the handler uses, for seeding
	// DB is the writer of the server's database, for checking rows no service returns (the
	// audit log, sign-in sessions) and for ageing rows a test cannot wait for.
	DB     *sql.DB
	Engine string
	// App is the application the server runs: its outbox worker can be ticked by hand.
	App *app.App
}

// lateHandler serves the handler set after the listener exists (the base URL of the server's
// own links needs the listener's address before the application is built).
type lateHandler struct{ h http.Handler }

func (l *lateHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) { l.h.ServeHTTP(w, r) }

// Start starts a server on a fresh SQLite database. See StartWith.
func Start(t testing.TB) *Server {
	t.Helper()
	return StartWith(t, Options{})
}

// StartWith starts a server as o says, on a fresh database (a new SQLite file in t.TempDir(),
// or a new PostgreSQL schema), and closes both when the test ends.
func StartWith(t testing.TB, o Options) *Server {
	t.Helper()
	var env *storetest.Env
	switch o.Engine {
	case "", SQLite:
		env = storetest.SQLite(t)
	case Postgres:
		env = storetest.Postgres(t)
	default:
		t.Fatalf("apptest: unknown engine %q", o.Engine)
	}
	log := o.Log
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	proxies, err := httpserver.ParseProxies(o.TrustedProxies)
	if err != nil {
		t.Fatalf("apptest: %v", err)
	}
	cfg := o.Config
	cfg.Log, cfg.SignInIdle, cfg.TrustedProxies = log, o.SignInIdle, proxies
	if cfg.WriteWait == 0 {
		// Test servers share two cores with the whole suite: a write waits long for the writer
		// there without its being saturated. Tests of saturation set a short wait themselves.
		cfg.WriteWait = 30 * time.Second
	}
	var h http.Handler
	base := &lateHandler{}
	ts := httptest.NewUnstartedServer(base)
	a, err := app.New(env.Store, cfg)
	if err != nil {
		t.Fatalf("apptest: %v", err)
	}
	if cfg.BaseURL == "" {
		scheme := "http://"
		if o.TLS {
			scheme = "https://"
		}
		a.Outbox.BaseURL = scheme + ts.Listener.Addr().String()
	}
	h = a.Handler
	if o.Wrap != nil {
		h = o.Wrap(t, h)
	}
	if Wrap != nil {
		h = Wrap(t, h)
	}
	h = contract.Wrap(t, h)
	base.h = h
	if o.TLS {
		ts.StartTLS()
	} else {
		ts.Start()
	}
	t.Cleanup(ts.Close)
	if o.Worker {
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { a.Run(ctx); close(done) }()
		t.Cleanup(func() { cancel(); <-done })
	}
	return &Server{Server: ts, Store: env.Store, Services: a.Services, DB: env.Write, Engine: env.Engine, App: a}
}

// SystemActor is who tests act as when they seed data below the pages: the command line
// (RoleSystem), as carepath's own commands do.
var SystemActor = carepath.Actor{ID: "cli:apptest", Role: carepath.RoleSystem, Remote: "cli"}

// System returns a context carrying SystemActor.
func System() context.Context {
	return carepath.NewContext(context.Background(), SystemActor)
}

// As returns a context carrying the actor of staff member s, acting from the command line.
func As(s *carepath.Staff) context.Context {
	return carepath.NewContext(context.Background(), s.Actor("cli"))
}
