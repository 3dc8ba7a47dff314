//go:build crash

package crash

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// recordTables are the tables the workload writes, each with its audited record's prefix:
// every row must have an allowed audit row naming it (written in the same transaction), and
// every acknowledged write must have its row.
var recordTables = map[string]string{
	"client":  "clients",
	"episode": "episodes",
	"measure": "measures",
	"note":    "notes",
	"session": "care_sessions",
}

// querier is a database or a transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// check compares the database after a crash with every write acknowledged so far, and returns
// what is wrong, one line each. db must be one snapshot (a transaction): with PostgreSQL, a
// commit the killed server sent just before it died may still land while the check reads.
func check(ctx context.Context, db querier, acks []ack) ([]string, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	var problems []string
	audited := map[string]bool{}          // record ids with an allowed audit row
	auditedClient := map[[2]string]bool{} // (record id, client id) pairs
	rows, err := db.QueryContext(ctx, `SELECT record_id, client_id FROM audit_log WHERE allowed = TRUE`)
	if err != nil {
		return nil, fmt.Errorf("read audit log: %w", err)
	}
	for rows.Next() {
		var id, client sql.NullString
		if err := rows.Scan(&id, &client); err != nil {
			rows.Close()
			return nil, err
		}
		audited[id.String] = true
		auditedClient[[2]string{id.String, client.String}] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	present := map[string]map[string]bool{}
	for kind, table := range recordTables {
		ids, err := column(ctx, db, `SELECT id FROM `+table)
		if err != nil {
			return nil, err
		}
		present[kind] = map[string]bool{}
		for _, id := range ids {
			present[kind][id] = true
			if !audited[id] {
				problems = append(problems, fmt.Sprintf("half-write: %s %s is stored without its audit row", kind, id))
			}
		}
	}
	attendance := map[[2]string]bool{}
	rows, err = db.QueryContext(ctx, `SELECT occurrence_id, client_id FROM attendance`)
	if err != nil {
		return nil, fmt.Errorf("read attendance: %w", err)
	}
	for rows.Next() {
		var occ, client string
		if err := rows.Scan(&occ, &client); err != nil {
			rows.Close()
			return nil, err
		}
		attendance[[2]string{occ, client}] = true
		if !auditedClient[[2]string{occ, client}] {
			problems = append(problems, fmt.Sprintf("half-write: attendance of session %s is stored without its audit row", occ))
		}
	}
	rows.Close()
	versions := map[string]int{}
	rows, err = db.QueryContext(ctx, `SELECT occurrence_id, version FROM attendance_sheets`)
	if err != nil {
		return nil, fmt.Errorf("read attendance sheets: %w", err)
	}
	for rows.Next() {
		var occ string
		var v int
		if err := rows.Scan(&occ, &v); err != nil {
			rows.Close()
			return nil, err
		}
		versions[occ] = v
	}
	rows.Close()
	for _, a := range acks {
		switch a.Kind {
		case "attendance":
			if !attendance[[2]string{a.ID, a.ClientID}] || versions[a.ID] < a.Version {
				problems = append(problems, fmt.Sprintf("lost: acknowledged attendance of session %s (version %d; stored %d)", a.ID, a.Version, versions[a.ID]))
			}
		default:
			if !present[a.Kind][a.ID] {
				problems = append(problems, fmt.Sprintf("lost: acknowledged %s %s", a.Kind, a.ID))
			}
		}
	}
	return problems, nil
}

// column reads the first column of a query's rows as strings.
func column(ctx context.Context, db querier, query string) ([]string, error) {
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", query, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// sqliteIntegrity runs SQLite's own checks: integrity_check must say "ok" and
// foreign_key_check must find nothing.
func sqliteIntegrity(ctx context.Context, db *sql.DB) []string {
	var problems []string
	lines, err := column(ctx, db, `PRAGMA integrity_check`)
	if err != nil {
		return []string{err.Error()}
	}
	if len(lines) != 1 || lines[0] != "ok" {
		problems = append(problems, "integrity_check: "+strings.Join(lines, "; "))
	}
	rows, err := db.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return append(problems, err.Error())
	}
	defer rows.Close()
	if rows.Next() {
		problems = append(problems, "foreign_key_check found rows that refer to nothing")
	}
	return problems
}
