package main

import (
	"bufio"
	"database/sql"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

// buildCarepath builds the carepath binary into a temporary folder and returns its path.
func buildCarepath(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "carepath")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// runCarepath runs the binary with args and stdin, and returns its standard output.
func runCarepath(t *testing.T, bin, stdin string, args ...string) string {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("carepath %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return string(out)
}

var (
	runningRE = regexp.MustCompile(`running at (http://[^/ ]+)/`)
	metricsRE = regexp.MustCompile(`metrics at (http://\S+)`)
)

// TestGracefulShutdownDrainsARequestInFlight builds carepath, starts it as a process with a
// separate metrics listener, and starts a request whose body is still arriving. SIGTERM then
// stops new connections, but the request in flight completes (201, the client stored), and the
// process exits 0 once it has flushed and closed the database.
func TestGracefulShutdownDrainsARequestInFlight(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	t.Parallel()
	bin := buildCarepath(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "carepath.db")
	runCarepath(t, bin, "a long enough password 42\n", "user", "add", "--db", db, "--email", "desk@example.org", "--name", "Desk", "--role", "front_desk", "--password-stdin")
	token := strings.TrimSpace(runCarepath(t, bin, "", "token", "add", "--db", db, "--email", "desk@example.org"))

	cmd := exec.Command(bin, "serve", "--db", db, "--addr", "127.0.0.1:0", "--metrics-addr", "127.0.0.1:0", "--shutdown-timeout", "20s", "--log", "json")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var logs lockedWriter
	cmd.Stderr = &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	var base, metrics string
	lines := bufio.NewScanner(stdout)
	for (base == "" || metrics == "") && lines.Scan() {
		if m := runningRE.FindStringSubmatch(lines.Text()); m != nil {
			base = m[1]
		}
		if m := metricsRE.FindStringSubmatch(lines.Text()); m != nil {
			metrics = m[1]
		}
	}
	go io.Copy(io.Discard, stdout)
	if base == "" || metrics == "" {
		t.Fatalf("the server did not say where it listens:\n%s", logs.String())
	}
	resp, err := http.Get(metrics)
	if err != nil {
		t.Fatal(err)
	}
	m, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(m), "carepath_audit_queue_depth") {
		t.Fatalf("--metrics-addr without a token: %d, want 200 with the metrics", resp.StatusCode)
	}

	host := strings.TrimPrefix(base, "http://")
	body := `{"given_name":"Robin","family_name":"Lake","birth_date":"1990-04-02"}`
	conn, err := net.Dial("tcp", host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /api/v1/clients HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s",
		host, token, len(body), body[:20])
	time.Sleep(300 * time.Millisecond) // the server has read the headers and is reading the body
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", host, time.Second)
		if err != nil {
			break // no longer accepting
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatal("the server still accepts connections 10 s after SIGTERM")
		}
		time.Sleep(50 * time.Millisecond)
	}
	if _, err := io.WriteString(conn, body[20:]); err != nil {
		t.Fatalf("finish the request in flight: %v", err)
	}
	answer, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("the request in flight got no answer: %v\n%s", err, logs.String())
	}
	answer.Body.Close()
	if answer.StatusCode != http.StatusCreated {
		t.Fatalf("the request in flight: %d, want 201", answer.StatusCode)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("the server exited with %v, want 0:\n%s", err, logs.String())
	}
	if !strings.Contains(logs.String(), `"msg":"stopped"`) {
		t.Errorf("no \"stopped\" in the log:\n%s", logs.String())
	}
	sq, err := sql.Open("sqlite", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer sq.Close()
	var n int
	if err := sq.QueryRow(`SELECT count(*) FROM clients`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("%d clients stored (%v), want the one created while shutting down", n, err)
	}
	if _, err := os.Stat(db + "-wal"); err == nil {
		if fi, _ := os.Stat(db + "-wal"); fi.Size() > 0 {
			t.Errorf("the write-ahead log still holds %d bytes: the database was not closed cleanly", fi.Size())
		}
	}
}
