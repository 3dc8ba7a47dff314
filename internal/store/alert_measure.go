package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/outcome"
	"github.com/google/uuid"
)

// alertNamespace makes a measure alert's id from its client and key, so that an alert
// computed on read (missed measures) has the same id every time and can be acknowledged.
var alertNamespace = uuid.MustParse("6f1c1f0e-5a1b-4f0e-9a51-6d3c2b7e8a90")

func alertID(clientID, key string) string {
	return uuid.NewSHA1(alertNamespace, []byte(clientID+"|"+key)).String()
}

func alertOf(a outcome.Alert) *carepath.MeasureAlert {
	return &carepath.MeasureAlert{ID: alertID(a.ClientID, a.Key), ClientID: a.ClientID, Kind: string(a.Kind), Priority: int(a.Priority),
		Instrument: string(a.Instrument), MeasureID: a.MeasureID, At: a.At.UTC(), Reason: a.Reason, Protocol: a.Protocol}
}

// raiseAlerts stores the alerts a client's measures raise (all but missed measures, which are
// computed when read), one row per key, and returns those new this time.
func (svc *MeasureService) raiseAlerts(ctx context.Context, tx *sql.Tx, clientID string, oms []outcome.Measure, now time.Time) ([]*carepath.MeasureAlert, error) {
	raised := []*carepath.MeasureAlert{}
	for _, a := range outcome.Alerts(outcome.AlertInput{ClientID: clientID, Measures: oms, Now: now, Config: svc.cfg}) {
		if a.Kind == outcome.AlertMissed {
			continue
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO measure_alerts (id, client_id, alert_key, kind, priority, instrument, measure_id, reason, at, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (client_id, alert_key) DO NOTHING`,
			alertID(clientID, a.Key), clientID, a.Key, string(a.Kind), int(a.Priority), string(a.Instrument), a.MeasureID, a.Reason, a.At.UTC(), now)
		if err != nil {
			return nil, fmt.Errorf("insert alert: %w", svc.s.translate(err))
		}
		if n, _ := res.RowsAffected(); n == 1 {
			raised = append(raised, alertOf(a))
		}
	}
	return raised, nil
}

const alertColumns = `a.id, a.client_id, a.kind, a.priority, a.instrument, a.measure_id, a.reason, a.at, a.acknowledged_by, a.acknowledged_at, a.note`

func scanAlert(row interface{ Scan(...any) error }) (*carepath.MeasureAlert, error) {
	var a carepath.MeasureAlert
	var ackAt sql.NullTime
	if err := row.Scan(&a.ID, &a.ClientID, &a.Kind, &a.Priority, &a.Instrument, &a.MeasureID, &a.Reason, &a.At, &a.AcknowledgedBy, &ackAt, &a.Note); err != nil {
		return nil, err
	}
	a.At = a.At.UTC()
	if ackAt.Valid {
		t := ackAt.Time.UTC()
		a.AcknowledgedAt = &t
	}
	a.Protocol = alertProtocol(a.Kind)
	return &a, nil
}

// visibleClause returns the SQL condition on clients c that applies the care-team rule, with
// its argument, and false when the actor may see no client.
func visibleClause(actor carepath.Actor, n int) (string, []any, bool) {
	col, ok := clientScope(actor)
	if !ok {
		return "", nil, false
	}
	if col == "" {
		return "1 = 1", nil, true
	}
	return fmt.Sprintf("c.%s = $%d", col, n), []any{actor.ID}, true
}

// FindMeasureAlerts lists the measure alerts of the clients the actor may see, most urgent
// first and then oldest first.
func (svc *MeasureService) FindMeasureAlerts(ctx context.Context, all bool) ([]*carepath.MeasureAlert, error) {
	out := []*carepath.MeasureAlert{}
	o := op{record: access.MeasureAlert, action: access.List, lists: true, detail: fmt.Sprintf("all %v", all)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		actor, _ := carepath.ActorFrom(ctx)
		where, args, ok := visibleClause(actor, 1)
		if !ok {
			return nil, nil
		}
		q := `SELECT ` + alertColumns + ` FROM measure_alerts a JOIN clients c ON c.id = a.client_id WHERE ` + where
		if !all {
			q += ` AND a.acknowledged_by = ''`
		}
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, fmt.Errorf("select alerts: %w", svc.s.translate(err))
		}
		stored := map[string]bool{}
		for rows.Next() {
			a, err := scanAlert(rows)
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("scan alert: %w", svc.s.translate(err))
			}
			out = append(out, a)
			stored[a.ID] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("select alerts: %w", svc.s.translate(err))
		}
		missed, err := svc.missedAlerts(ctx, tx, actor)
		if err != nil {
			return nil, err
		}
		for _, a := range missed {
			if stored[a.ID] {
				continue
			}
			if !all {
				var one int
				err := tx.QueryRowContext(ctx, `SELECT 1 FROM measure_alerts WHERE id = $1`, a.ID).Scan(&one)
				if err == nil {
					continue // acknowledged already
				}
				if !errors.Is(err, sql.ErrNoRows) {
					return nil, fmt.Errorf("select alert: %w", svc.s.translate(err))
				}
			}
			out = append(out, a)
		}
		slices.SortStableFunc(out, func(a, b *carepath.MeasureAlert) int {
			if a.Priority != b.Priority {
				return a.Priority - b.Priority
			}
			return a.At.Compare(b.At)
		})
		// One audit_shown row per client shown, however many of their alerts are listed.
		var refs []ref
		shown := map[string]bool{}
		for _, a := range out {
			if !shown[a.ClientID] {
				shown[a.ClientID] = true
				refs = append(refs, ref{ID: a.ClientID, ClientID: a.ClientID})
			}
		}
		return refs, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// missedAlerts computes the missed-measures alerts of the visible clients with an open
// episode.
func (svc *MeasureService) missedAlerts(ctx context.Context, tx *sql.Tx, actor carepath.Actor) ([]*carepath.MeasureAlert, error) {
	where, args, ok := visibleClause(actor, 1)
	if !ok {
		return nil, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT e.client_id FROM episodes e JOIN clients c ON c.id = e.client_id
		WHERE e.status = 'open' AND `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("select open episodes: %w", svc.s.translate(err))
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("scan client: %w", svc.s.translate(err))
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("select open episodes: %w", svc.s.translate(err))
	}
	now := svc.s.timestamp()
	var out []*carepath.MeasureAlert
	for _, id := range ids {
		sched, _, err := svc.scheduleOf(ctx, tx, id)
		if err != nil || sched == nil {
			if err != nil {
				return nil, err
			}
			continue
		}
		_, oms, err := svc.loadMeasures(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		for _, a := range outcome.Alerts(outcome.AlertInput{ClientID: id, Measures: oms, Schedule: sched, Now: now, Config: svc.cfg}) {
			if a.Kind == outcome.AlertMissed {
				m := alertOf(a)
				m.Key = a.Key
				out = append(out, m)
			}
		}
	}
	return out, nil
}

// AcknowledgeMeasureAlert records an acknowledgement with its note. Acknowledging the safety
// alert of the measure that set a client's crisis flag lifts the flag.
func (svc *MeasureService) AcknowledgeMeasureAlert(ctx context.Context, id, note string) (*carepath.MeasureAlert, error) {
	note = strings.TrimSpace(note)
	validate := func() error {
		var errs carepath.FieldErrors
		switch {
		case note == "":
			errs.Add("note", "required", "Please say what you did about this alert.")
		case utf8.RuneCountInString(note) > 2000:
			errs.Add("note", "too_long", "Please keep the note under 2,000 characters.")
		}
		return errs.Err()
	}
	var out *carepath.MeasureAlert
	o := op{record: access.MeasureAlert, action: access.Acknowledge, recordID: wellFormedID(id), validate: validate}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		actor, _ := carepath.ActorFrom(ctx)
		now := svc.s.timestamp()
		a, err := scanAlert(tx.QueryRowContext(ctx, `SELECT `+alertColumns+` FROM measure_alerts a WHERE a.id = $1`, id))
		switch {
		case errors.Is(err, sql.ErrNoRows):
			a, err = svc.findMissed(ctx, tx, actor, id)
			if err != nil {
				return nil, err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO measure_alerts (id, client_id, alert_key, kind, priority, instrument, measure_id, reason, at, created_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, a.ID, a.ClientID, a.Key, a.Kind, a.Priority, a.Instrument, a.MeasureID, a.Reason, a.At, now); err != nil {
				return nil, fmt.Errorf("insert alert: %w", svc.s.translate(err))
			}
		case err != nil:
			return nil, fmt.Errorf("select alert: %w", svc.s.translate(err))
		default:
			if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, a.ClientID); err != nil {
				return nil, alertNotFound()
			}
		}
		if a.AcknowledgedBy != "" {
			return nil, carepath.Errorf(carepath.ECONFLICT, "This alert was already acknowledged.")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE measure_alerts SET acknowledged_by = $1, acknowledged_at = $2, note = $3 WHERE id = $4`,
			actor.ID, now, note, a.ID); err != nil {
			return nil, fmt.Errorf("acknowledge alert: %w", svc.s.translate(err))
		}
		if err := svc.s.afterAcknowledge(ctx, tx, a, now); err != nil {
			return nil, err
		}
		a.AcknowledgedBy, a.AcknowledgedAt, a.Note = actor.ID, &now, note
		out = a
		return []ref{{ID: a.ID, ClientID: a.ClientID}}, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// findMissed finds a computed missed-measures alert by id among the visible clients.
func (svc *MeasureService) findMissed(ctx context.Context, tx *sql.Tx, actor carepath.Actor, id string) (*carepath.MeasureAlert, error) {
	if wellFormedID(id) == "" {
		return nil, alertNotFound()
	}
	missed, err := svc.missedAlerts(ctx, tx, actor)
	if err != nil {
		return nil, err
	}
	for _, a := range missed {
		if a.ID == id {
			return a, nil
		}
	}
	return nil, alertNotFound()
}

func alertNotFound() error { return carepath.Errorf(carepath.ENOTFOUND, "There is no such alert.") }

// alertProtocol is the protocol shown with an alert of kind: the crisis protocol with every
// safety alert, the withdrawal protocol with a withdrawal alert.
func alertProtocol(kind string) string {
	switch kind {
	case string(outcome.AlertSafety), string(outcome.AlertSafetyCSSRS), carepath.AlertCrisisIntake, carepath.AlertSafetyPlanMissing:
		return outcome.CrisisProtocol
	case string(outcome.AlertWithdrawal):
		return outcome.WithdrawalProtocol
	}
	return ""
}

// afterAcknowledge does what acknowledging measure alert a does besides recording it: the
// crisis flag the alert raised is lifted, and no message about it that is not sent yet will
// be (no escalation follows).
func (s *Store) afterAcknowledge(ctx context.Context, tx *sql.Tx, a *carepath.MeasureAlert, now time.Time) error {
	switch a.Kind {
	case string(outcome.AlertSafety), string(outcome.AlertSafetyCSSRS), carepath.AlertCrisisIntake:
		if _, err := tx.ExecContext(ctx, `DELETE FROM client_crisis_flags WHERE client_id = $1
			AND (alert_id = $2 OR (alert_id = '' AND measure_id = $3 AND measure_id <> ''))`, a.ClientID, a.ID, a.MeasureID); err != nil {
			return fmt.Errorf("lift crisis flag: %w", s.translate(err))
		}
	}
	return s.cancelNotifications(ctx, tx, a.ID, "acknowledged", now)
}
