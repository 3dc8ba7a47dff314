package httpserver_test

import (
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/carepath/carepath/internal/httpserver"
)

// TestForwardedClientAddress checks who the client is for each peer and header: headers from
// an untrusted peer are ignored, the rightmost untrusted hop wins, and spoofed hops to its
// left change nothing.
func TestForwardedClientAddress(t *testing.T) {
	t.Parallel()
	proxies, err := httpserver.ParseProxies("10.0.0.0/8, 192.0.2.7, ::1")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, peer string
		xff        []string
		proto      string
		tls        bool
		want       string
		wantSecure bool
	}{
		{name: "no proxy", peer: "203.0.113.9:5000", want: "203.0.113.9"},
		{name: "untrusted peer's headers ignored", peer: "203.0.113.9:5000", xff: []string{"198.51.100.1"}, proto: "https", want: "203.0.113.9"},
		{name: "trusted proxy names the client", peer: "10.1.2.3:443", xff: []string{"198.51.100.1"}, proto: "https", want: "198.51.100.1", wantSecure: true},
		{name: "spoofed hop left of the real client", peer: "10.1.2.3:443", xff: []string{"1.2.3.4, 198.51.100.1"}, want: "198.51.100.1"},
		{name: "chain of trusted proxies", peer: "10.1.2.3:443", xff: []string{"198.51.100.1, 10.9.9.9", "192.0.2.7"}, want: "198.51.100.1"},
		{name: "only trusted hops", peer: "10.1.2.3:443", xff: []string{"10.9.9.9"}, want: "10.9.9.9"},
		{name: "garbage hop", peer: "10.1.2.3:443", xff: []string{"198.51.100.1, not-an-ip"}, want: "10.1.2.3"},
		{name: "IPv6 proxy", peer: "[::1]:8080", xff: []string{"[2001:db8::5]:1234"}, proto: "http", want: "2001:db8::5"},
		{name: "client appended proto", peer: "10.1.2.3:443", xff: []string{"198.51.100.1"}, proto: "https, http", want: "198.51.100.1"},
		{name: "direct TLS", peer: "203.0.113.9:5000", tls: true, want: "203.0.113.9", wantSecure: true},
	} {
		var got string
		var secure bool
		h := httpserver.Forwarded(proxies, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			got, secure = httpserver.RemoteAddr(r), httpserver.Secure(r)
		}))
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = c.peer
		for _, v := range c.xff {
			r.Header.Add("X-Forwarded-For", v)
		}
		if c.proto != "" {
			r.Header.Set("X-Forwarded-Proto", c.proto)
		}
		if c.tls {
			r.TLS = &tls.ConnectionState{}
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if got != c.want || secure != c.wantSecure {
			t.Errorf("%s: client %q secure %v, want %q %v", c.name, got, secure, c.want, c.wantSecure)
		}
		if hsts := w.Header().Get("Strict-Transport-Security"); (hsts != "") != c.wantSecure {
			t.Errorf("%s: HSTS %q, secure %v", c.name, hsts, c.wantSecure)
		}
	}
}

// TestParseProxies refuses what is not an address or prefix.
func TestParseProxies(t *testing.T) {
	t.Parallel()
	if p, err := httpserver.ParseProxies(""); err != nil || len(p) != 0 {
		t.Errorf("empty: %v %v", p, err)
	}
	for _, bad := range []string{"10.0.0.0/33", "proxy.example.org", "10.0.0.1:80"} {
		if _, err := httpserver.ParseProxies(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// TestExternalURL builds links from the base URL, else from the client's scheme.
func TestExternalURL(t *testing.T) {
	t.Parallel()
	proxies, _ := httpserver.ParseProxies("127.0.0.1")
	var plain, forwarded, based string
	h := httpserver.Forwarded(proxies, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/plain":
			plain = httpserver.ExternalURL(r, "", "/m/x")
		case "/forwarded":
			forwarded = httpserver.ExternalURL(r, "", "/m/x")
		default:
			based = httpserver.ExternalURL(r, "https://care.example.org/", "/m/x")
		}
	}))
	for _, path := range []string{"/plain", "/forwarded", "/based"} {
		r := httptest.NewRequest("GET", path, nil)
		r.Host, r.RemoteAddr = "carepath.internal:8080", "127.0.0.1:4000"
		if path == "/forwarded" {
			r.Header.Set("X-Forwarded-Proto", "https")
		}
		h.ServeHTTP(httptest.NewRecorder(), r)
	}
	if plain != "http://carepath.internal:8080/m/x" || forwarded != "https://carepath.internal:8080/m/x" || based != "https://care.example.org/m/x" {
		t.Errorf("plain %q, forwarded %q, based %q", plain, forwarded, based)
	}
}
