package store_test

import (
	"context"
	"database/sql"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// TestWriteAfterTheServerDroppedItsConnections ends, from another session, every idle
// connection of the store's PostgreSQL pool (as a server restart does): the next write still
// succeeds, on a new connection, instead of failing on a dead one.
func TestWriteAfterTheServerDroppedItsConnections(t *testing.T) {
	t.Parallel()
	env := storetest.Postgres(t)
	ctx := carepath.NewContext(context.Background(), carepath.Actor{ID: "cli:test", Role: carepath.RoleSystem, Remote: "cli"})
	clients := store.NewClientService(env.Store)
	if err := clients.CreateClient(ctx, &carepath.Client{GivenName: "Robin", FamilyName: "Lake", BirthDate: "1990-04-02"}); err != nil {
		t.Fatal(err)
	}
	var pids []int
	var held []*sql.Conn
	for range 2 { // the pool keeps two idle connections
		c, err := env.Write.Conn(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		var pid int
		if err := c.QueryRowContext(context.Background(), `SELECT pg_backend_pid()`).Scan(&pid); err != nil {
			t.Fatal(err)
		}
		pids, held = append(pids, pid), append(held, c)
	}
	for _, c := range held {
		c.Close()
	}
	other, err := sql.Open("pgx", env.DSN)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	for _, pid := range pids {
		if _, err := other.Exec(`SELECT pg_terminate_backend($1)`, pid); err != nil {
			t.Fatal(err)
		}
	}
	if err := clients.CreateClient(ctx, &carepath.Client{GivenName: "Sky", FamilyName: "Lake", BirthDate: "1991-05-03"}); err != nil {
		t.Fatalf("write after the server ended the pool's connections: %v", err)
	}
}
