package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// QueueAuthorizationAlerts queues, in one transaction, the outbox messages of every
// authorization alert due today that authorization_alerts_sent does not hold yet, and records
// each there, so an alert (an authorization, a kind, a day) is queued once however often the
// worker looks. Each goes by email (and webhook, when one is configured) to the staff member
// who recorded the authorization and to the client's primary clinician and case manager, each
// person once, skipping disabled accounts; tier primary, due at once, with no escalation.
func (svc *AuthorizationService) QueueAuthorizationAlerts(ctx context.Context) (int, error) {
	queued := 0
	o := op{record: access.Notification, action: access.Create, detail: "authorization alerts", quiet: true}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		alerts, err := svc.dueAlerts(ctx, tx, false)
		if err != nil {
			return nil, err
		}
		now := svc.s.timestamp()
		var refs []ref
		for _, al := range alerts {
			res, err := tx.ExecContext(ctx, `INSERT INTO authorization_alerts_sent (authorization_id, kind, on_date, queued_at)
				VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, al.AuthorizationID, al.Kind, al.On, now)
			if err != nil {
				return nil, fmt.Errorf("insert authorization alert sent: %w", svc.s.translate(err))
			}
			if k, _ := res.RowsAffected(); k != 1 {
				continue // queued before
			}
			n, err := svc.queueAlert(ctx, tx, al, now)
			if err != nil {
				return nil, err
			}
			queued += n
			refs = append(refs, ref{ID: al.AuthorizationID, ClientID: al.ClientID})
		}
		return refs, nil
	})
	return queued, err
}

// queueAlert writes the outbox messages of one authorization alert and returns how many.
func (svc *AuthorizationService) queueAlert(ctx context.Context, tx *sql.Tx, al *carepath.AuthorizationAlert, now time.Time) (int, error) {
	var programID string
	if err := tx.QueryRowContext(ctx, `SELECT program_id FROM episodes WHERE id = $1`, al.EpisodeID).Scan(&programID); err != nil {
		return 0, fmt.Errorf("select episode program: %w", svc.s.translate(err))
	}
	var recordedBy string
	if err := tx.QueryRowContext(ctx, `SELECT created_by FROM authorizations WHERE id = $1`, al.AuthorizationID).Scan(&recordedBy); err != nil {
		return 0, fmt.Errorf("select authorization recorder: %w", svc.s.translate(err))
	}
	recipients, err := svc.s.careTeamRecipients(ctx, tx, al.ClientID, recordedBy)
	if err != nil {
		return 0, err
	}
	if len(recipients) == 0 {
		svc.s.logger().Warn("authorization alert with nobody to tell: it waits on the dashboard", "authorization_id", al.AuthorizationID)
		return 0, nil
	}
	pg := safetyPage{source: carepath.AlertSourceAuthorization, alertID: al.AuthorizationID, clientID: al.ClientID}
	return svc.s.queueToRecipients(ctx, tx, pg, programID, recipients, now)
}
