package notify

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/carepath/carepath"
)

// AlertSubject is the subject of every safety-alert email, and its whole message besides the
// link: nothing in it names or describes the client.
const AlertSubject = "A safety alert needs you"

// AuthorizationSubject is the subject of every authorization-alert email (units running out,
// an authorization ending, a review coming up), whose body says what kind of alert it is and
// gives the sign-in link: nothing in it names the client, the payer or the authorization.
const AuthorizationSubject = "carepath: an authorization needs attention"

// CertificationSubject is the subject of every certification-alert email (a physician
// certification missing, a recertification due soon or overdue), whose body is the
// notification's message (the kind of alert and its due date) and the sign-in link to the
// episode: nothing in it names the client.
const CertificationSubject = "carepath: a physician certification needs attention"

// OutboxActor is who the outbox worker acts as: the system, as the command line does.
var OutboxActor = carepath.Actor{ID: "system:outbox", Role: carepath.RoleSystem, Remote: "outbox"}

// Outbox is the server's worker that sends the safety-alert messages of the outbox
// (carepath.NotificationService): every Poll it claims the messages that are due, sends each
// by email or webhook, and marks it sent, or failed with a retry after a growing pause.
//
// Delivery is at least once. A message is claimed (leased for Lease) before it is sent and
// marked sent after: if the process stops in between, the lease runs out and the message is
// sent again after a restart. The other choice, marking before sending, could lose a safety
// alert, which is worse than a repeat. A repeat carries the same Message-ID (and the webhook
// the same Idempotency-Key), so mail clients and paging services can show it once.
type Outbox struct {
	Store   carepath.NotificationService
	Mail    *SMTP    // nil: no mail server, and emails fail for good
	Webhook *Webhook // nil: no paging service, and webhook messages fail for good
	BaseURL string   // the start of the link to the alert, e.g. https://carepath.clinic.example
	Log     *slog.Logger
	// Poll is how often due messages are looked for (0: 2 seconds); Lease how long a claimed
	// message is the worker's before it is due again (0: 2 minutes, more than one send's
	// timeout); MaxAttempts how many attempts a message gets (0: 20, about 1.5 hours).
	Poll        time.Duration
	Lease       time.Duration
	MaxAttempts int
}

