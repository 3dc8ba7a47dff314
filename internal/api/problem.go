// Package api serves carepath's JSON API under /api/v1. Errors are RFC 9457 problem details
// whose errors[] name each offending field path.
package api

import (
	"encoding/json"
	"log/slog"
	"net/http"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/httpserver"
)

// Problem is an RFC 9457 problem details body.
type Problem struct {
	Type   string                `json:"type"`
	Title  string                `json:"title"`
	Status int                   `json:"status"`
	Detail string                `json:"detail"`
	Errors []carepath.FieldError `json:"errors,omitempty"`
}

// WriteError writes err as problem details, with the status httpserver.Status gives its code;
// a 503 (the database too busy to take the call) carries Retry-After.
// Internal errors are logged with their cause and shown as "Internal error."; the log never
// gets the path (its ids name clients), the query or the body. The access log hears the code.
func WriteError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	status := httpserver.Status(err)
	httpserver.NoteError(r, err)
	httpserver.SetRetryAfter(w, err)
	if status >= 500 && status != http.StatusServiceUnavailable {
		log.Error("request failed", "method", r.Method, "route", r.Pattern, "err", err)
	}
	WriteProblem(w, Problem{
		Type:   "about:blank",
		Title:  http.StatusText(status),
		Status: status,
		Detail: carepath.ErrorMessage(err),
		Errors: carepath.ErrorFields(err),
	})
}

// WriteProblem writes p as application/problem+json with p.Status.
func WriteProblem(w http.ResponseWriter, p Problem) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(p.Status)
	_ = json.NewEncoder(w).Encode(p)
}

// WriteJSON writes v as JSON with the given status.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
