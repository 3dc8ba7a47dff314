// Package mailtest runs a real SMTP server (github.com/emersion/go-smtp) inside a test, on a
// loopback port, with STARTTLS on its own certificate and AUTH PLAIN, and keeps every message
// it accepts, parsed by net/mail, an independent reader of RFC 5322. Tests send carepath's
// email through it and read what a person would receive.
//
//	mail := mailtest.Start(t)             // smtp://alerts:secret@127.0.0.1:PORT
//	cfg := app.Config{SMTPURL: mail.URL, MailFrom: "carepath <alerts@clinic.example>", MailTLS: mail.ClientTLS}
//	m := mail.WaitFor(t, "oncall@clinic.example", 30*time.Second)
package mailtest

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"io"
	"math/big"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// The account the server accepts.
const (
	User     = "alerts"
	Password = "secret"
)

// Message is one message the server accepted.
type Message struct {
	From    string
	To      []string
	Raw     []byte
	Header  mail.Header
	Subject string // decoded
	Body    string // decoded from its transfer encoding
	TLS     bool   // the session had switched to TLS
	Authed  bool   // the session had signed in
	At      time.Time
}

// Server is a running SMTP server.
type Server struct {
	URL       string      // smtp://alerts:secret@127.0.0.1:PORT
	Addr      string      // 127.0.0.1:PORT
	ClientTLS *tls.Config // trusts the server's certificate
	// CertPEM is the server's certificate in PEM, for a process that trusts it through
	// SSL_CERT_FILE.
	CertPEM []byte
	// Refuse, while set, makes the server refuse every message with a temporary failure (451).
	refuse  bool
	onData  func(Message)
	mu      sync.Mutex
	msgs    []Message
	arrived chan struct{}
	srv     *smtp.Server
}

// Start starts a server on a loopback port, stopped when the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	cert, pool := selfSigned(t)
	s := &Server{arrived: make(chan struct{}, 1000), ClientTLS: &tls.Config{RootCAs: pool, ServerName: "127.0.0.1"},
		CertPEM: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Certificate[0]})}
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) { return &session{s: s, c: c}, nil }))
	srv.Domain = "localhost"
	srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	srv.ReadTimeout, srv.WriteTimeout = 30*time.Second, 30*time.Second
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("mailtest: %v", err)
	}
	s.srv, s.Addr = srv, ln.Addr().String()
	s.URL = "smtp://" + User + ":" + Password + "@" + s.Addr
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return s
}

// SetRefuse makes the server refuse (true) or accept (false) messages from now on.
func (s *Server) SetRefuse(refuse bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refuse = refuse
}

// OnData sets a function called with each message as it is accepted, before the server
// answers the client (a test can stop the sender there).
func (s *Server) OnData(f func(Message)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.onData = f
}

// Messages returns a copy of the messages accepted so far.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.msgs...)
}

// To returns the messages accepted so far for address.
func (s *Server) To(address string) []Message {
	var out []Message
	for _, m := range s.Messages() {
		for _, to := range m.To {
			if strings.EqualFold(to, address) {
				out = append(out, m)
			}
		}
	}
	return out
}

// WaitFor waits up to timeout for a message to address and returns the first; the test fails
// when none arrives.
func (s *Server) WaitFor(t testing.TB, address string, timeout time.Duration) Message {
	t.Helper()
	deadline := time.After(timeout)
	for {
		if ms := s.To(address); len(ms) > 0 {
			return ms[0]
		}
		select {
		case <-s.arrived:
		case <-deadline:
			t.Fatalf("mailtest: no message to %s within %s (the server has %d messages)", address, timeout, len(s.Messages()))
		}
	}
}

// session is one SMTP session.
type session struct {
	s      *Server
	c      *smtp.Conn
	from   string
	to     []string
	authed bool
}

func (ss *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (ss *session) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(identity, username, password string) error {
		if username != User || password != Password {
			return errors.New("invalid username or password")
		}
		ss.authed = true
		return nil
	}), nil
}

func (ss *session) Mail(from string, _ *smtp.MailOptions) error {
	ss.from = from
	return nil
}

func (ss *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	ss.to = append(ss.to, to)
	return nil
}

func (ss *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	ss.s.mu.Lock()
	refuse, onData := ss.s.refuse, ss.s.onData
	ss.s.mu.Unlock()
	if refuse {
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
	}
	m := Message{From: ss.from, To: append([]string(nil), ss.to...), Raw: raw, Authed: ss.authed, At: time.Now()}
	_, m.TLS = ss.c.TLSConnectionState()
	if pm, err := mail.ReadMessage(bytes.NewReader(raw)); err == nil {
		m.Header = pm.Header
		dec := new(mime.WordDecoder)
		if subj, err := dec.DecodeHeader(pm.Header.Get("Subject")); err == nil {
			m.Subject = subj
		}
		var body io.Reader = pm.Body
		if strings.EqualFold(pm.Header.Get("Content-Transfer-Encoding"), "quoted-printable") {
			body = quotedprintable.NewReader(pm.Body)
		}
		b, _ := io.ReadAll(body)
		m.Body = string(b)
	}
	if onData != nil {
		onData(m)
	}
	ss.s.mu.Lock()
	ss.s.msgs = append(ss.s.msgs, m)
	ss.s.mu.Unlock()
	select {
	case ss.s.arrived <- struct{}{}:
	default:
	}
	return nil
}

func (ss *session) Reset()        { ss.from, ss.to = "", nil }
func (ss *session) Logout() error { return nil }

// selfSigned makes a certificate for 127.0.0.1 and localhost, and a pool that trusts it.
func selfSigned(t testing.TB) (tls.Certificate, *x509.CertPool) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatalf("mailtest: key: %v", err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "mailtest"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, DNSNames: []string{"localhost"},
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IsCA: true, BasicConstraintsValid: true}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatalf("mailtest: certificate: %v", err)
	}
	leaf, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
}
