// Package notify delivers carepath's messages so that they reach a person: links to clients
// (answer links, safety plans) by email, and safety alerts to the staff on call by email and
// webhook, from the outbox (Outbox, the server's worker). Email goes through a real mail
// server (SMTP, with STARTTLS and sign-in) as RFC 5322 messages (Email); a paging service gets
// a JSON POST (Webhook). No message holds a client's name or answers. A Sender of links is
// pluggable; LogSender, used when no mail server is configured, only logs that a link was
// ready, naming the link's id — never the link itself, its token or the client's address.
package notify

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"
)

// Message is one link to send. To is the client's email address or phone number and
// URL holds the secret token: a Sender must never log either.
type Message struct {
	LinkID  string // the link's id, safe to log
	Channel string // "email" or "sms"
	To      string
	URL     string
	Kind    string    // "" for an answer link, "safety_plan" for a safety plan link
	Expires time.Time // when the link stops working (zero: not said)
}

// Sender sends a message through its channel.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// LogSender is the default Sender: it sends nothing and logs the link's id and channel.
type LogSender struct{ Log *slog.Logger }

// Send logs that m would have been sent.
func (s LogSender) Send(ctx context.Context, m Message) error {
	log := s.Log
	if log == nil {
		log = slog.Default()
	}
	log.InfoContext(ctx, "answer link ready (log sender: not delivered)", "link_id", m.LinkID, "channel", m.Channel)
	return nil
}

// Recorder is a Sender that keeps the messages it is given, for tests and demos. It is safe
// for concurrent use.
type Recorder struct {
	mu   sync.Mutex
	sent []Message
}

// Send records m.
func (r *Recorder) Send(_ context.Context, m Message) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sent = append(r.sent, m)
	return nil
}

// Sent returns a copy of the messages recorded so far.
func (r *Recorder) Sent() []Message {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Message(nil), r.sent...)
}

// ErrNoChannel is the error of a link that cannot be sent through the channel asked for,
// because carepath has no server for it (no mail server, or no SMS gateway).
var ErrNoChannel = errors.New("no server is configured for this channel")

// MailSender sends links by email through a mail server. It sends no SMS: a text message is
// ErrNoChannel.
type MailSender struct {
	Mail *SMTP
	Now  func() time.Time // nil: time.Now
}

// Send emails the link in m to m.To: who it is from, what to do, when it expires, and where
// to turn in danger; never the client's name.
func (s MailSender) Send(ctx context.Context, m Message) error {
	if m.Channel != "email" || s.Mail == nil {
		return ErrNoChannel
	}
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	subject, body := "Questions from your care team", "Your care team asks you to answer a few short questions before your next appointment.\n\n"+
		"Open this link to answer them (it works once):\n"+m.URL+"\n"
	if m.Kind == "safety_plan" {
		subject, body = "Your safety plan", "Here is the link to the safety plan you made with your care team. "+
			"Keep this email so you can open it whenever you need it:\n"+m.URL+"\n"
	}
	if !m.Expires.IsZero() {
		body += "\nThe link works until " + m.Expires.UTC().Format("Monday 2 January 2006") + ".\n"
	}
	body += "\nIf you are in danger now, call or text 988 (Suicide & Crisis Lifeline) or call 911.\n"
	msg, err := Email{From: s.Mail.From, To: m.To, Subject: subject, Body: body, Date: now()}.Compose()
	if err != nil {
		return err
	}
	return s.Mail.Send(ctx, m.To, msg)
}
