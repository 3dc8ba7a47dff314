package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/outcome"
)

// SafetyAlertService shows and acknowledges the alerts the on-call rota is paged about: a
// client's measure alerts and crisis intake requests. Who sees one is access.SeesSafetyAlert:
// the client's care team (the intake queue's staff, for a request) and whoever was paged.
type SafetyAlertService struct {
	s *Store
}

var _ carepath.SafetyAlertService = (*SafetyAlertService)(nil)

// NewSafetyAlertService returns the safety-alert service of s.
func NewSafetyAlertService(s *Store) *SafetyAlertService { return &SafetyAlertService{s: s} }

// FindSafetyAlert returns one alert with how to reach the person and who was paged.
func (svc *SafetyAlertService) FindSafetyAlert(ctx context.Context, id string) (*carepath.SafetyAlert, error) {
	var out *carepath.SafetyAlert
	o := op{record: access.SafetyAlert, action: access.Read, recordID: wellFormedID(id)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		a, err := svc.read(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		out = a
		return []ref{{ID: a.ID, ClientID: a.ClientID}}, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// read reads the alert id in tx as the actor may see it, ENOTFOUND when they may not.
func (svc *SafetyAlertService) read(ctx context.Context, tx *sql.Tx, id string) (*carepath.SafetyAlert, error) {
	if wellFormedID(id) == "" {
		return nil, alertNotFound()
	}
	actor, _ := carepath.ActorFrom(ctx)
	var paged int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM notifications WHERE alert_id = $1 AND recipient_id = $2`,
		id, actor.ID).Scan(&paged); err != nil {
		return nil, fmt.Errorf("select notifications: %w", svc.s.translate(err))
	}
	var a *carepath.SafetyAlert
	ma, err := scanAlert(tx.QueryRowContext(ctx, `SELECT `+alertColumns+` FROM measure_alerts a WHERE a.id = $1`, id))
	switch {
	case err == nil:
		c, err := scanClient(tx.QueryRowContext(ctx, `SELECT `+clientColumns+` FROM clients WHERE id = $1`, ma.ClientID))
		if err != nil {
			return nil, fmt.Errorf("select client: %w", svc.s.translate(err))
		}
		if !access.SeesSafetyAlert(access.CanSeeClient(actor, c), paged > 0) {
			return nil, alertNotFound()
		}
		a = &carepath.SafetyAlert{ID: ma.ID, Source: carepath.AlertSourceMeasure, Kind: ma.Kind, ClientID: ma.ClientID, At: ma.At,
			Reason: ma.Reason, Protocol: alertProtocol(ma.Kind), AcknowledgedBy: ma.AcknowledgedBy, AcknowledgedAt: ma.AcknowledgedAt, Note: ma.Note,
			Contact: carepath.SafetyContact{Name: strings.TrimSpace(c.GivenName + " " + c.FamilyName), Phone: c.Phone, Email: c.Email,
				EmergencyName: c.EmergencyContact.Name, EmergencyPhone: c.EmergencyContact.Phone, EmergencyRelated: c.EmergencyContact.Relationship}}
	case errors.Is(err, sql.ErrNoRows):
		if a, err = svc.readIntake(ctx, tx, id); err != nil {
			return nil, err
		}
		if !access.SeesSafetyAlert(access.Allowed(actor.Role, access.Intake, access.Read), paged > 0) {
			return nil, alertNotFound()
		}
	default:
		return nil, fmt.Errorf("select alert: %w", svc.s.translate(err))
	}
	if a.Notifications, err = readNotifications(ctx, svc.s, tx, id); err != nil {
		return nil, err
	}
	return a, nil
}

// intakeAlertColumns are the columns scanIntakeAlert reads from intake_requests.
const intakeAlertColumns = `id, created_at, name, email, phone, best_times, crisis_acknowledged_by, crisis_acknowledged_at, crisis_note`

// scanIntakeAlert reads one crisis intake request as a safety alert.
func scanIntakeAlert(row interface{ Scan(...any) error }) (*carepath.SafetyAlert, error) {
	a := &carepath.SafetyAlert{Source: carepath.AlertSourceIntake, Kind: carepath.AlertCrisisIntake, Protocol: outcome.CrisisProtocol,
		Reason: "A request from the decision aid whose answers show thoughts of death, self-harm or suicide, or another crisis: contact the person today."}
	var ackAt sql.NullTime
	if err := row.Scan(&a.ID, &a.At, &a.Contact.Name, &a.Contact.Email, &a.Contact.Phone, &a.Contact.BestTimes,
		&a.AcknowledgedBy, &ackAt, &a.Note); err != nil {
		return nil, err
	}
	a.IntakeID, a.At = a.ID, a.At.UTC()
	if ackAt.Valid {
		t := ackAt.Time.UTC()
		a.AcknowledgedAt = &t
	}
	return a, nil
}

// readIntake reads the crisis intake request id as a safety alert.
func (svc *SafetyAlertService) readIntake(ctx context.Context, tx *sql.Tx, id string) (*carepath.SafetyAlert, error) {
	a, err := scanIntakeAlert(tx.QueryRowContext(ctx, `SELECT `+intakeAlertColumns+` FROM intake_requests WHERE id = $1 AND crisis`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, alertNotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("select intake: %w", svc.s.translate(err))
	}
	return a, nil
}

// AcknowledgeSafetyAlert records an acknowledgement and cancels every message not sent yet.
func (svc *SafetyAlertService) AcknowledgeSafetyAlert(ctx context.Context, id, note string) (*carepath.SafetyAlert, error) {
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
	var out *carepath.SafetyAlert
	o := op{record: access.SafetyAlert, action: access.Acknowledge, recordID: wellFormedID(id), validate: validate}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		a, err := svc.read(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		if a.AcknowledgedBy != "" {
			return nil, carepath.Errorf(carepath.ECONFLICT, "This alert was already acknowledged.")
		}
		actor, _ := carepath.ActorFrom(ctx)
		now := svc.s.timestamp()
		if err := svc.s.acknowledge(ctx, tx, a, actor.ID, note, now); err != nil {
			return nil, err
		}
		a.AcknowledgedBy, a.AcknowledgedAt, a.Note = actor.ID, &now, note
		if a.Notifications, err = readNotifications(ctx, svc.s, tx, id); err != nil {
			return nil, err
		}
		out = a
		return []ref{{ID: a.ID, ClientID: a.ClientID}}, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// acknowledge records, in tx, that by acknowledged alert a with note at now, lifts what it
// raised and cancels its unsent messages. ECONFLICT when someone acknowledged it first.
func (s *Store) acknowledge(ctx context.Context, tx *sql.Tx, a *carepath.SafetyAlert, by, note string, now time.Time) error {
	q := `UPDATE measure_alerts SET acknowledged_by = $1, acknowledged_at = $2, note = $3 WHERE id = $4 AND acknowledged_by = ''`
	if a.Source == carepath.AlertSourceIntake {
		q = `UPDATE intake_requests SET crisis_acknowledged_by = $1, crisis_acknowledged_at = $2, crisis_note = $3
			WHERE id = $4 AND crisis_acknowledged_by = ''`
	}
	res, err := tx.ExecContext(ctx, q, by, now, note, a.ID)
	if err != nil {
		return fmt.Errorf("acknowledge alert: %w", s.translate(err))
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return carepath.Errorf(carepath.ECONFLICT, "This alert was already acknowledged.")
	}
	if a.Source == carepath.AlertSourceIntake {
		return s.cancelNotifications(ctx, tx, a.ID, "acknowledged", now)
	}
	return s.afterAcknowledge(ctx, tx, &carepath.MeasureAlert{ID: a.ID, ClientID: a.ClientID, Kind: a.Kind}, now)
}

// FindCrisisIntakeAlerts lists the crisis intake requests not yet acknowledged, oldest first.
func (svc *SafetyAlertService) FindCrisisIntakeAlerts(ctx context.Context) ([]*carepath.SafetyAlert, error) {
	out := []*carepath.SafetyAlert{}
	o := op{record: access.SafetyAlert, action: access.List, detail: "crisis intakes"}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		actor, _ := carepath.ActorFrom(ctx)
		if !access.Allowed(actor.Role, access.Intake, access.List) {
			return nil, nil
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+intakeAlertColumns+` FROM intake_requests
			WHERE crisis AND crisis_acknowledged_by = '' AND status <> 'closed' ORDER BY created_at, id`)
		if err != nil {
			return nil, fmt.Errorf("select crisis intakes: %w", svc.s.translate(err))
		}
		defer rows.Close()
		var refs []ref
		for rows.Next() {
			a, err := scanIntakeAlert(rows)
			if err != nil {
				return nil, fmt.Errorf("scan intake: %w", svc.s.translate(err))
			}
			out = append(out, a)
			refs = append(refs, ref{ID: a.ID})
		}
		return refs, rows.Err()
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
