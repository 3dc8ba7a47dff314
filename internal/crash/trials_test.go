//go:build crash

package crash

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"
)

// The harness's settings, from the environment: CAREPATH_CRASH_TRIALS trials per engine
// (default 100) and CAREPATH_CRASH_WRITERS concurrent writers (default 4).
func setting(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// engine is a database the trials run on.
type engine struct {
	name string
	dsn  string
	// open opens the database for the checks (after the server was killed).
	open func() (*sql.DB, error)
	// integrity runs the engine's own consistency checks.
	integrity func(ctx context.Context, db *sql.DB) []string
	// crashServer, when not nil, stops the database server itself at once (an immediate
	// shutdown) and restart starts it again; it is used in every third trial.
	crashServer, restart func() error
}

// TestCrashSQLite runs the trials on a SQLite file.
func TestCrashSQLite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "carepath.db")
	runTrials(t, dir, engine{
		name: "sqlite", dsn: path,
		open:      func() (*sql.DB, error) { return sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)") },
		integrity: sqliteIntegrity,
	})
}

// TestCrashPostgres runs the trials on a private PostgreSQL cluster the test starts (initdb
// and pg_ctl, on a port of its own), stopping the cluster itself with an immediate shutdown
// in every third trial.
func TestCrashPostgres(t *testing.T) {
	dir := t.TempDir()
	pg := startCluster(t)
	runTrials(t, dir, engine{
		name: "postgres", dsn: pg.dsn,
		open:      func() (*sql.DB, error) { return sql.Open("pgx", pg.dsn) },
		integrity: pg.amcheck,
		crashServer: func() error {
			return pg.ctl("-m", "immediate", "stop")
		},
		restart: pg.start,
	})
}

// trialResult is one trial, for the report.
type trialResult struct {
	Trial        int           `json:"trial"`
	KillAfter    time.Duration `json:"kill_after"`
	ServerCrash  bool          `json:"database_server_crashed"`
	Acknowledged int           `json:"acknowledged_so_far"`
	Problems     []string      `json:"problems,omitempty"`
}

