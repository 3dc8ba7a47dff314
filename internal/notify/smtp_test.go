package notify_test

import (
	"context"
	"net/mail"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/notify"
	"github.com/carepath/carepath/internal/notify/mailtest"
)

// TestSMTPSendsOverSTARTTLSWithSignIn sends an alert email through a real SMTP server and
// checks, with net/mail, that it arrived over TLS after signing in, as an RFC 5322 message
// with Date, Message-ID and MIME headers, holding only the alert's words and link.
func TestSMTPSendsOverSTARTTLSWithSignIn(t *testing.T) {
	t.Parallel()
	srv := mailtest.Start(t)
	m, err := notify.NewSMTP(srv.URL, "carepath <alerts@clinic.example>")
	if err != nil {
		t.Fatal(err)
	}
	m.TLS = srv.ClientTLS
	n := &carepath.Notification{ID: "n1", AlertID: "a1", Tier: carepath.TierPrimary, MessageID: "0193-msg", RecipientEmail: "oncall@clinic.example"}
	msg, err := notify.AlertEmail(m.From, n, "https://carepath.clinic.example/staff/alerts/a1", time.Date(2026, 5, 4, 3, 2, 1, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Send(context.Background(), "oncall@clinic.example", msg); err != nil {
		t.Fatal(err)
	}
	got := srv.WaitFor(t, "oncall@clinic.example", 10*time.Second)
	if !got.TLS || !got.Authed {
		t.Errorf("TLS %v, signed in %v: want both", got.TLS, got.Authed)
	}
	if d, err := got.Header.Date(); err != nil || !d.Equal(time.Date(2026, 5, 4, 3, 2, 1, 0, time.UTC)) {
		t.Errorf("Date: %v %v", d, err)
	}
	if id := got.Header.Get("Message-ID"); id != "<0193-msg@clinic.example>" {
		t.Errorf("Message-ID %q", id)
	}
	if got.Header.Get("MIME-Version") != "1.0" || !strings.HasPrefix(got.Header.Get("Content-Type"), "text/plain; charset=utf-8") {
		t.Errorf("MIME headers: %v", got.Header)
	}
	if from, err := mail.ParseAddress(got.Header.Get("From")); err != nil || from.Address != "alerts@clinic.example" {
		t.Errorf("From: %v %v", from, err)
	}
	if got.Subject != "A safety alert needs you" || !strings.Contains(got.Body, "https://carepath.clinic.example/staff/alerts/a1") {
		t.Errorf("subject %q body %q", got.Subject, got.Body)
	}
}

// TestSMTPRefusesABadURL checks that a mail server URL that is not smtp:// is refused without
// repeating the URL, which may hold a password.
func TestSMTPRefusesABadURL(t *testing.T) {
	for _, u := range []string{"http://user:hunter2@mail.example", "smtp://", "mail.example:25"} {
		_, err := notify.NewSMTP(u, "alerts@clinic.example")
		if err == nil || strings.Contains(err.Error(), "hunter2") {
			t.Errorf("%q: %v", u, err)
		}
	}
	if _, err := notify.NewSMTP("smtp://mail.example:25", "not an address"); err == nil {
		t.Error("a bad sender address was accepted")
	}
}

// TestMailSenderEmailsALinkWithoutTheClientsName sends an answer link by email and checks
// the message holds the link, the expiry and the crisis lines, and no name; an SMS is refused
// with ErrNoChannel.
func TestMailSenderEmailsALinkWithoutTheClientsName(t *testing.T) {
	t.Parallel()
	srv := mailtest.Start(t)
	m, err := notify.NewSMTP(srv.URL, "alerts@clinic.example")
	if err != nil {
		t.Fatal(err)
	}
	m.TLS = srv.ClientTLS
	s := notify.MailSender{Mail: m}
	link := notify.Message{LinkID: "l1", Channel: "email", To: "dana@example.org", URL: "https://c.example/m/TOKEN", Expires: time.Date(2026, 5, 8, 0, 0, 0, 0, time.UTC)}
	if err := s.Send(context.Background(), link); err != nil {
		t.Fatal(err)
	}
	got := srv.WaitFor(t, "dana@example.org", 10*time.Second)
	for _, want := range []string{"https://c.example/m/TOKEN", "Friday 8 May 2026", "988", "911"} {
		if !strings.Contains(got.Body, want) {
			t.Errorf("body lacks %q: %s", want, got.Body)
		}
	}
	if strings.Contains(strings.ToLower(got.Body), "dana") {
		t.Errorf("body names the client: %s", got.Body)
	}
	link.Channel = "sms"
	if err := s.Send(context.Background(), link); err != notify.ErrNoChannel {
		t.Errorf("sms: %v, want ErrNoChannel", err)
	}
}
