package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// NotificationService is the outbox of safety-alert messages. The server's worker claims due
// messages, sends them, and marks each sent or failed; every claim that leases a message and
// every send is audited, while a claim that finds nothing due is not (it runs every second).
type NotificationService struct {
	s *Store
}

var _ carepath.NotificationService = (*NotificationService)(nil)

// NewNotificationService returns the outbox of s.
func NewNotificationService(s *Store) *NotificationService { return &NotificationService{s: s} }

// notificationColumns are the columns scanNotification reads, from notifications n.
const notificationColumns = `n.id, n.alert_source, n.alert_id, n.program_id, n.tier, n.channel, n.recipient_id, n.message_id,
	n.due_at, n.next_attempt_at, n.attempts, n.created_at, n.sent_at, n.cancelled_at, n.cancel_reason, n.failed_at, n.message`

// scanNotification reads one row of notificationColumns.
func scanNotification(row interface{ Scan(...any) error }) (*carepath.Notification, error) {
	var n carepath.Notification
	var next time.Time
	var sent, cancelled, failed sql.NullTime
	if err := row.Scan(&n.ID, &n.AlertSource, &n.AlertID, &n.ProgramID, &n.Tier, &n.Channel, &n.RecipientID, &n.MessageID,
		&n.DueAt, &next, &n.Attempts, &n.CreatedAt, &sent, &cancelled, &n.CancelReason, &failed, &n.Message); err != nil {
		return nil, err
	}
	n.DueAt, n.CreatedAt = n.DueAt.UTC(), n.CreatedAt.UTC()
	switch {
	case sent.Valid:
		n.State, n.At = carepath.NotificationSent, sent.Time.UTC()
	case cancelled.Valid:
		n.State, n.At = carepath.NotificationCancelled, cancelled.Time.UTC()
	case failed.Valid:
		n.State, n.At = carepath.NotificationFailed, failed.Time.UTC()
	default:
		n.State, n.At = carepath.NotificationPending, next.UTC()
	}
	return &n, nil
}

// claimed is a due notification read for claiming, with what decides whether it is sent.
type claimed struct {
	n        *carepath.Notification
	clientID string
	disabled bool
}

// ClaimNotifications leases due notifications to the caller.
func (svc *NotificationService) ClaimNotifications(ctx context.Context, lease time.Duration, limit int) ([]*carepath.Notification, error) {
	if limit <= 0 {
		limit = 20
	}
	var out []*carepath.Notification
	o := op{record: access.Notification, action: access.Claim, quiet: true}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		now := svc.s.timestamp()
		rows, err := tx.QueryContext(ctx, `SELECT `+notificationColumns+`, COALESCE(n.client_id, ''), s.email, s.disabled
			FROM notifications n JOIN staff s ON s.id = n.recipient_id
			WHERE n.sent_at IS NULL AND n.cancelled_at IS NULL AND n.failed_at IS NULL AND n.next_attempt_at <= $1
			AND (n.claimed_until IS NULL OR n.claimed_until <= $1)
			ORDER BY n.next_attempt_at, n.id LIMIT $2`, now, limit)
		if err != nil {
			return nil, fmt.Errorf("select due notifications: %w", svc.s.translate(err))
		}
		var due []claimed
		for rows.Next() {
			var c claimed
			var email string
			c.n, err = scanNotification(scanTail{rows, []any{&c.clientID, &email, &c.disabled}})
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("scan notification: %w", svc.s.translate(err))
			}
			c.n.RecipientEmail = email
			due = append(due, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("select due notifications: %w", svc.s.translate(err))
		}
		var refs []ref
		for _, c := range due {
			acked, err := alertAcknowledged(ctx, svc.s, tx, c.n.AlertSource, c.n.AlertID)
			if err != nil {
				return nil, err
			}
			reason := ""
			switch {
			case acked:
				reason = "acknowledged"
			case c.disabled:
				reason = "recipient disabled"
				if c.n.AlertSource == carepath.AlertSourceAuthorization || c.n.AlertSource == carepath.AlertSourceCertification {
					svc.s.logger().Warn(c.n.AlertSource+" alert message not sent: its recipient has been disabled", "notification_id", c.n.ID)
				} else {
					svc.s.logger().Warn("safety alert message not sent: the person on call has been disabled", "notification_id", c.n.ID, "program_id", c.n.ProgramID)
				}
			}
			if reason != "" {
				if _, err := tx.ExecContext(ctx, `UPDATE notifications SET cancelled_at = $1, cancel_reason = $2 WHERE id = $3`, now, reason, c.n.ID); err != nil {
					return nil, fmt.Errorf("cancel notification: %w", svc.s.translate(err))
				}
				refs = append(refs, ref{ID: c.n.ID, ClientID: c.clientID})
				continue
			}
			res, err := tx.ExecContext(ctx, `UPDATE notifications SET claimed_until = $1, attempts = attempts + 1
				WHERE id = $2 AND (claimed_until IS NULL OR claimed_until <= $3)`, now.Add(lease), c.n.ID, now)
			if err != nil {
				return nil, fmt.Errorf("claim notification: %w", svc.s.translate(err))
			}
			if k, _ := res.RowsAffected(); k != 1 {
				continue // another worker claimed it first
			}
			c.n.Attempts++
			out = append(out, c.n)
			refs = append(refs, ref{ID: c.n.ID, ClientID: c.clientID})
		}
		return refs, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// scanTail scans a row into a notification's columns followed by more destinations.
type scanTail struct {
	rows *sql.Rows
	tail []any
}

func (t scanTail) Scan(dest ...any) error { return t.rows.Scan(append(dest, t.tail...)...) }

// alertAcknowledged reports whether the alert a notification is about was acknowledged. An
// authorization or certification alert has no acknowledgement: its one message goes out.
func alertAcknowledged(ctx context.Context, s *Store, tx *sql.Tx, source, id string) (bool, error) {
	if source == carepath.AlertSourceAuthorization || source == carepath.AlertSourceCertification {
		return false, nil
	}
	q := `SELECT acknowledged_by FROM measure_alerts WHERE id = $1`
	if source == carepath.AlertSourceIntake {
		q = `SELECT crisis_acknowledged_by FROM intake_requests WHERE id = $1`
	}
	var by string
	err := tx.QueryRowContext(ctx, q, id).Scan(&by)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("select alert: %w", s.translate(err))
	}
	return by != "", nil
}

