package carepath

import (
	"context"
	"time"
)

// The sources of the alert a notification is about: two kinds of safety alert, the
// authorization alerts (units running out, expiry, next review) and the physician
// certification alerts (missing, due soon, overdue).
const (
	AlertSourceMeasure = "measure_alert" // a measure alert: PHQ-9 item 9 or a positive C-SSRS
	AlertSourceIntake  = "intake"        // a crisis intake request from the decision aid
	// AlertSourceAuthorization is an authorization alert due today; the notification's
	// AlertID is the authorization's id. It goes to the staff member who recorded the
	// authorization and the client's care team, once, with no escalation.
	AlertSourceAuthorization = "authorization"
	// AlertSourceCertification is a Medicare IOP episode's physician certification alert;
	// the notification's AlertID is the episode's id and its Message says what kind of alert
	// and the due date. It goes to the client's care team, once, with no escalation.
	AlertSourceCertification = "certification"
)

// The tiers of the on-call rota a notification goes to.
const (
	TierPrimary = "primary" // alerted at once
	TierBackup  = "backup"  // alerted when nobody acknowledged in time
)

// The channels a notification is sent through.
const (
	ChannelEmail   = "email"
	ChannelWebhook = "webhook"
)

// Notification is one message of the outbox: an email or a webhook call telling one on-call
// person that a safety alert needs them. It holds no client data: the message says only "A
// safety alert needs you" and links to the alert, which the recipient opens after signing in.
// It is written in the same transaction as what raised the alert, and sent by the server's
// worker at least once (MessageID, the same on every attempt, lets a receiver drop a repeat).
type Notification struct {
	ID          string    `json:"id"`
	AlertSource string    `json:"alert_source"`
	AlertID     string    `json:"alert_id"`
	ProgramID   string    `json:"program_id"`
	Tier        string    `json:"tier"`
	Channel     string    `json:"channel"`
	RecipientID string    `json:"recipient_id"`
	MessageID   string    `json:"message_id"`
	DueAt       time.Time `json:"due_at"`
	Attempts    int       `json:"attempts"`
	CreatedAt   time.Time `json:"created_at"`
	// State is pending, sent, cancelled or failed; At is when it reached that state (for
	// pending, when the next attempt is due).
	State        string    `json:"state"`
	At           time.Time `json:"at"`
	CancelReason string    `json:"cancel_reason,omitempty"`
	// Message is the line the email and webhook carry about a certification alert (its kind
	// and due date, never the client); empty for the sources whose words are fixed.
	Message string `json:"-"`
	// RecipientEmail is filled in when the worker claims the notification to send it.
	RecipientEmail string `json:"-"`
}

// The states of a notification.
const (
	NotificationPending   = "pending"
	NotificationSent      = "sent"
	NotificationCancelled = "cancelled"
	NotificationFailed    = "failed"
)

// NotificationService is the outbox the server's worker sends from. Only the command line's
// role (the worker acts as the system) may claim and mark notifications.
type NotificationService interface {
	// ClaimNotifications leases up to limit due notifications to the caller for lease, and
	// returns them with their recipient's address. A due notification whose alert was
	// acknowledged, or whose recipient's account is disabled, is cancelled instead of claimed.
	// A lease that runs out (the worker stopped mid-send) makes the notification due again.
	ClaimNotifications(ctx context.Context, lease time.Duration, limit int) ([]*Notification, error)
	// MarkNotificationSent records that a claimed notification was sent. ENOTFOUND when there
	// is no such pending notification.
	MarkNotificationSent(ctx context.Context, id string) error
	// MarkNotificationFailed records a failed attempt: the notification is due again at retry,
	// or failed for good when final. cause is a short description with no client data.
	MarkNotificationFailed(ctx context.Context, id, cause string, retry time.Time, final bool) error
}
