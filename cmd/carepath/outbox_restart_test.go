package main

import (
	"bytes"
	"database/sql"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/notify/mailtest"
	_ "modernc.org/sqlite"
)

// childEnv, when set, makes this test binary run `carepath serve` with the arguments in it
// (separated by newlines) instead of the tests: the server process the restart test starts,
// kills and starts again.
const childEnv = "CAREPATH_TEST_SERVE_ARGS"

// serveChild is one `carepath serve` process.
type serveChild struct {
	cmd *exec.Cmd
	out *bytes.Buffer
}

// startServeProcess starts `carepath serve` in a new process of this test binary.
func startServeProcess(t *testing.T, certFile string, args ...string) *serveChild {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestOutboxDeliversOnceAcrossRestarts$")
	cmd.Env = append(os.Environ(), childEnv+"="+strings.Join(append([]string{"serve"}, args...), "\n"), "SSL_CERT_FILE="+certFile, "CAREPATH_LOG=text")
	c := &serveChild{cmd: cmd, out: &bytes.Buffer{}}
	cmd.Stdout, cmd.Stderr = c.out, c.out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.kill() })
	return c
}

// kill ends the process at once (SIGKILL: no shutdown, as in a crash) and waits for it.
func (c *serveChild) kill() {
	if c.cmd.ProcessState == nil {
		_ = c.cmd.Process.Kill()
		_ = c.cmd.Wait()
	}
}

// waitHealthy waits until the server at base answers /healthz.
func waitHealthy(t *testing.T, base string, c *serveChild) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("the server did not start:\n%s", c.out)
}

