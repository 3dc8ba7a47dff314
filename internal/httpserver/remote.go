package httpserver

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"

	"github.com/carepath/carepath"
)

// Proxies is the set of peers (reverse proxies, load balancers) whose X-Forwarded-For and
// X-Forwarded-Proto headers carepath believes. Those headers from any other peer are ignored,
// since anyone can send them.
type Proxies []netip.Prefix

// ParseProxies reads a comma-separated list of CIDR prefixes or single addresses
// ("10.0.0.0/8, 192.168.1.5"). An empty list trusts no proxy.
func ParseProxies(list string) (Proxies, error) {
	var p Proxies
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		if !strings.Contains(item, "/") {
			a, err := netip.ParseAddr(item)
			if err != nil {
				return nil, fmt.Errorf("trusted proxy %q: not an address or CIDR prefix", item)
			}
			a = a.Unmap()
			p = append(p, netip.PrefixFrom(a, a.BitLen()))
			continue
		}
		pre, err := netip.ParsePrefix(item)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %q: not an address or CIDR prefix", item)
		}
		if pre.Addr().Is4In6() {
			pre = netip.PrefixFrom(pre.Addr().Unmap(), pre.Bits()-96)
		}
		p = append(p, pre.Masked())
	}
	return p, nil
}

// trusts reports whether a is one of the trusted proxies.
func (p Proxies) trusts(a netip.Addr) bool {
	a = a.Unmap()
	for _, pre := range p {
		if pre.Contains(a) {
			return true
		}
	}
	return false
}

// client is what Forwarded works out about a request once: the real client's address and
// whether the client reached carepath over HTTPS.
type client struct {
	addr   string
	secure bool
}

type clientKey struct{}

// Forwarded works out, once per request and in this one place, who the client is and whether
// it came over HTTPS, for every limiter, log line and audit row, and sends HSTS to clients
// that came over HTTPS. The peer is the client unless it is a trusted proxy; then the client
// is the rightmost address in X-Forwarded-For that is not itself a trusted proxy (addresses
// to its left were written by the client and prove nothing), and X-Forwarded-Proto (its last
// value, the one the trusted proxy wrote) says whether the client used HTTPS.
func Forwarded(trusted Proxies, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := resolve(trusted, r)
		if c.secure {
			w.Header().Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), clientKey{}, c)))
	})
}

// resolve works out the client of r (see Forwarded).
func resolve(trusted Proxies, r *http.Request) client {
	c := client{addr: peerHost(r.RemoteAddr), secure: r.TLS != nil}
	peer, err := netip.ParseAddr(c.addr)
	if err != nil || !trusted.trusts(peer) {
		return c
	}
	c.addr = peer.Unmap().String()
	hops := forwardedFor(r.Header.Values("X-Forwarded-For"))
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(hops[i])
		if err != nil {
			break // a hop no proxy of ours wrote: the last good one stands
		}
		c.addr = a.Unmap().String()
		if !trusted.trusts(a) {
			break
		}
	}
	if protos := r.Header.Values("X-Forwarded-Proto"); len(protos) > 0 && r.TLS == nil {
		all := strings.Split(protos[len(protos)-1], ",")
		c.secure = strings.EqualFold(strings.TrimSpace(all[len(all)-1]), "https")
	}
	return c
}

// forwardedFor splits X-Forwarded-For header values into hops, left (the client's claim) to
// right (the nearest proxy), without ports or brackets.
func forwardedFor(values []string) []string {
	var hops []string
	for _, v := range values {
		for _, h := range strings.Split(v, ",") {
			h = strings.TrimSpace(h)
			if h == "" {
				continue
			}
			if ap, err := netip.ParseAddrPort(h); err == nil {
				h = ap.Addr().String()
			}
			hops = append(hops, strings.Trim(h, "[]"))
		}
	}
	return hops
}

// peerHost is the host of a "host:port" remote address, without brackets.
func peerHost(remote string) string {
	if host, _, err := net.SplitHostPort(remote); err == nil {
		return host
	}
	return strings.Trim(remote, "[]")
}

// RemoteAddr is the real client's address for r, without the port: what Forwarded worked out
// (the peer, or the client a trusted proxy named), or the peer when r did not pass through it.
// Every rate limit, log line and audit row uses it.
func RemoteAddr(r *http.Request) string {
	if c, ok := r.Context().Value(clientKey{}).(client); ok {
		return c.addr
	}
	return peerHost(r.RemoteAddr)
}

// Secure reports whether the client reached carepath over HTTPS: directly over TLS, or
// through a trusted proxy that said so.
func Secure(r *http.Request) bool {
	if c, ok := r.Context().Value(clientKey{}).(client); ok {
		return c.secure
	}
	return r.TLS != nil
}

// ExternalURL is the absolute address of path (starting "/") as people reach carepath: under
// base (the configured external base URL, such as https://care.example.org) when there is
// one, else under the scheme the client used (Secure) and the request's host.
func ExternalURL(r *http.Request, base, path string) string {
	base = strings.TrimRight(base, "/")
	if base == "" {
		scheme := "http"
		if Secure(r) {
			scheme = "https"
		}
		base = scheme + "://" + r.Host
	}
	return base + path
}

// PublicContext returns r's context carrying the actor of an anonymous visitor (RolePublic,
// id "public") at r's address: whoever knocks before a password or a token says who they are.
func PublicContext(r *http.Request) context.Context {
	return carepath.NewContext(r.Context(), carepath.Actor{ID: "public", Role: carepath.RolePublic, Remote: RemoteAddr(r)})
}
