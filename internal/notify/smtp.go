package notify

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/smtp"
	"net/url"
	"time"
)

// SMTP sends email through one mail server: smtp://[user:pass@]host[:port] (port 25 when
// left out). It upgrades the connection with STARTTLS whenever the server offers it, and signs
// in (AUTH PLAIN) when the URL names a user; net/smtp refuses to send a password over a
// connection that is not encrypted, except to localhost.
type SMTP struct {
	host, port string
	user, pass string
	From       string // the sender address, e.g. "carepath <alerts@clinic.example>"
	// TLS, when set, is the configuration of STARTTLS (a test's own certificate authority);
	// nil verifies the server against the system's roots.
	TLS *tls.Config
	// Timeout bounds one whole send (connect, TLS, sign-in, data); 0 means 30 seconds.
	Timeout time.Duration
}

// NewSMTP reads rawURL (smtp://[user:pass@]host[:port]) and from, the sender address. Errors
// never repeat the URL, which may hold a password.
func NewSMTP(rawURL, from string) (*SMTP, error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Scheme != "smtp" || u.Hostname() == "" {
		return nil, errors.New("the mail server must be given as smtp://host:port (optionally smtp://user:pass@host:port)")
	}
	if _, err := mail.ParseAddress(from); err != nil {
		return nil, fmt.Errorf("the sender address (mail from) is not an email address: %w", err)
	}
	s := &SMTP{host: u.Hostname(), port: u.Port(), From: from}
	if s.port == "" {
		s.port = "25"
	}
	if u.User != nil {
		s.user = u.User.Username()
		s.pass, _ = u.User.Password()
	}
	return s, nil
}

// Addr returns the server's host:port.
func (s *SMTP) Addr() string { return net.JoinHostPort(s.host, s.port) }

// Send delivers one composed message (see Email.Compose) to to.
func (s *SMTP) Send(ctx context.Context, to string, msg []byte) error {
	timeout := s.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", s.Addr())
	if err != nil {
		return fmt.Errorf("connect to the mail server: %w", err)
	}
	defer conn.Close()
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	}
	c, err := smtp.NewClient(conn, s.host)
	if err != nil {
		return fmt.Errorf("mail server greeting: %w", err)
	}
	defer c.Close()
	if err := c.Hello("carepath"); err != nil {
		return fmt.Errorf("mail server hello: %w", err)
	}
	if ok, _ := c.Extension("STARTTLS"); ok {
		cfg := &tls.Config{ServerName: s.host, MinVersion: tls.VersionTLS12}
		if s.TLS != nil {
			cfg = s.TLS.Clone()
			if cfg.ServerName == "" {
				cfg.ServerName = s.host
			}
		}
		if err := c.StartTLS(cfg); err != nil {
			return fmt.Errorf("mail server STARTTLS: %w", err)
		}
	}
	if s.user != "" {
		if err := c.Auth(smtp.PlainAuth("", s.user, s.pass, s.host)); err != nil {
			return fmt.Errorf("mail server sign-in: %w", err)
		}
	}
	from, _ := mail.ParseAddress(s.From)
	rcpt, err := mail.ParseAddress(to)
	if err != nil {
		return fmt.Errorf("recipient address: %w", err)
	}
	if err := c.Mail(from.Address); err != nil {
		return fmt.Errorf("mail server MAIL FROM: %w", err)
	}
	if err := c.Rcpt(rcpt.Address); err != nil {
		return fmt.Errorf("mail server RCPT TO: %w", err)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("mail server DATA: %w", err)
	}
	if _, err := w.Write(msg); err != nil {
		return fmt.Errorf("mail server DATA: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("mail server DATA: %w", err)
	}
	return c.Quit()
}
