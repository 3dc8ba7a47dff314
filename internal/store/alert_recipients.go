package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/carepath/carepath"
)

// careTeamRecipients returns who a client's day-to-day alerts (authorization and certification
// alerts) go to: the client's primary clinician and case manager, and also (a staff id, or ""
// for nobody more), each person once, by id, skipping disabled accounts.
func (s *Store) careTeamRecipients(ctx context.Context, tx *sql.Tx, clientID, also string) ([]string, error) {
	return s.stringColumn(ctx, tx, `SELECT s.id FROM staff s WHERE NOT s.disabled AND (s.id = $2 OR s.id IN (
		SELECT c.primary_clinician_id FROM clients c WHERE c.id = $1
		UNION SELECT c.case_manager_id FROM clients c WHERE c.id = $1)) ORDER BY s.id`, clientID, also)
}

// queueToRecipients writes the outbox messages of one alert that goes once to each of
// recipients, with no escalation: an email (and a webhook call, when one is configured) to
// each, tier primary, due now. It returns how many it wrote.
func (s *Store) queueToRecipients(ctx context.Context, tx *sql.Tx, pg safetyPage, programID string, recipients []string, now time.Time) (int, error) {
	channels := []string{carepath.ChannelEmail}
	if s.alerting.Webhook {
		channels = append(channels, carepath.ChannelWebhook)
	}
	n := 0
	for _, to := range recipients {
		for _, ch := range channels {
			if err := s.insertNotification(ctx, tx, pg, programID, carepath.TierPrimary, ch, to, now, now); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}
