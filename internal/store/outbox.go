package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/carepath/carepath"
	"github.com/google/uuid"
)

// safetyPage is an alert to tell people about: where it comes from, its id, the client it is
// about ("" for an intake request), and the line its messages carry about it ("" for the
// sources whose words are fixed; never client data).
type safetyPage struct {
	source, alertID, clientID, message string
}

// pageOnCall writes, in tx (the transaction that raised the alert), the outbox messages of one
// safety alert: for each program in programIDs with an on-call rota, an email (and a webhook
// call, when one is configured) to the person on call now, due at once, and the same to the
// backup, due after the escalation delay; with no backup, the escalation goes to the primary
// again. Someone who is on call for several of the programs gets each message once. A program
// without a rota is logged as a warning (its id only): the alert still waits on the dashboard.
// It returns how many messages it queued.
func (s *Store) pageOnCall(ctx context.Context, tx *sql.Tx, pg safetyPage, programIDs []string) (int, error) {
	now := s.timestamp()
	channels := []string{carepath.ChannelEmail}
	if s.alerting.Webhook {
		channels = append(channels, carepath.ChannelWebhook)
	}
	queued := 0
	seen := map[string]bool{}
	for _, pid := range programIDs {
		oc, err := readOnCall(ctx, s, tx, pid)
		if err != nil {
			return queued, err
		}
		if oc == nil {
			s.logger().Warn("safety alert raised for a program with nobody on call: it waits on the dashboard",
				"program_id", pid, "alert_id", pg.alertID)
			continue
		}
		primary, backup := oc.At(now)
		if backup == "" {
			backup = primary
		}
		for _, m := range []struct {
			tier, to string
			due      time.Time
		}{{carepath.TierPrimary, primary, now}, {carepath.TierBackup, backup, now.Add(s.alerting.EscalateAfter)}} {
			for _, ch := range channels {
				key := m.tier + "|" + ch + "|" + m.to
				if seen[key] {
					continue
				}
				seen[key] = true
				if err := s.insertNotification(ctx, tx, pg, pid, m.tier, ch, m.to, m.due, now); err != nil {
					return queued, err
				}
				queued++
			}
		}
	}
	if len(programIDs) == 0 {
		s.logger().Warn("safety alert raised with no program to page: it waits on the dashboard", "alert_id", pg.alertID)
	}
	return queued, nil
}

// insertNotification writes one outbox row.
func (s *Store) insertNotification(ctx context.Context, tx *sql.Tx, pg safetyPage, programID, tier, channel, to string, due, now time.Time) error {
	id, err := uuid.NewV7()
	if err != nil {
		return fmt.Errorf("new id: %w", err)
	}
	msgID, err := uuid.NewRandom()
	if err != nil {
		return fmt.Errorf("new message id: %w", err)
	}
	var client any
	if pg.clientID != "" {
		client = pg.clientID
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO notifications (id, alert_source, alert_id, client_id, program_id, tier, channel,
		recipient_id, message_id, due_at, next_attempt_at, created_at, message) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12)`,
		id.String(), pg.source, pg.alertID, client, programID, tier, channel, to, msgID.String(), due, now, pg.message); err != nil {
		return fmt.Errorf("insert notification: %w", s.translate(err))
	}
	return nil
}

// programsOfClient returns the programs whose on-call answers for a client: those of the
// client's open episodes; with none open, the program of their latest episode; with no episode
// at all, the programs that answer crisis intake requests.
func (s *Store) programsOfClient(ctx context.Context, tx *sql.Tx, clientID string) ([]string, error) {
	ids, err := s.stringColumn(ctx, tx, `SELECT DISTINCT program_id FROM episodes WHERE client_id = $1 AND status = 'open' ORDER BY program_id`, clientID)
	if err != nil || len(ids) > 0 {
		return ids, err
	}
	ids, err = s.stringColumn(ctx, tx, `SELECT program_id FROM episodes WHERE client_id = $1 ORDER BY admitted_on DESC, id DESC LIMIT 1`, clientID)
	if err != nil || len(ids) > 0 {
		return ids, err
	}
	return s.intakePrograms(ctx, tx)
}

// intakePrograms returns the programs whose on-call answers crisis intake requests: those whose
// rota says so, or, when none does, every program with a rota, so that a crisis always
// reaches someone who is on call.
func (s *Store) intakePrograms(ctx context.Context, tx *sql.Tx) ([]string, error) {
	ids, err := s.stringColumn(ctx, tx, `SELECT program_id FROM program_on_call WHERE intake_alerts ORDER BY program_id`)
	if err != nil || len(ids) > 0 {
		return ids, err
	}
	return s.stringColumn(ctx, tx, `SELECT program_id FROM program_on_call ORDER BY program_id`)
}

// stringColumn runs a query of one text column and returns its values.
func (s *Store) stringColumn(ctx context.Context, tx *sql.Tx, q string, args ...any) ([]string, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("select: %w", s.translate(err))
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("scan: %w", s.translate(err))
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("select: %w", s.translate(err))
	}
	return out, nil
}

// cancelNotifications cancels, in tx, every message about alertID not yet sent: the alert was
// acknowledged, so nobody needs paging any more. A message the worker is sending right now
// (claimed, its lease running) is left to the worker, which records it sent (or, if it stops
// mid-send, finds the alert acknowledged when the lease runs out and cancels it then): it may
// already have reached its recipient, and the record must say so.
func (s *Store) cancelNotifications(ctx context.Context, tx *sql.Tx, alertID, reason string, now time.Time) error {
	if _, err := tx.ExecContext(ctx, `UPDATE notifications SET cancelled_at = $1, cancel_reason = $2
		WHERE alert_id = $3 AND sent_at IS NULL AND cancelled_at IS NULL AND failed_at IS NULL
		AND (claimed_until IS NULL OR claimed_until <= $1)`, now, reason, alertID); err != nil {
		return fmt.Errorf("cancel notifications: %w", s.translate(err))
	}
	return nil
}
