package notify_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/notify"
	"github.com/carepath/carepath/internal/notify/mailtest"
)

// TestAuthorizationEmailSaysWhatAndLinks sends an authorization alert's email through a real SMTP
// server and reads it back with net/mail (mailtest): its own subject, a body that says what
// kind of alert it is and links to the authorization (naming no client, payer or number), the
// notification's Message-ID. Its webhook payload
// names the event, the subject and the same link.
func TestAuthorizationEmailSaysWhatAndLinks(t *testing.T) {
	t.Parallel()
	srv := mailtest.Start(t)
	m, err := notify.NewSMTP(srv.URL, "carepath <alerts@clinic.example>")
	if err != nil {
		t.Fatal(err)
	}
	m.TLS = srv.ClientTLS
	n := &carepath.Notification{ID: "n2", AlertSource: carepath.AlertSourceAuthorization, AlertID: "auth-1", Tier: carepath.TierPrimary,
		MessageID: "0194-msg", RecipientEmail: "ana@clinic.example"}
	link := notify.AlertLink("https://carepath.clinic.example/", n)
	if link != "https://carepath.clinic.example/staff/authorizations/auth-1" {
		t.Fatalf("link %q", link)
	}
	msg, err := notify.AlertEmail(m.From, n, link, time.Date(2026, 11, 4, 8, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Send(context.Background(), n.RecipientEmail, msg); err != nil {
		t.Fatal(err)
	}
	got := srv.WaitFor(t, n.RecipientEmail, 10*time.Second)
	if got.Subject != "carepath: an authorization needs attention" {
		t.Errorf("subject %q", got.Subject)
	}
	if body := strings.ReplaceAll(strings.TrimSpace(got.Body), "\r\n", "\n"); !strings.HasSuffix(body, "Sign in to see it:\n"+link) || !strings.Contains(body, "authorization") {
		t.Errorf("body %q, want what it is about and the link %s", body, link)
	}
	if id := got.Header.Get("Message-ID"); id != "<0194-msg@clinic.example>" {
		t.Errorf("Message-ID %q", id)
	}
	p := notify.AlertPayload(n, link)
	if p["event"] != "authorization_alert" || p["message"] != notify.AuthorizationSubject || p["url"] != link {
		t.Errorf("payload %v", p)
	}
	safety := &carepath.Notification{AlertSource: carepath.AlertSourceMeasure, AlertID: "m1"}
	if l := notify.AlertLink("https://c.example", safety); l != "https://c.example/staff/alerts/m1" {
		t.Errorf("a safety alert's link %q", l)
	}
}

// TestCertificationEmailSaysWhatAndLinks: a certification alert's email has its own subject, a
// body of the notification's message (kind and due date) and the link to the episode's
// certification; the webhook payload names the event, the message and the same link.
func TestCertificationEmailSaysWhatAndLinks(t *testing.T) {
	t.Parallel()
	srv := mailtest.Start(t)
	m, err := notify.NewSMTP(srv.URL, "carepath <alerts@clinic.example>")
	if err != nil {
		t.Fatal(err)
	}
	m.TLS = srv.ClientTLS
	n := &carepath.Notification{ID: "n3", AlertSource: carepath.AlertSourceCertification, AlertID: "ep-1", Tier: carepath.TierPrimary,
		MessageID: "0195-msg", RecipientEmail: "ana@clinic.example", Message: "A physician recertification is overdue: it was due on 2026-12-25."}
	link := notify.AlertLink("https://carepath.clinic.example/", n)
	if link != "https://carepath.clinic.example/staff/episodes/ep-1/certification" {
		t.Fatalf("link %q", link)
	}
	msg, err := notify.AlertEmail(m.From, n, link, time.Date(2026, 12, 27, 8, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Send(context.Background(), n.RecipientEmail, msg); err != nil {
		t.Fatal(err)
	}
	got := srv.WaitFor(t, n.RecipientEmail, 10*time.Second)
	if got.Subject != notify.CertificationSubject {
		t.Errorf("subject %q", got.Subject)
	}
	if body := strings.ReplaceAll(strings.TrimSpace(got.Body), "\r\n", "\n"); body != n.Message+"\n\nSign in to see it:\n"+link {
		t.Errorf("body %q, want the message and the link %s", body, link)
	}
	p := notify.AlertPayload(n, link)
	if p["event"] != "certification_alert" || p["message"] != n.Message || p["url"] != link {
		t.Errorf("payload %v", p)
	}
}
