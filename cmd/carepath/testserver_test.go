package main

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// testServer starts the real server on a fresh SQLite database and returns its URL and store.
// Every exchange under /api/v1/ is checked against the OpenAPI document (apptest does it).
func testServer(t testing.TB) (*httptest.Server, *store.Store) {
	t.Helper()
	srv := apptest.Start(t)
	return srv.Server, srv.Store
}

// noRedirect is a client that reports redirects instead of following them.
var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
