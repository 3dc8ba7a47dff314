package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// QueueCertificationAlerts queues, in one transaction, the outbox messages of every
// certification alert that certification_alerts_sent does not hold yet, and records each
// there, so an alert (an episode, a kind, a due date) is queued once however often the worker
// looks; a recertification due later is a new alert. Each goes by email (and webhook, when one
// is configured) to the client's primary clinician and case manager, each person once,
// skipping disabled accounts; tier primary, due at once, with no escalation. carepath keeps
// no staff record of a program's medical director (claims name the attending by NPI only), so
// the care team is told.
func (svc *CertificationService) QueueCertificationAlerts(ctx context.Context) (int, error) {
	queued := 0
	o := op{record: access.Notification, action: access.Create, detail: "certification alerts", quiet: true}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		alerts, err := certificationAlerts(ctx, svc.s, tx)
		if err != nil {
			return nil, err
		}
		now := svc.s.timestamp()
		var refs []ref
		for _, al := range alerts {
			res, err := tx.ExecContext(ctx, `INSERT INTO certification_alerts_sent (episode_id, kind, due_on, queued_at)
				VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, al.EpisodeID, al.Kind, al.Due, now)
			if err != nil {
				return nil, fmt.Errorf("insert certification alert sent: %w", svc.s.translate(err))
			}
			if k, _ := res.RowsAffected(); k != 1 {
				continue // queued before
			}
			var programID string
			if err := tx.QueryRowContext(ctx, `SELECT program_id FROM episodes WHERE id = $1`, al.EpisodeID).Scan(&programID); err != nil {
				return nil, fmt.Errorf("select episode program: %w", svc.s.translate(err))
			}
			recipients, err := svc.s.careTeamRecipients(ctx, tx, al.ClientID, "")
			if err != nil {
				return nil, err
			}
			if len(recipients) == 0 {
				svc.s.logger().Warn("certification alert with nobody to tell: it waits on the dashboard", "episode_id", al.EpisodeID)
				continue
			}
			pg := safetyPage{source: carepath.AlertSourceCertification, alertID: al.EpisodeID, clientID: al.ClientID,
				message: certificationAlertMessage(al)}
			n, err := svc.s.queueToRecipients(ctx, tx, pg, programID, recipients, now)
			if err != nil {
				return nil, err
			}
			queued += n
			refs = append(refs, ref{ID: al.EpisodeID, ClientID: al.ClientID})
		}
		return refs, nil
	})
	return queued, err
}

// certificationAlertMessage is the line the outbox messages of certification alert a carry:
// its kind and due date, and nothing about the client.
func certificationAlertMessage(a *carepath.CertificationAlert) string {
	switch a.Kind {
	case carepath.CertificationMissing:
		return "A physician certification is missing for a Medicare IOP episode: its claims are held until one is recorded."
	case carepath.CertificationOverdue:
		return "A physician recertification is overdue: it was due on " + a.Due + ", and Medicare IOP claims from that day are held."
	}
	return "A physician recertification is due by " + a.Due + "."
}
