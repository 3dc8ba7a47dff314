package httpserver

import (
	"context"
	"net/http"
	"strings"

	"github.com/carepath/carepath"
)

// RemoteAddr is the remote address of r without the port, for the audit log.
func RemoteAddr(r *http.Request) string {
	host := r.RemoteAddr
	if i := strings.LastIndexByte(host, ':'); i > 0 {
		host = host[:i]
	}
	return strings.Trim(host, "[]")
}

// PublicContext returns r's context carrying the actor of an anonymous visitor (RolePublic,
// id "public") at r's address: whoever knocks before a password or a token says who they are.
func PublicContext(r *http.Request) context.Context {
	return carepath.NewContext(r.Context(), carepath.Actor{ID: "public", Role: carepath.RolePublic, Remote: RemoteAddr(r)})
}