// Run sends due messages until ctx is done.
func (o *Outbox) Run(ctx context.Context) {
	poll := o.Poll
	if poll <= 0 {
		poll = 2 * time.Second
	}
	t := time.NewTicker(poll)
	defer t.Stop()
	for {
		if _, err := o.Tick(ctx); err != nil && ctx.Err() == nil {
			o.log().Error("outbox", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Tick claims the due messages once, sends them, and returns how many were sent.
func (o *Outbox) Tick(ctx context.Context) (int, error) {
	ctx = carepath.NewContext(ctx, OutboxActor)
	lease := o.Lease
	if lease <= 0 {
		lease = 2 * time.Minute
	}
	due, err := o.Store.ClaimNotifications(ctx, lease, 20)
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, n := range due {
		err := o.send(ctx, n)
		if err == nil {
			if merr := o.Store.MarkNotificationSent(ctx, n.ID); merr != nil {
				// Sent but not marked: the lease runs out and it is sent again (at least once).
				o.log().Error("outbox: message sent but not marked", "notification_id", n.ID, "err", merr)
				continue
			}
			sent++
			o.log().Info("alert message sent", "alert_source", n.AlertSource, "notification_id", n.ID, "alert_id", n.AlertID, "channel", n.Channel,
				"tier", n.Tier, "attempt", n.Attempts, "since_due", time.Since(n.DueAt).Round(time.Millisecond).String())
			continue
		}
		final := n.Attempts >= o.maxAttempts() || err == errNotConfigured
		retry := time.Now().Add(backoff(n.Attempts))
		o.log().Warn("alert message not sent", "alert_source", n.AlertSource, "notification_id", n.ID, "channel", n.Channel, "tier", n.Tier,
			"attempt", n.Attempts, "final", final, "err", err)
		if merr := o.Store.MarkNotificationFailed(ctx, n.ID, err.Error(), retry, final); merr != nil {
			o.log().Error("outbox: failure not recorded", "notification_id", n.ID, "err", merr)
		}
	}
	return sent, nil
}

// errNotConfigured is the failure of a message whose channel has no server configured.
var errNotConfigured = &carepath.Error{Code: carepath.EINTERNAL, Message: "channel not configured"}

// send sends one message through its channel.
func (o *Outbox) send(ctx context.Context, n *carepath.Notification) error {
	link := AlertLink(o.BaseURL, n)
	switch n.Channel {
	case carepath.ChannelEmail:
		if o.Mail == nil {
			return errNotConfigured
		}
		msg, err := AlertEmail(o.Mail.From, n, link, time.Now())
		if err != nil {
			return err
		}
		return o.Mail.Send(ctx, n.RecipientEmail, msg)
	case carepath.ChannelWebhook:
		if o.Webhook == nil {
			return errNotConfigured
		}
		return o.Webhook.Post(ctx, AlertPayload(n, link), n.MessageID)
	}
	return errNotConfigured
}

// AlertLink is the page notification n links to under base: the safety alert's page, the
// authorization's (which opens the episode's authorizations at it), or the episode's
// physician certification.
func AlertLink(base string, n *carepath.Notification) string {
	switch n.AlertSource {
	case carepath.AlertSourceAuthorization:
		return strings.TrimSuffix(base, "/") + "/staff/authorizations/" + n.AlertID
	case carepath.AlertSourceCertification:
		return strings.TrimSuffix(base, "/") + "/staff/episodes/" + n.AlertID + "/certification"
	}
	return strings.TrimSuffix(base, "/") + "/staff/alerts/" + n.AlertID
}

// AlertEmail composes the email of notification n: for a safety alert the subject
// AlertSubject and a sign-in link to the alert, for an authorization alert the subject
// AuthorizationSubject, the kinds of alert it may be and the link, for a certification alert
// the subject CertificationSubject, the notification's message and the link; nothing else
// about any. Its Message-ID is the notification's, the same on every attempt.
func AlertEmail(from string, n *carepath.Notification, link string, now time.Time) ([]byte, error) {
	if n.AlertSource == carepath.AlertSourceCertification {
		body := n.Message + "\n\nSign in to see it:\n" + link + "\n"
		return Email{From: from, To: n.RecipientEmail, Subject: CertificationSubject, Body: body,
			MessageID: n.MessageID + "@" + domainOf(from), Date: now}.Compose()
	}
	if n.AlertSource == carepath.AlertSourceAuthorization {
		body := "A payer's authorization of a client's care needs attention: its units are running out, it is ending, or a review is due.\n\nSign in to see it:\n" + link + "\n"
		return Email{From: from, To: n.RecipientEmail, Subject: AuthorizationSubject, Body: body,
			MessageID: n.MessageID + "@" + domainOf(from), Date: now}.Compose()
	}
	body := AlertSubject + ".\n\nSign in to see it and acknowledge it:\n" + link + "\n"
	if n.Tier == carepath.TierBackup {
		body += "\nYou are receiving this as the backup on call: nobody has acknowledged the alert yet.\n"
	}
	body += "\nUntil someone acknowledges it, the alert escalates.\n"
	return Email{From: from, To: n.RecipientEmail, Subject: AlertSubject, Body: body,
		MessageID: n.MessageID + "@" + domainOf(from), Date: now}.Compose()
}

// AlertPayload is the webhook body of notification n: the event (safety_alert,
// authorization_alert or certification_alert), who is told, in which tier, and the link, with
// no client data.
func AlertPayload(n *carepath.Notification, link string) map[string]any {
	event, message := "safety_alert", AlertSubject
	switch n.AlertSource {
	case carepath.AlertSourceAuthorization:
		event, message = "authorization_alert", AuthorizationSubject
	case carepath.AlertSourceCertification:
		event, message = "certification_alert", n.Message
	}
	return map[string]any{
		"event": event, "message": message, "url": link, "tier": n.Tier,
		"alert_id": n.AlertID, "program_id": n.ProgramID, "notification_id": n.ID, "message_id": n.MessageID,
		"recipient": map[string]string{"staff_id": n.RecipientID, "email": n.RecipientEmail},
		"due_at":    n.DueAt.UTC().Format(time.RFC3339),
	}
}

// backoff is the pause after attempt n (1-based) failed: 15 s, doubling, at most 5 minutes.
func backoff(n int) time.Duration {
	d := 15 * time.Second
	for i := 1; i < n && d < 5*time.Minute; i++ {
		d *= 2
	}
	return min(d, 5*time.Minute)
}

func (o *Outbox) maxAttempts() int {
	if o.MaxAttempts <= 0 {
		return 20
	}
	return o.MaxAttempts
}

func (o *Outbox) log() *slog.Logger {
	if o.Log == nil {
		return slog.Default()
	}
	return o.Log
}
