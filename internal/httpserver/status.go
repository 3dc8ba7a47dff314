// Package httpserver holds what carepath's two HTTP handlers, the web pages (internal/web) and
// the JSON API (internal/api), share: the one table from error code to HTTP status, the
// caller's address for the audit log, and the middleware every response passes through.
package httpserver

import (
	"net/http"

	"github.com/carepath/carepath"
)

// statusByCode is the one table that maps carepath error codes to HTTP status codes.
var statusByCode = map[string]int{
	carepath.EINVALID:      http.StatusBadRequest,
	carepath.ENOTFOUND:     http.StatusNotFound,
	carepath.ECONFLICT:     http.StatusConflict,
	carepath.EUNAUTHORIZED: http.StatusUnauthorized,
	carepath.EFORBIDDEN:    http.StatusForbidden,
	carepath.ETOOLARGE:     http.StatusRequestEntityTooLarge,
	carepath.EMEDIATYPE:    http.StatusUnsupportedMediaType,
	carepath.EUNAVAILABLE:  http.StatusServiceUnavailable,
	carepath.EINTERNAL:     http.StatusInternalServerError,
}

// Status returns the HTTP status for err: the table above, 500 for an unknown code, and 200
// for nil.
func Status(err error) int {
	if err == nil {
		return http.StatusOK
	}
	if s, ok := statusByCode[carepath.ErrorCode(err)]; ok {
		return s
	}
	return http.StatusInternalServerError
}

// RetryAfterSeconds is the Retry-After of a 503 (EUNAVAILABLE): the writer was busy for the
// whole bounded wait, so a client tries again after a short pause rather than at once.
const RetryAfterSeconds = "2"

// SetRetryAfter sets Retry-After on a 503 answer to err; other answers are left alone.
func SetRetryAfter(w http.ResponseWriter, err error) {
	if Status(err) == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", RetryAfterSeconds)
	}
}
