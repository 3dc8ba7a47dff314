// Package notify sends messages to clients: the answer links of measurement-based care, by
// email or SMS text. A Sender is pluggable; LogSender, the default, only logs that a link was
// sent, naming the link's id — never the link itself, its token or the client's address.
package notify

import (
	"context"
	"log/slog"
	"sync"
)

// Message is one answer link to send. To is the client's email address or phone number and
// URL holds the secret token: a Sender must never log either.
type Message struct {
	LinkID  string // the answer link's id, safe to log
	Channel string // "email" or "sms"
	To      string
	URL     string
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
