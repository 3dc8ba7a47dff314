package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/carepath/carepath/internal/api/contract"
	"github.com/carepath/carepath/internal/store"
)

// testServer starts the real server on a fresh SQLite database and returns its URL and store.
// Every exchange under /api/v1/ is checked against the OpenAPI document (contract.Wrap).
func testServer(t testing.TB) (*httptest.Server, *store.Store) {
	t.Helper()
	ctx := context.Background()
	st, closeDB, err := openStore(ctx, filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = closeDB() })
	srv, err := newServer(st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(contract.Wrap(t, srv.Handler()))
	t.Cleanup(ts.Close)
	return ts, st
}

// noRedirect is a client that reports redirects instead of following them.
var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
