package web

import (
	"net/http"
	"strings"
)

// MaxFormBytes is the largest form body a page accepts: far more than any form of carepath
// needs (a long note is a few KiB), small enough that nobody can make the server read
// megabytes.
const MaxFormBytes = 64 << 10

// LimitForms wraps the pages (everything outside /api/, which limits its own bodies): a body
// that says it is larger than MaxFormBytes is answered 413 with a page saying so before it is
// read, and any other body is cut off at MaxFormBytes (reading past it fails, and the form
// is refused as unreadable).
func (s *Server) LimitForms(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body == nil || r.Body == http.NoBody || strings.HasPrefix(r.URL.Path, "/api/") {
			next.ServeHTTP(w, r)
			return
		}
		if r.ContentLength > MaxFormBytes {
			w.Header().Set("Connection", "close")
			s.render(w, r, http.StatusRequestEntityTooLarge, "error", errorView{page: page{Title: "Too much to send"},
				Message: "What you sent is larger than this form accepts (64 KB). Nothing was saved. Please shorten the text and try again."})
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, MaxFormBytes)
		next.ServeHTTP(w, r)
	})
}
