package apptest

import (
	"context"
	"database/sql"
	"testing"
)

// HoldWriter takes every connection of the server's writer (SQLite's one, each of
// PostgreSQL's pool), so that no call can write until release is called (or the test ends):
// the writer saturated, for real.
func HoldWriter(t testing.TB, s *Server) (release func()) {
	t.Helper()
	n := s.DB.Stats().MaxOpenConnections
	if n <= 0 {
		t.Fatal("apptest: the writer has no connection limit to saturate")
	}
	conns := make([]*sql.Conn, 0, n)
	for range n {
		c, err := s.DB.Conn(context.Background())
		if err != nil {
			t.Fatalf("apptest: hold the writer: %v", err)
		}
		conns = append(conns, c)
	}
	released := false
	release = func() {
		if !released {
			released = true
			for _, c := range conns {
				c.Close()
			}
		}
	}
	t.Cleanup(release)
	return release
}
