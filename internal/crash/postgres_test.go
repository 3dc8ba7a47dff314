//go:build crash

package crash

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// cluster is a private PostgreSQL cluster: its own data folder and port, started and stopped
// by the test. The shared server at 127.0.0.1:5432 is never touched.
type cluster struct {
	bin, data, logFile, socket string
	port                       int
	dsn                        string
	asPostgres                 bool // root runs the server as the postgres user
}

// startCluster makes a cluster with initdb in a temporary folder, starts it on a free port
// and creates the carepath database; the cluster is stopped and removed when the test ends.
func startCluster(t *testing.T) *cluster {
	t.Helper()
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(bins) == 0 {
		if os.Getenv("CAREPATH_REQUIRE_SERVICES") == "1" {
			t.Fatal("no PostgreSQL server binaries in /usr/lib/postgresql/*/bin, and CAREPATH_REQUIRE_SERVICES=1")
		}
		t.Skip("no PostgreSQL server binaries in /usr/lib/postgresql/*/bin")
	}
	sort.Strings(bins)
	root, err := os.MkdirTemp("", "carepath-crash-pg-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(root) })
	c := &cluster{bin: filepath.Dir(bins[len(bins)-1]), data: filepath.Join(root, "data"), logFile: filepath.Join(root, "server.log"),
		socket: root, asPostgres: os.Geteuid() == 0}
	if c.asPostgres {
		if err := os.Chmod(root, 0o755); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command("chown", "postgres:postgres", root).CombinedOutput(); err != nil {
			t.Fatalf("chown: %v %s", err, out)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	c.port = ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	if out, err := c.run("initdb", "-D", c.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-instructions"); err != nil {
		t.Fatalf("initdb: %v\n%s", err, out)
	}
	if err := c.start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.ctl("-m", "fast", "stop") })
	admin, err := sql.Open("pgx", fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", c.port))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec(`CREATE DATABASE carepath`); err != nil {
		t.Fatal(err)
	}
	c.dsn = fmt.Sprintf("postgres://postgres@127.0.0.1:%d/carepath?sslmode=disable", c.port)
	return c
}

// run runs one of the cluster's programs, as the postgres user when the test runs as root.
func (c *cluster) run(prog string, args ...string) (string, error) {
	path := filepath.Join(c.bin, prog)
	var cmd *exec.Cmd
	if c.asPostgres {
		cmd = exec.Command("runuser", append([]string{"-u", "postgres", "--", path}, args...)...)
	} else {
		cmd = exec.Command(path, args...)
	}
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// ctl runs pg_ctl on the cluster with args.
func (c *cluster) ctl(args ...string) error {
	out, err := c.run("pg_ctl", append([]string{"-D", c.data, "-w", "-t", "120"}, args...)...)
	if err != nil {
		return fmt.Errorf("pg_ctl %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return nil
}

// start starts the cluster (after an immediate stop it recovers from its write-ahead log) and
// waits until it takes connections.
func (c *cluster) start() error {
	opts := "-p " + strconv.Itoa(c.port) + " -k " + c.socket + " -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on"
	if err := c.ctl("-l", c.logFile, "-o", opts, "start"); err != nil {
		log, _ := os.ReadFile(c.logFile)
		return fmt.Errorf("%w\n%s", err, log)
	}
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if conn, err := net.DialTimeout("tcp", "127.0.0.1:"+strconv.Itoa(c.port), time.Second); err == nil {
			conn.Close()
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("the cluster does not take connections")
}

// amcheck checks every table and index of the carepath database with pg_amcheck (the
// amcheck extension, installed when missing): heap and B-tree structure.
func (c *cluster) amcheck(ctx context.Context, _ *sql.DB) []string {
	out, err := c.run("pg_amcheck", "--install-missing", "-h", "127.0.0.1", "-p", strconv.Itoa(c.port), "-U", "postgres", "--heapallindexed", "carepath")
	var found []string
	for _, line := range strings.Split(out, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "NOTICE:") {
			found = append(found, line)
		}
	}
	if err != nil || len(found) > 0 {
		return []string{fmt.Sprintf("pg_amcheck: %v: %s", err, strings.Join(found, "; "))}
	}
	return nil
}
