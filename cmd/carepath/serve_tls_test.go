package main

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/carepath/carepath/internal/httpserver"
)

// writeTestCert writes a self-signed certificate for 127.0.0.1 and its key as PEM files in
// dir and returns their paths and the certificate pool that trusts it.
func writeTestCert(t *testing.T, dir string) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "carepath test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder}), 0o600)
	cert, _ := x509.ParseCertificate(der)
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}

// startServe runs serve with args until the test ends and returns the address it announced
// and what it wrote to standard error so far.
func startServe(t *testing.T, args ...string) (string, *lockedWriter) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	stderr := &lockedWriter{}
	done := make(chan int, 1)
	go func() { done <- serve(ctx, args, pw, stderr); pw.Close() }()
	t.Cleanup(func() {
		cancel()
		go io.Copy(io.Discard, pr)
		<-done
	})
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("serve did not start: %v\n%s", err, stderr.String())
	}
	go io.Copy(io.Discard, pr)
	_, after, _ := strings.Cut(line, "running at ")
	addr, _, _ := strings.Cut(after, " ")
	return addr, stderr
}

// lockedWriter is standard error shared by the server's goroutine and the test.
type lockedWriter struct {
	mu sync.Mutex
	b  strings.Builder
}

func (w *lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *lockedWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// TestServeTLS starts serve with a generated certificate: HTTPS answers with HSTS, TLS 1.1
// is refused, and no plain-HTTP warning is printed.
func TestServeTLS(t *testing.T) {
	dir := t.TempDir()
	cert, key, pool := writeTestCert(t, dir)
	addr, stderr := startServe(t, "--addr", "127.0.0.1:0", "--db", filepath.Join(dir, "c.db"), "--tls-cert", cert, "--tls-key", key, "--log", "text")
	if !strings.HasPrefix(addr, "https://127.0.0.1:") {
		t.Fatalf("announced %q", addr)
	}
	c := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}}
	resp, err := c.Get(addr + "healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.TLS == nil || resp.TLS.Version < tls.VersionTLS12 || !strings.HasPrefix(resp.Header.Get("Strict-Transport-Security"), "max-age=") {
		t.Errorf("HTTPS: %d, HSTS %q", resp.StatusCode, resp.Header.Get("Strict-Transport-Security"))
	}
	old := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS10, MaxVersion: tls.VersionTLS11}}}
	if resp, err := old.Get(addr + "healthz"); err == nil {
		resp.Body.Close()
		t.Error("TLS 1.1 was accepted")
	}
	if strings.Contains(stderr.String(), "WARNING") {
		t.Errorf("warning over TLS: %s", stderr.String())
	}
}

// TestServeRefusesHalfATLSPair refuses --tls-cert without --tls-key, and an http:// base
// URL when serving HTTPS.
func TestServeRefusesHalfATLSPair(t *testing.T) {
	dir := t.TempDir()
	cert, key, _ := writeTestCert(t, dir)
	var stderr strings.Builder
	if code := serve(context.Background(), []string{"--db", filepath.Join(dir, "c.db"), "--tls-cert", cert}, io.Discard, &stderr); code != 2 ||
		!strings.Contains(stderr.String(), "--tls-key") {
		t.Errorf("half a pair: %d %s", code, stderr.String())
	}
	stderr.Reset()
	if code := serve(context.Background(), []string{"--db", filepath.Join(dir, "c.db"), "--tls-cert", cert, "--tls-key", key,
		"--base-url", "http://care.example.org"}, io.Discard, &stderr); code != 2 || !strings.Contains(stderr.String(), "https://") {
		t.Errorf("http base URL over TLS: %d %s", code, stderr.String())
	}
	stderr.Reset()
	if code := serve(context.Background(), []string{"--db", filepath.Join(dir, "c.db"), "--trusted-proxies", "proxy.example.org"}, io.Discard, &stderr); code != 2 {
		t.Errorf("bad proxy: %d %s", code, stderr.String())
	}
}

// TestPlainHTTPWarning warns about plain HTTP on an address other machines reach, and not on
// loopback, over TLS or behind a trusted proxy.
func TestPlainHTTPWarning(t *testing.T) {
	tcp := func(s string) net.Addr { a, _ := net.ResolveTCPAddr("tcp", s); return a }
	proxied := transport{}
	proxied.proxies, _ = parseProxiesForTest("10.0.0.1")
	for _, c := range []struct {
		t    transport
		addr string
		warn bool
	}{
		{transport{}, "127.0.0.1:8080", false},
		{transport{}, "[::1]:8080", false},
		{transport{}, "0.0.0.0:8080", true},
		{transport{}, "192.0.2.10:8080", true},
		{transport{cert: &tls.Certificate{}}, "0.0.0.0:8443", false},
		{proxied, "0.0.0.0:8080", false},
	} {
		if got := c.t.plainHTTPWarning(tcp(c.addr)); (got != "") != c.warn {
			t.Errorf("%s (tls %v, proxies %v): %q", c.addr, c.t.cert != nil, c.t.proxies, got)
		}
	}
}

func parseProxiesForTest(s string) (p []netip.Prefix, err error) {
	return httpserver.ParseProxies(s)
}
