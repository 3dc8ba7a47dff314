package httpserver

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/carepath/carepath"
)

// The access log: one line per request, written by Middleware once the request is answered.
// It holds the method, the route pattern the request matched ("GET /api/v1/clients/{id}",
// never the path, whose ids name clients), the status, the duration and the bytes of the
// body, and for every 4xx and 5xx the carepath error code of the answer. It never holds the
// query string, a header, the caller's address or anything of the body. Successful requests
// are logged at Info, 4xx at Warn and 5xx at Error.

// unmatchedRoute is the route of a request that no pattern matched (a 404 of the mux).
const unmatchedRoute = "unmatched"

// requestNote is what a handler tells the access log about its answer: the error code.
type requestNote struct{ code string }

type noteKey struct{}

// withNote returns r with a note its handlers fill in through NoteError.
func withNote(r *http.Request) (*http.Request, *requestNote) {
	n := &requestNote{}
	return r.WithContext(context.WithValue(r.Context(), noteKey{}, n)), n
}

// NoteError tells the access log the carepath error code of the answer to r (EINTERNAL for
// an error of another type). The renderers of errors (the API's problem details, the pages'
// error page) call it; a request answered with an error status that was never noted is logged
// with the code the status stands for.
func NoteError(r *http.Request, err error) {
	if n, ok := r.Context().Value(noteKey{}).(*requestNote); ok && err != nil {
		n.code = carepath.ErrorCode(err)
	}
}

// routeOf returns the route pattern r matched, or unmatchedRoute.
func routeOf(r *http.Request) string {
	if r.Pattern == "" {
		return unmatchedRoute
	}
	return r.Pattern
}

// logRequest writes the access-log line of one answered request.
func logRequest(log *slog.Logger, r *http.Request, note *requestNote, rec *statusRecorder, took time.Duration) {
	level := slog.LevelInfo
	switch {
	case rec.status >= 500:
		level = slog.LevelError
	case rec.status >= 400:
		level = slog.LevelWarn
	}
	if !log.Enabled(r.Context(), level) {
		return
	}
	attrs := []slog.Attr{
		slog.String("method", r.Method), slog.String("route", routeOf(r)), slog.Int("status", rec.status),
		slog.Float64("duration_ms", float64(took.Microseconds())/1000), slog.Int64("bytes", rec.bytes),
	}
	if rec.status >= 400 {
		code := note.code
		if code == "" {
			code = codeOfStatus(rec.status)
		}
		attrs = append(attrs, slog.String("code", code))
	}
	log.LogAttrs(r.Context(), level, "request", attrs...)
}

// codeOfStatus returns the carepath error code a status stands for in the one table
// (statusByCode), or the status's own name in snake case for a status no code maps to
// (method_not_allowed, too_many_requests).
func codeOfStatus(status int) string {
	for code, s := range statusByCode {
		if s == status {
			return code
		}
	}
	return strings.ReplaceAll(strings.ToLower(http.StatusText(status)), " ", "_")
}