// MarkNotificationSent records that a claimed notification was sent.
func (svc *NotificationService) MarkNotificationSent(ctx context.Context, id string) error {
	o := op{record: access.Notification, action: access.Send, recordID: wellFormedID(id), detail: "sent"}
	return svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		clientID, err := svc.pendingClient(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE notifications SET sent_at = $1, claimed_until = NULL, last_error = '' WHERE id = $2`,
			svc.s.timestamp(), id); err != nil {
			return nil, fmt.Errorf("mark sent: %w", svc.s.translate(err))
		}
		return []ref{{ID: id, ClientID: clientID}}, nil
	})
}

// MarkNotificationFailed records a failed attempt.
func (svc *NotificationService) MarkNotificationFailed(ctx context.Context, id, cause string, retry time.Time, final bool) error {
	if utf8.RuneCountInString(cause) > 300 {
		cause = string([]rune(cause)[:300])
	}
	detail := "attempt failed"
	if final {
		detail = "failed for good"
	}
	o := op{record: access.Notification, action: access.Send, recordID: wellFormedID(id), detail: detail}
	return svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		clientID, err := svc.pendingClient(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		now := svc.s.timestamp()
		var failedAt any
		if final {
			failedAt = now
		}
		if _, err := tx.ExecContext(ctx, `UPDATE notifications SET claimed_until = NULL, last_error = $1, next_attempt_at = $2,
			failed_at = $3 WHERE id = $4`, cause, retry.UTC().Truncate(time.Microsecond), failedAt, id); err != nil {
			return nil, fmt.Errorf("mark failed: %w", svc.s.translate(err))
		}
		return []ref{{ID: id, ClientID: clientID}}, nil
	})
}

// pendingClient returns the client of a notification still pending, ENOTFOUND for any other.
func (svc *NotificationService) pendingClient(ctx context.Context, tx *sql.Tx, id string) (string, error) {
	var clientID string
	err := tx.QueryRowContext(ctx, `SELECT COALESCE(client_id, '') FROM notifications
		WHERE id = $1 AND sent_at IS NULL AND cancelled_at IS NULL AND failed_at IS NULL`, id).Scan(&clientID)
	if errors.Is(err, sql.ErrNoRows) {
		return "", carepath.Errorf(carepath.ENOTFOUND, "There is no such pending message.")
	}
	if err != nil {
		return "", fmt.Errorf("select notification: %w", svc.s.translate(err))
	}
	return clientID, nil
}

// readNotifications reads the messages about one alert, oldest first.
func readNotifications(ctx context.Context, s *Store, tx *sql.Tx, alertID string) ([]*carepath.Notification, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+notificationColumns+` FROM notifications n WHERE n.alert_id = $1
		ORDER BY n.due_at, n.tier, n.channel, n.id`, alertID)
	if err != nil {
		return nil, fmt.Errorf("select notifications: %w", s.translate(err))
	}
	defer rows.Close()
	out := []*carepath.Notification{}
	for rows.Next() {
		n, err := scanNotification(rows)
		if err != nil {
			return nil, fmt.Errorf("scan notification: %w", s.translate(err))
		}
		out = append(out, n)
	}
	return out, rows.Err()
}
