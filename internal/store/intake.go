package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/google/uuid"
)

// IntakeService stores intake requests from the public decision aid.
//
// FindIntakes appends one audit row per returned request (record_id is the request's id),
// so "who has seen this request" is a plain query on audit_log; a list that returns nothing
// appends one row with an empty record_id. Rows carry the filter, never client data.
type IntakeService struct {
	s *Store
}

var _ carepath.IntakeService = (*IntakeService)(nil)

// NewIntakeService returns the intake service of s.
func NewIntakeService(s *Store) *IntakeService { return &IntakeService{s: s} }

// The limits of FindIntakes: a zero Limit means DefaultIntakeLimit, and no list is longer
// than MaxIntakeLimit.
const (
	DefaultIntakeLimit = 100
	MaxIntakeLimit     = 1000
)

// maxProfileBytes bounds the stored answers of one intake request.
const maxProfileBytes = 64 << 10

// CreateIntake validates and stores in, filling ID, CreatedAt and Status (always "new").
// It returns EINVALID naming the fields, EUNAUTHORIZED without an actor, EFORBIDDEN for roles
// that may not create intake requests; a rejected request stores nothing but its audit row.
func (svc *IntakeService) CreateIntake(ctx context.Context, in *carepath.Intake) error {
	if in == nil {
		return carepath.Errorf(carepath.EINVALID, "The intake request is missing.")
	}
	var stored carepath.Intake
	err := svc.s.do(ctx, op{record: access.Intake, action: access.Create, validate: func() error { return validateIntake(in) }},
		func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
			id, err := uuid.NewV7()
			if err != nil {
				return nil, fmt.Errorf("new id: %w", err)
			}
			stored = *in
			stored.ID, stored.CreatedAt, stored.Status = id.String(), svc.s.timestamp(), carepath.IntakeNew
			// The answers decide the crisis flag too, so a caller's omission never hides one.
			if sc, err := scoreProfile(stored.Profile, "profile"); err == nil && sc.rec.Crisis {
				stored.Crisis = true
			}
			_, err = tx.ExecContext(ctx, `INSERT INTO intake_requests
				(id, created_at, name, email, phone, best_times, consent, profile, level, crisis, status)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
				stored.ID, stored.CreatedAt, stored.Name, stored.Email, stored.Phone, stored.BestTimes,
				stored.Consent, string(stored.Profile), string(stored.Level), stored.Crisis, string(stored.Status))
			if err != nil {
				return nil, fmt.Errorf("insert intake: %w", svc.s.translate(err))
			}
			if stored.Crisis {
				programs, err := svc.s.intakePrograms(ctx, tx)
				if err != nil {
					return nil, err
				}
				if _, err := svc.s.pageOnCall(ctx, tx, safetyPage{source: carepath.AlertSourceIntake, alertID: stored.ID}, programs); err != nil {
					return nil, err
				}
			}
			return []ref{{ID: stored.ID}}, nil
		})
	if err != nil {
		return err
	}
	in.ID, in.CreatedAt, in.Status, in.Crisis = stored.ID, stored.CreatedAt, stored.Status, stored.Crisis
	return nil
}

// validateIntake runs the domain's checks and the store's own: the answers must be JSON of
// a reasonable size.
func validateIntake(in *carepath.Intake) error {
	err := in.Validate()
	fields := carepath.FieldErrors(carepath.ErrorFields(err))
	if err != nil && len(fields) == 0 {
		return err
	}
	switch {
	case len(in.Profile) > maxProfileBytes:
		fields.Add("profile", "too_long", "The answers are too long to store; please start the questions again.")
	case len(in.Profile) > 0 && !json.Valid(in.Profile):
		fields.Add("profile", "format", "The answers could not be read; please start the questions again.")
	}
	return fields.Err()
}

// FindIntakes lists intake requests, newest first, at most filter.Limit of them (default
// DefaultIntakeLimit, at most MaxIntakeLimit). It returns EINVALID for an unknown status or a
// negative limit, EUNAUTHORIZED without an actor and EFORBIDDEN for roles that may not see
// intake requests (the public among them). The list is never nil.
func (svc *IntakeService) FindIntakes(ctx context.Context, filter carepath.IntakeFilter) ([]*carepath.Intake, error) {
	limit := filter.Limit
	switch {
	case limit == 0:
		limit = DefaultIntakeLimit
	case limit > MaxIntakeLimit:
		limit = MaxIntakeLimit
	}
	q := `SELECT ` + intakeColumns + ` FROM intake_requests`
	var args []any
	detail := []string{}
	if filter.Status != nil {
		args = append(args, string(*filter.Status))
		q += ` WHERE status = $1`
		detail = append(detail, "status="+string(*filter.Status))
	}
	args = append(args, limit)
	q += ` ORDER BY created_at DESC, id DESC LIMIT $` + strconv.Itoa(len(args))
	detail = append(detail, "limit="+strconv.Itoa(limit))

	list := []*carepath.Intake{}
	o := op{record: access.Intake, action: access.List, detail: strings.Join(detail, " "), validate: func() error { return validateIntakeFilter(filter) }}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, fmt.Errorf("select intakes: %w", svc.s.translate(err))
		}
		defer rows.Close()
		var refs []ref
		for rows.Next() {
			in, err := scanIntake(rows)
			if err != nil {
				return nil, err
			}
			list = append(list, minimumNecessary(ctx, in))
			refs = append(refs, ref{ID: in.ID})
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("select intakes: %w", svc.s.translate(err))
		}
		rows.Close()
		ids := make([]string, len(list))
		for i, in := range list {
			ids[i] = in.ID
		}
		changes, err := statusChanges(ctx, svc.s, tx, ids)
		if err != nil {
			return nil, err
		}
		for _, in := range list {
			if cs := changes[in.ID]; len(cs) > 0 {
				in.StatusChangedAt, in.StatusChangedBy = cs[len(cs)-1].ChangedAt, cs[len(cs)-1].ChangedBy
			}
		}
		return refs, nil
	})
	if err != nil {
		return nil, err
	}
	return list, nil
}

// intakeColumns are the columns scanIntake reads, in its order.
const intakeColumns = `id, created_at, name, email, phone, best_times, consent, profile, level, crisis, status, client_id`

// FindIntakeByID returns the intake request with id. Its one audit row (intake.read) names
// that request only, whether the read is allowed, denied or finds nothing. It returns
// ENOTFOUND for an unknown or malformed id, EUNAUTHORIZED without an actor and EFORBIDDEN for
// roles that may not see intake requests.
func (svc *IntakeService) FindIntakeByID(ctx context.Context, id string) (*carepath.Intake, error) {
	var found *carepath.Intake
	o := op{record: access.Intake, action: access.Read, recordID: wellFormedID(id)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if wellFormedID(id) == "" {
			return nil, intakeNotFound()
		}
		in, err := scanIntake(tx.QueryRowContext(ctx, `SELECT `+intakeColumns+` FROM intake_requests WHERE id = $1`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return nil, intakeNotFound()
		}
		if err != nil {
			return nil, fmt.Errorf("select intake: %w", svc.s.translate(err))
		}
		changes, err := statusChanges(ctx, svc.s, tx, []string{in.ID})
		if err != nil {
			return nil, err
		}
		if cs := changes[in.ID]; len(cs) > 0 {
			in.StatusChanges = cs
			in.StatusChangedAt, in.StatusChangedBy = cs[len(cs)-1].ChangedAt, cs[len(cs)-1].ChangedBy
		}
		found = minimumNecessary(ctx, in)
		return []ref{{ID: in.ID}}, nil
	})
	if err != nil {
		return nil, err
	}
	return found, nil
}

// minimumNecessary withholds an intake request's screening answers (its profile, as an empty
// one) and its suggested level from an actor who may not see them
// (access.SeesScreeningAnswers), keeping the contact details and the crisis flag.
func minimumNecessary(ctx context.Context, in *carepath.Intake) *carepath.Intake {
	if actor, _ := carepath.ActorFrom(ctx); !access.SeesScreeningAnswers(actor.Role) {
		in.Profile, in.Level = json.RawMessage(`{}`), ""
	}
	return in
}

// intakeNotFound is the error for an intake request that does not exist.
func intakeNotFound() error {
	return carepath.Errorf(carepath.ENOTFOUND, "There is no such intake request.")
}

// validateIntakeFilter checks a filter; field errors name status and limit.
func validateIntakeFilter(f carepath.IntakeFilter) error {
	var errs carepath.FieldErrors
	if f.Status != nil {
		switch *f.Status {
		case carepath.IntakeNew, carepath.IntakeContacted, carepath.IntakeConverted, carepath.IntakeClosed:
		default:
			errs.Add("status", "enum", "Use one of new, contacted, converted, closed.")
		}
	}
	if f.Limit < 0 {
		errs.Add("limit", "range", "The limit cannot be negative.")
	}
	return errs.Err()
}

// scanIntake reads one row of intakeColumns from a *sql.Rows or a *sql.Row; a missing row's
// error wraps sql.ErrNoRows.
func scanIntake(rows interface{ Scan(...any) error }) (*carepath.Intake, error) {
	var in carepath.Intake
	var profile, level, status string
	var client sql.NullString
	err := rows.Scan(&in.ID, &in.CreatedAt, &in.Name, &in.Email, &in.Phone, &in.BestTimes,
		&in.Consent, &profile, &level, &in.Crisis, &status, &client)
	if err != nil {
		return nil, fmt.Errorf("scan intake: %w", err)
	}
	in.CreatedAt = in.CreatedAt.UTC()
	in.Profile, in.Level, in.Status, in.ClientID = json.RawMessage(profile), carepath.Level(level), carepath.IntakeStatus(status), client.String
	return &in, nil
}
