package httpserver

import (
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"
)

// Observer is told of every request once it is answered: its route pattern (never the path),
// its status and how long it took. The metrics (app's /metrics) implement it.
type Observer interface {
	ObserveRequest(route string, status int, took time.Duration)
}

// Middleware wraps every request, page or API: security headers, cross-origin protection for
// every state change, recovery from panics, the access log (request_log.go) and obs, which may
// be nil.
func Middleware(log *slog.Logger, obs Observer, next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	protected := cop.Handler(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		r, note := withNote(r)
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		defer func() {
			if p := recover(); p != nil {
				log.Error("panic", "route", routeOf(r), "panic", p, "stack", string(debug.Stack()))
				if !rec.wrote {
					http.Error(rec, "Internal error.", http.StatusInternalServerError)
				}
			}
			took := time.Since(start)
			logRequest(log, r, note, rec, took)
			if obs != nil {
				obs.ObserveRequest(routeOf(r), rec.status, took)
			}
		}()
		protected.ServeHTTP(rec, r)
	})
}

// statusRecorder remembers the status a handler wrote and the bytes of the body, for the log
// line.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int64
	wrote  bool
}

func (r *statusRecorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	r.wrote = true
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

// Unwrap gives http.ResponseController the writer underneath (flushing, deadlines).
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