// freeAddr returns a loopback address no one listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// TestOutboxDeliversOnceAcrossRestarts raises safety alerts in a real `carepath serve`
// process and kills it (SIGKILL, as a crash) at the two moments that matter:
//
//  1. after the alert is raised and before its message is sent: the next process sends it,
//     exactly once;
//  2. after the mail server has the message and before the process marks it sent: the next
//     process sends it again once the lease runs out, with the same Message-ID, so a mail
//     client shows it once. This is the outbox's at-least-once choice: a repeat, never a loss.
func TestOutboxDeliversOnceAcrossRestarts(t *testing.T) {
	if args := os.Getenv(childEnv); args != "" {
		os.Exit(run(strings.Split(args, "\n"), strings.NewReader(""), os.Stdout, os.Stderr))
	}
	if testing.Short() {
		t.Skip("starts and kills server processes; skipped with -short")
	}
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "carepath.db")
	mail := mailtest.Start(t)
	certFile := filepath.Join(dir, "mail.pem")
	if err := os.WriteFile(certFile, mail.CertPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"user", "add", "--db", db, "--email", "admin@clinic.example", "--name", "Admin", "--role", "admin", "--password-stdin"},
		strings.NewReader("correct horse battery staple\n"), &stdout, &stderr); code != 0 {
		t.Fatalf("user add: %s", stderr.String())
	}
	admin := strings.TrimSpace(stdout.String())
	stdout.Reset()
	if code := run([]string{"token", "add", "--db", db, "--email", "admin@clinic.example"}, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("token add: %s", stderr.String())
	}
	token := ""
	for _, f := range strings.Fields(stdout.String()) {
		if strings.HasPrefix(f, "cp_") {
			token = f
		}
	}
	addr := freeAddr(t)
	base := "http://" + addr
	serve := func(poll string) *serveChild {
		c := startServeProcess(t, certFile, "--addr", addr, "--db", db, "--base-url", base, "--smtp-url", mail.URL,
			"--mail-from", "carepath <alerts@clinic.example>", "--outbox-poll", poll, "--outbox-lease", "2s", "--alert-escalate-after", "1h")
		waitHealthy(t, base, c)
		return c
	}

	// The first process never polls after starting: the alert it raises waits in the outbox.
	first := serve("1h")
	api := func(method, path, body string) string {
		t.Helper()
		code, out := apptest.API(t, method, base+path, token, body)
		if code >= 300 {
			t.Fatalf("%s %s: %d %s", method, path, code, out)
		}
		return out
	}
	program := apptest.CreatedID(t, 201, api("POST", "/api/v1/programs", `{"name":"Day IOP","level":"iop","time_zone":"UTC"}`))
	api("PUT", "/api/v1/programs/"+program+"/on-call", fmt.Sprintf(`{"primary_id":%q,"version":0}`, admin))
	client := apptest.CreatedID(t, 201, api("POST", "/api/v1/clients", `{"given_name":"Eli","family_name":"Stone","birth_date":"1985-03-04"}`))
	api("POST", "/api/v1/clients/"+client+"/episodes", `{"program_id":"`+program+`","on":"`+time.Now().UTC().AddDate(0, 0, -3).Format("2006-01-02")+`"}`)
	api("POST", "/api/v1/clients/"+client+"/measures", `{"instrument":"phq9","answers":[2,2,2,2,2,2,2,2,3]}`)
	first.kill()
	if n := len(mail.Messages()); n != 0 {
		t.Fatalf("%d messages sent before the restart", n)
	}

	// 1. The next process sends it, once.
	second := serve("100ms")
	m := mail.WaitFor(t, "admin@clinic.example", 30*time.Second)
	time.Sleep(500 * time.Millisecond)
	if n := len(mail.To("admin@clinic.example")); n != 1 {
		t.Fatalf("%d messages after the restart, want exactly 1", n)
	}
	if m.Subject != "A safety alert needs you" || strings.Contains(string(m.Raw), "Stone") {
		t.Errorf("message: %s", m.Raw)
	}

	// 2. The process dies while the mail server takes the second alert's message.
	var once sync.Once
	mail.OnData(func(mailtest.Message) { once.Do(second.kill) })
	api("POST", "/api/v1/clients/"+client+"/measures", `{"instrument":"phq9","answers":[1,1,1,1,1,1,1,1,1]}`)
	waitUntilMessages(t, mail, 2)
	second.kill()
	mail.OnData(nil)
	third := serve("100ms")
	defer third.kill()
	waitUntilMessages(t, mail, 3)
	msgs := mail.To("admin@clinic.example")
	if msgs[1].Header.Get("Message-ID") == "" || msgs[1].Header.Get("Message-ID") != msgs[2].Header.Get("Message-ID") ||
		msgs[1].Header.Get("Message-ID") == msgs[0].Header.Get("Message-ID") {
		t.Errorf("Message-IDs %q %q %q: the repeat must carry the second message's id", msgs[0].Header.Get("Message-ID"),
			msgs[1].Header.Get("Message-ID"), msgs[2].Header.Get("Message-ID"))
	}
	distinct := map[string]bool{}
	for _, m := range msgs {
		distinct[m.Header.Get("Message-ID")] = true
	}
	if len(distinct) != 2 {
		t.Errorf("%d distinct messages for 2 alerts", len(distinct))
	}
	// The outbox agrees: both primary emails sent, the second after 2 attempts. The third
	// process marks the repeat sent just after the mail server has it, so wait for the mark
	// (read while it runs) before stopping it.
	sqldb, err := sql.Open("sqlite", "file:"+db+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer sqldb.Close()
	var sent, attempts int
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if err := sqldb.QueryRow(`SELECT count(*), COALESCE(MAX(attempts), 0) FROM notifications WHERE tier = 'primary' AND sent_at IS NOT NULL`).Scan(&sent, &attempts); err != nil {
			t.Fatal(err)
		}
		if sent >= 2 || time.Now().After(deadline) {
			break
		}
	}
	third.kill()
	if sent != 2 || attempts != 2 {
		t.Errorf("%d primary messages marked sent (most attempts %d), want 2 (2)", sent, attempts)
	}
}

// waitUntilMessages waits until the mail server holds n messages.
func waitUntilMessages(t *testing.T, mail *mailtest.Server, n int) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for len(mail.Messages()) < n {
		if time.Now().After(deadline) {
			t.Fatalf("%d messages after 30 s, want %d", len(mail.Messages()), n)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
