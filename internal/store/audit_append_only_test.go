package store_test

import (
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// TestAuditLogRefusesUpdateAndDelete changes and deletes audit rows straight through the
// database, as someone with the database file or the carepath role might, and expects the
// database itself to refuse every attempt and keep the rows as they were.
func TestAuditLogRefusesUpdateAndDelete(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		clients := store.NewClientService(env.Store)
		mustCreate(t, clients, newTestClient("Ann", "Arden", clinicianA))
		if _, _, err := clients.FindClients(asAdmin, carepath.ClientFilter{}); err != nil {
			t.Fatal(err)
		}
		rows, shown := rowCount(t, env, "audit_log", "1 = 1"), rowCount(t, env, "audit_shown", "1 = 1")
		if rows == 0 || shown == 0 {
			t.Fatalf("audit_log has %d rows, audit_shown %d; want some of each", rows, shown)
		}
		attempts := []string{
			`UPDATE audit_log SET detail = 'nothing happened'`,
			`UPDATE audit_log SET allowed = NOT allowed WHERE action = 'client.create'`,
			`DELETE FROM audit_log WHERE action = 'client.list'`,
			`DELETE FROM audit_log`,
			`UPDATE audit_shown SET client_id = 'someone-else'`,
			`DELETE FROM audit_shown`,
		}
		if env.Engine == "postgres" {
			attempts = append(attempts, `TRUNCATE audit_shown`, `TRUNCATE audit_log CASCADE`)
		}
		for _, q := range attempts {
			if _, err := env.Write.Exec(q); err == nil {
				t.Errorf("%s: the database allowed it", q)
			}
		}
		if n := rowCount(t, env, "audit_log", "1 = 1"); n != rows {
			t.Errorf("audit_log has %d rows after the attempts, want %d", n, rows)
		}
		if n := rowCount(t, env, "audit_shown", "1 = 1"); n != shown {
			t.Errorf("audit_shown has %d rows after the attempts, want %d", n, shown)
		}
		if n := rowCount(t, env, "audit_log", "detail = 'nothing happened'"); n != 0 {
			t.Errorf("%d audit rows were changed", n)
		}
	})
}
