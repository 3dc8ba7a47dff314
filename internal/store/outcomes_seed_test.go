package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"
)

// outcomeSeed collects the rows of an outcomes dataset and writes them by SQL in one
// transaction, several rows a statement, so that a large dataset seeds in seconds on both
// engines. Ids are deterministic (seedID), so are the rows.
type outcomeSeed struct {
	at        time.Time
	n         int
	clients   [][]any
	programs  [][]any
	episodes  [][]any
	transfers [][]any
	measures  [][]any
}

// seedID is the n-th deterministic id of kind k (a well-formed UUID).
func seedID(k, n int) string { return fmt.Sprintf("00000000-0000-7000-8%03d-%012d", k, n) }

func newOutcomeSeed() *outcomeSeed {
	return &outcomeSeed{at: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)}
}

// program adds a program at level in time zone tz and returns its id.
func (s *outcomeSeed) program(level, tz string) string {
	s.n++
	id := seedID(1, s.n)
	s.programs = append(s.programs, []any{id, "Program " + id[len(id)-4:], level, tz, 540, s.at})
	return id
}

// client adds a client and returns its id.
func (s *outcomeSeed) client() string {
	s.n++
	id := seedID(2, s.n)
	s.clients = append(s.clients, []any{id, 1, "Client", "Seed", "1990-01-01", s.at, s.at})
	return id
}

// episode adds an episode of client in program admitted at level on admitted; discharged is
// "" while open.
func (s *outcomeSeed) episode(client, program, level, admitted, discharged, reason string) string {
	s.n++
	id := seedID(3, s.n)
	status := "open"
	if discharged != "" {
		status = "discharged"
	}
	s.episodes = append(s.episodes, []any{id, client, program, level, admitted, status, discharged, reason, 1, s.at, s.at})
	return id
}

// transfer adds episode's seq-th transfer from one level to another on day on.
func (s *outcomeSeed) transfer(episode string, seq int, from, to, on string) {
	s.n++
	dir := "step_down"
	if levelRank(to) > levelRank(from) {
		dir = "step_up"
	}
	s.transfers = append(s.transfers, []any{seedID(4, s.n), episode, seq, from, to, on, dir, "seeded", s.at})
}

func levelRank(l string) int { return strings.Index("outpatient iop php", l) }

// measure adds a measure of client on instrument with total score at instant at.
func (s *outcomeSeed) measure(client, inst string, score int, at time.Time) {
	s.n++
	s.measures = append(s.measures, []any{seedID(5, s.n), client, "", inst, "[]", "[]", score, "", 0, at, "staff", "seed", at})
}

// write inserts every row in one transaction on db.
func (s *outcomeSeed) write(tb testing.TB, db *sql.DB) {
	tb.Helper()
	ctx := context.Background()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	for _, t := range []struct {
		table string
		cols  string
		rows  [][]any
	}{
		{"clients", "id, version, given_name, family_name, birth_date, created_at, updated_at", s.clients},
		{"programs", "id, name, level, time_zone, min_minutes_per_week, created_at", s.programs},
		{"episodes", "id, client_id, program_id, level, admitted_on, status, discharged_on, discharge_reason, version, created_at, updated_at", s.episodes},
		{"episode_transfers", "id, episode_id, seq, from_level, to_level, transferred_on, direction, reason, created_at", s.transfers},
		{"measures", "id, client_id, episode_id, instrument, answers, points, score, severity, item9, taken_at, source, entered_by, created_at", s.measures},
	} {
		if err := insertRows(ctx, tx, t.table, t.cols, t.rows); err != nil {
			tb.Fatalf("seed %s: %v", t.table, err)
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
}

// insertRows inserts rows into table, up to 60 rows a statement (SQLite looks each $N up in
// a list, so much longer statements cost more than they save).
func insertRows(ctx context.Context, tx *sql.Tx, table, cols string, rows [][]any) error {
	const batch = 60
	for len(rows) > 0 {
		n := min(batch, len(rows))
		var q strings.Builder
		fmt.Fprintf(&q, "INSERT INTO %s (%s) VALUES ", table, cols)
		args := make([]any, 0, n*len(rows[0]))
		for i, r := range rows[:n] {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString("(")
			for j := range r {
				if j > 0 {
					q.WriteString(", ")
				}
				fmt.Fprintf(&q, "$%d", len(args)+j+1)
			}
			q.WriteString(")")
			args = append(args, r...)
		}
		if _, err := tx.ExecContext(ctx, q.String(), args...); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}