// runTrials runs the trials on e: set up staff, tokens and a program, then, in each trial,
// start the server, write concurrently, kill it (and, on a server engine, sometimes the
// database server) at a random moment, and check the database.
func runTrials(t *testing.T, dir string, e engine) {
	trials := setting("CAREPATH_CRASH_TRIALS", 100)
	writers := setting("CAREPATH_CRASH_WRITERS", 4)
	bin := buildCarepath(t, dir)
	started := time.Now()
	tk := setUp(t, bin, e.dsn)
	if _, errOut, err := cliResult(bin, "", "audit", "verify", "--db", e.dsn); err != nil && strings.Contains(errOut, "unknown command") {
		t.Logf("carepath has no `audit verify` command: the audit chain is not checked")
	} else {
		t.Logf("the audit chain is checked with `carepath audit verify` after every trial")
	}
	l := &ledger{}
	var results []trialResult
	failed := 0
	for i := range trials {
		r := trialResult{Trial: i + 1, KillAfter: time.Duration(50+rand.IntN(1200)) * time.Millisecond}
		r.ServerCrash = e.crashServer != nil && i%3 == 2
		srv, err := startServer(t, bin, e.dsn)
		if err != nil {
			t.Fatalf("trial %d: restart after the crash: %v", i+1, err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		var wg sync.WaitGroup
		for range writers {
			wg.Add(1)
			go func() { defer wg.Done(); writer(ctx, srv.base, tk, l) }()
		}
		time.Sleep(r.KillAfter)
		if r.ServerCrash {
			if err := e.crashServer(); err != nil {
				t.Fatalf("trial %d: stop the database server: %v", i+1, err)
			}
		}
		srv.kill()
		cancel()
		wg.Wait()
		if r.ServerCrash {
			if err := e.restart(); err != nil {
				t.Fatalf("trial %d: restart the database server: %v", i+1, err)
			}
		}
		acks := l.all()
		r.Acknowledged = len(acks)
		r.Problems = checkAfterCrash(t, e, bin, acks)
		if len(r.Problems) > 0 {
			failed++
			t.Errorf("trial %d (killed after %v, database server crashed: %v):\n  %s", i+1, r.KillAfter, r.ServerCrash, strings.Join(r.Problems, "\n  "))
		}
		results = append(results, r)
	}
	took := time.Since(started)
	counts := map[string]int{}
	for _, a := range l.all() {
		counts[a.Kind]++
	}
	summary := fmt.Sprintf("%s: %d trials, %d failed, %d writers, %d writes sent, %d acknowledged (%v), %d not acknowledged, %d database-server crashes, %s",
		e.name, trials, failed, writers, l.sent.Load(), len(l.all()), counts, l.fails.Load(), serverCrashes(results), took.Round(time.Second))
	t.Log(summary)
	if v := errUnexpected.Load(); v != nil {
		t.Logf("first unexpected 4xx (a workload bug, not a crash-safety failure): %v", v)
	}
	if out := os.Getenv("CAREPATH_CRASH_REPORT"); out != "" {
		b, _ := json.MarshalIndent(map[string]any{"summary": summary, "trials": results}, "", " ")
		if err := os.WriteFile(filepath.Join(out, e.name+".json"), b, 0o644); err != nil {
			t.Error(err)
		}
	}
	if len(l.all()) == 0 {
		t.Fatal("no write was ever acknowledged: the workload never ran")
	}
	// The checks can fail: a write acknowledged but never made is reported lost.
	if p := checkAfterCrash(t, e, bin, append(l.all(), ack{Kind: "note", ID: "0190d2c5-8d5a-7c4e-9e2b-000000000000"})); len(p) != 1 || !strings.HasPrefix(p[0], "lost: acknowledged note") {
		t.Errorf("the check does not report a lost write: %v", p)
	}
}

func serverCrashes(rs []trialResult) int {
	n := 0
	for _, r := range rs {
		if r.ServerCrash {
			n++
		}
	}
	return n
}

// checkAfterCrash opens the database the killed server left and checks it, then verifies the
// audit chain when carepath has `audit verify`.
func checkAfterCrash(t *testing.T, e engine, bin string, acks []ack) []string {
	db, err := e.open()
	if err != nil {
		return []string{"open: " + err.Error()}
	}
	defer db.Close()
	ctx := context.Background()
	var opts *sql.TxOptions // SQLite: a read transaction is one snapshot
	if e.name == "postgres" {
		opts = &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
	}
	tx, err := db.BeginTx(ctx, opts)
	if err != nil {
		return []string{"begin: " + err.Error()}
	}
	problems, err := check(ctx, tx, acks)
	tx.Rollback()
	if err != nil {
		return []string{err.Error()}
	}
	problems = append(problems, e.integrity(ctx, db)...)
	db.Close()
	if out, errOut, err := cliResult(bin, "", "audit", "verify", "--db", e.dsn); err != nil && !strings.Contains(errOut, "unknown command") {
		problems = append(problems, fmt.Sprintf("audit verify: %v: %s%s", err, out, errOut))
	}
	return problems
}

// setUp adds the staff (an admin, a front desk, a clinician) and their API tokens with the
// command line, starts the server once to create the program, and stops it.
func setUp(t *testing.T, bin, dsn string) tokens {
	t.Helper()
	const password = "crash harness password 42\n"
	var tk tokens
	for _, s := range []struct{ email, role string }{{"admin@crash.test", "admin"}, {"desk@crash.test", "front_desk"}, {"ann@crash.test", "clinician"}} {
		cli(t, bin, password, "user", "add", "--db", dsn, "--email", s.email, "--name", "Crash "+s.role, "--role", s.role, "--password-stdin")
	}
	tk.admin = strings.TrimSpace(cli(t, bin, "", "token", "add", "--db", dsn, "--email", "admin@crash.test"))
	tk.desk = strings.TrimSpace(cli(t, bin, "", "token", "add", "--db", dsn, "--email", "desk@crash.test"))
	tk.clinician = strings.TrimSpace(cli(t, bin, "", "token", "add", "--db", dsn, "--email", "ann@crash.test"))
	srv, err := startServer(t, bin, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.kill()
	c := &http.Client{Timeout: 30 * time.Second}
	l := &ledger{}
	var staff struct {
		Staff []struct{ ID, Email string }
	}
	if !getJSON(c, srv.base+"/api/v1/staff", tk.admin, &staff) {
		t.Fatalf("list the staff:\n%s", srv.log.String())
	}
	for _, s := range staff.Staff {
		if s.Email == "ann@crash.test" {
			tk.clinicianID = s.ID
		}
	}
	if tk.clinicianID == "" {
		t.Fatalf("the clinician is not in the staff list")
	}
	var program struct{ ID string }
	if !send(context.Background(), c, l, "POST", srv.base+"/api/v1/programs", tk.admin, map[string]any{
		"name": "Crash IOP", "level": "iop", "time_zone": "America/Chicago", "part2": false,
	}, &program) {
		t.Fatalf("create the program: %v\n%s", errUnexpected.Load(), srv.log.String())
	}
	tk.program = program.ID
	return tk
}

// getJSON reads url with token into out.
func getJSON(c *http.Client, url, token string, out any) bool {
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := c.Do(req)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	return resp.StatusCode == 200 && json.NewDecoder(resp.Body).Decode(out) == nil
}
