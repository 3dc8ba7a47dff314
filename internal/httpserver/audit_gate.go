package httpserver

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"sync"
)

// BeginAuditBatch starts a request's audit batch: it returns the context the request runs
// with, whose reads gather their audit rows, and the function that commits them
// (store.Store.BeginAuditBatch).
type BeginAuditBatch func(ctx context.Context) (context.Context, func() error)

// auditFailedMessage is what the client reads when a request's audit rows could not be
// committed.
const auditFailedMessage = "The access log could not be written, so nothing is shown. Please try again in a moment."

// ErrAuditNotCommitted is what a handler's Write returns when the request's audit rows could
// not be committed: nothing it writes reaches the client.
var ErrAuditNotCommitted = errors.New("the access log could not be written: the response is withheld")

// AuditGate runs each request with an audit batch (begin) and holds its response until the
// batch is committed: the first WriteHeader, Write or Flush of the handler, or the handler's
// end, commits the rows of every read the request made so far, in one transaction, and only
// then lets the response through. When the commit fails, the handler's status, headers and
// body are dropped and the client gets 503 with Retry-After and no client data (problem+json
// under /api/, plain text elsewhere). So a page
// that makes several reads pays one audit commit, and no byte of what it read is sent before
// its audit rows are committed.
func AuditGate(log *slog.Logger, begin BeginAuditBatch, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, commit := begin(r.Context())
		outer := r
		r = r.WithContext(ctx)
		g := &auditGate{ResponseWriter: w, commit: commit, log: log, r: r}
		defer g.open() // also when the handler panics: the reads it made are still recorded
		// The router records the matched pattern on the request it was given; hand it back
		// to the request the access log and the metrics outside this gate read.
		defer func() { outer.Pattern = r.Pattern }()
		next.ServeHTTP(g, r)
	})
}

// auditGate is the ResponseWriter a handler writes through under AuditGate.
type auditGate struct {
	http.ResponseWriter
	commit func() error
	log    *slog.Logger
	r      *http.Request
	mu     sync.Mutex
	state  gateState
}

type gateState int

const (
	gateShut   gateState = iota // the audit batch is not committed yet
	gateOpen                    // committed: the response goes through
	gateFailed                  // the commit failed: the response was replaced by a 503
)

// open commits the audit batch the first time it is called and reports whether the response
// may go through. When the commit fails it answers 503 in the handler's place.
func (g *auditGate) open() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.state == gateShut {
		if err := g.commit(); err != nil {
			g.state = gateFailed
			g.log.Error("the audit rows of a request could not be committed: its response is withheld",
				"method", g.r.Method, "route", g.r.Pattern, "err", err)
			h := g.ResponseWriter.Header()
			for k := range h {
				delete(h, k)
			}
			h.Set("Retry-After", "5")
			h.Set("Cache-Control", "no-store")
			if strings.HasPrefix(g.r.URL.Path, "/api/") {
				h.Set("Content-Type", "application/problem+json")
				g.ResponseWriter.WriteHeader(http.StatusServiceUnavailable)
				g.ResponseWriter.Write([]byte(`{"type":"about:blank","title":"Service Unavailable","status":503,"detail":"` + auditFailedMessage + `"}` + "\n"))
			} else {
				h.Set("Content-Type", "text/plain; charset=utf-8")
				g.ResponseWriter.WriteHeader(http.StatusServiceUnavailable)
				g.ResponseWriter.Write([]byte(auditFailedMessage + "\n"))
			}
		} else {
			g.state = gateOpen
		}
	}
	return g.state == gateOpen
}

func (g *auditGate) WriteHeader(code int) {
	if g.open() {
		g.ResponseWriter.WriteHeader(code)
	}
}

func (g *auditGate) Write(b []byte) (int, error) {
	if !g.open() {
		return 0, ErrAuditNotCommitted
	}
	return g.ResponseWriter.Write(b)
}

// Flush commits the audit batch first, like a write.
func (g *auditGate) Flush() {
	if g.open() {
		http.NewResponseController(g.ResponseWriter).Flush()
	}
}

// Unwrap gives http.ResponseController the writer beneath (deadlines and the like).
func (g *auditGate) Unwrap() http.ResponseWriter { return g.ResponseWriter }
