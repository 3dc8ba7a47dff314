package httpserver

import (
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"
)

// Middleware wraps every request, page or API: security headers, cross-origin protection for
// every state change, recovery from panics, and a log line that holds no client data (method,
// route pattern, status, duration — never the query string or the body).
func Middleware(log *slog.Logger, next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	protected := cop.Handler(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		defer func() {
			if p := recover(); p != nil {
				log.Error("panic", "panic", p, "stack", string(debug.Stack()))
				if !rec.wrote {
					http.Error(rec, "Internal error.", http.StatusInternalServerError)
				}
			}
			if log.Enabled(r.Context(), slog.LevelDebug) || rec.status >= 500 {
				log.LogAttrs(r.Context(), levelFor(rec.status), "request",
					slog.String("method", r.Method), slog.String("route", r.Pattern),
					slog.Int("status", rec.status), slog.Duration("took", time.Since(start)))
			}
		}()
		protected.ServeHTTP(rec, r)
	})
}

func levelFor(status int) slog.Level {
	if status >= 500 {
		return slog.LevelError
	}
	return slog.LevelDebug
}

// statusRecorder remembers the status a handler wrote, for the log line.
type statusRecorder struct {
	http.ResponseWriter
	status int
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
	return r.ResponseWriter.Write(b)
}
