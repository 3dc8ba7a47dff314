package main

import (
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"

	"github.com/carepath/carepath/internal/httpserver"
)

// transportFlags are serve's flags about how clients reach carepath: over TLS, through a
// trusted reverse proxy, and the external base URL of the links it builds.
type transportFlags struct {
	tlsCert, tlsKey, trustedProxies, baseURL *string
}

// addTransportFlags registers --tls-cert, --tls-key, --trusted-proxies and --base-url on fs.
func addTransportFlags(fs *flag.FlagSet) transportFlags {
	return transportFlags{
		tlsCert: fs.String("tls-cert", envOr("CAREPATH_TLS_CERT", ""), "serve HTTPS (TLS 1.2 or later) with this PEM certificate `file` (with --tls-key; env CAREPATH_TLS_CERT)"),
		tlsKey:  fs.String("tls-key", envOr("CAREPATH_TLS_KEY", ""), "the PEM private key `file` of --tls-cert (env CAREPATH_TLS_KEY)"),
		trustedProxies: fs.String("trusted-proxies", envOr("CAREPATH_TRUSTED_PROXIES", ""),
			"believe X-Forwarded-For and X-Forwarded-Proto only from these reverse proxies: comma-separated `CIDRs` or addresses (env CAREPATH_TRUSTED_PROXIES)"),
		baseURL: fs.String("base-url", envOr("CAREPATH_BASE_URL", ""), "the external `URL` people reach carepath at (https://care.example.org), the start of every link it builds (env CAREPATH_BASE_URL)"),
	}
}

// transport is what the transport flags say, checked.
type transport struct {
	cert    *tls.Certificate // nil: plain HTTP
	proxies httpserver.Proxies
	baseURL string
}

// check reads the flags: the certificate and key (both or neither), the proxies, the base URL.
func (f transportFlags) check() (transport, error) {
	var t transport
	if (*f.tlsCert == "") != (*f.tlsKey == "") {
		return t, errors.New("--tls-cert and --tls-key go together: give both or neither")
	}
	if *f.tlsCert != "" {
		c, err := tls.LoadX509KeyPair(*f.tlsCert, *f.tlsKey)
		if err != nil {
			return t, fmt.Errorf("--tls-cert/--tls-key: %w", err)
		}
		t.cert = &c
	}
	var err error
	if t.proxies, err = httpserver.ParseProxies(*f.trustedProxies); err != nil {
		return t, fmt.Errorf("--trusted-proxies: %w", err)
	}
	if t.baseURL, err = checkBaseURL(*f.baseURL, t.cert != nil); err != nil {
		return t, err
	}
	return t, nil
}

// checkBaseURL refuses a base URL that is not an absolute http(s) URL without a query, and an
// http:// base when carepath itself serves TLS (its links would leave HTTPS).
func checkBaseURL(base string, tlsOn bool) (string, error) {
	base = strings.TrimRight(strings.TrimSpace(base), "/")
	if base == "" {
		return "", nil
	}
	scheme, rest, ok := strings.Cut(base, "://")
	if !ok || (scheme != "http" && scheme != "https") || rest == "" || strings.ContainsAny(rest, "?#") {
		return "", fmt.Errorf("--base-url %q: give an absolute http:// or https:// URL such as https://care.example.org", base)
	}
	if scheme == "http" && tlsOn {
		return "", errors.New("--base-url: carepath serves HTTPS (--tls-cert), so its links must start with https://")
	}
	return base, nil
}

// tlsConfig is the TLS carepath serves: TLS 1.2 or later with Go's default cipher suites
// (forward-secret AEAD ones only for TLS 1.2), HTTP/2 and HTTP/1.1.
func tlsConfig(cert *tls.Certificate) *tls.Config {
	return &tls.Config{
		MinVersion:   tls.VersionTLS12,
		Certificates: []tls.Certificate{*cert},
		NextProtos:   []string{"h2", "http/1.1"},
	}
}

// serveOn serves hs on ln, over TLS when t has a certificate.
func (t transport) serveOn(hs *http.Server, ln net.Listener) error {
	if t.cert == nil {
		return hs.Serve(ln)
	}
	hs.TLSConfig = tlsConfig(t.cert)
	return hs.ServeTLS(ln, "", "")
}

// scheme is the scheme clients use to reach the listener itself.
func (t transport) scheme() string {
	if t.cert != nil {
		return "https"
	}
	return "http"
}

// plainHTTPWarning is the warning serve prints when it serves plain HTTP on an address other
// machines can reach with no trusted proxy in front (passwords and health records would
// cross the network in the clear), or "" when there is nothing to warn about.
func (t transport) plainHTTPWarning(addr net.Addr) string {
	if t.cert != nil || len(t.proxies) > 0 {
		return ""
	}
	ap, err := netip.ParseAddrPort(addr.String())
	if err == nil && ap.Addr().IsLoopback() {
		return ""
	}
	return "WARNING: carepath serves plain HTTP on " + addr.String() + ", which other machines can reach: " +
		"passwords and health records would cross the network unencrypted. Serve HTTPS with --tls-cert and --tls-key, " +
		"or put a TLS-terminating reverse proxy in front and name it with --trusted-proxies."
}
