//go:build crash

package crash

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// buildCarepath builds the carepath binary into dir and returns its path.
func buildCarepath(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "carepath")
	out, err := exec.Command("go", "build", "-o", bin, "../../cmd/carepath").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// cli runs a carepath command and returns its standard output; it fails the test on error.
func cli(t *testing.T, bin, stdin string, args ...string) string {
	t.Helper()
	out, errOut, err := cliResult(bin, stdin, args...)
	if err != nil {
		t.Fatalf("carepath %s: %v\n%s", strings.Join(args, " "), err, errOut)
	}
	return out
}

// cliResult runs a carepath command and returns its standard output and error.
func cliResult(bin, stdin string, args ...string) (string, string, error) {
	cmd := exec.Command(bin, args...)
	cmd.Env = harnessEnv()
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	return out.String(), errOut.String(), err
}

var runningRE = regexp.MustCompile(`running at (http://[^/ ]+)/`)

// server is one `carepath serve` process.
type server struct {
	cmd  *exec.Cmd
	base string
	log  *lockedLog
	done chan struct{}
}

// lockedLog is a process's output, written by its goroutines and read by the test.
type lockedLog struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.b.Len() < 1<<20 {
		l.b.Write(p)
	}
	return len(p), nil
}

func (l *lockedLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startServer starts `carepath serve --db dsn` on a loopback port and waits until it says
// where it listens.
func startServer(t *testing.T, bin, dsn string) (*server, error) {
	cmd := exec.Command(bin, "serve", "--db", dsn, "--addr", "127.0.0.1:0", "--log", "json", "--outbox-poll", "1h")
	cmd.Env = harnessEnv()
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	s := &server{cmd: cmd, log: &lockedLog{}, done: make(chan struct{})}
	cmd.Stderr = s.log
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	go func() { cmd.Wait(); close(s.done) }()
	found := make(chan string, 1)
	go func() {
		lines := bufio.NewScanner(stdout)
		sent := false
		for lines.Scan() {
			if m := runningRE.FindStringSubmatch(lines.Text()); m != nil && !sent {
				found <- m[1]
				sent = true
			}
		}
		io.Copy(io.Discard, stdout)
	}()
	select {
	case s.base = <-found:
		return s, nil
	case <-s.done:
		return nil, fmt.Errorf("the server exited at start:\n%s", s.log.String())
	case <-time.After(60 * time.Second):
		s.kill()
		return nil, fmt.Errorf("the server did not start in 60 s:\n%s", s.log.String())
	}
}

// kill ends the server with SIGKILL (a crash: no shutdown of any kind) and waits for it.
func (s *server) kill() {
	_ = s.cmd.Process.Signal(syscall.SIGKILL)
	<-s.done
}

// harnessEnv is the environment of every carepath process the harness runs: a fixed secret key
// (the harness's own, so both engines need no key file), and nothing else of carepath's.
func harnessEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "CAREPATH_") {
			env = append(env, kv)
		}
	}
	return append(env, "CAREPATH_SECRET_KEY=6372617368206861726e6573732073656372657420206b657920666f72207573")
}
