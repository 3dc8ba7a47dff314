package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/google/uuid"
)

// ConvertIntake creates the client described by in from the intake request with intakeID, stores
// the request's answers as the client's first assessment (source "intake", taken by the actor,
// final level the recommendation) and marks the request converted with the new client's id, all
// in one transaction. Empty email and phone are taken from the request. It returns EINVALID
// naming the client's fields (and "profile" when the request's answers cannot be scored),
// ENOTFOUND when there is no such request, ECONFLICT when it was converted already,
// EUNAUTHORIZED without an actor and EFORBIDDEN for roles that may not convert requests. A
// failed conversion changes nothing but appends its audit row.
func (svc *AssessmentService) ConvertIntake(ctx context.Context, intakeID string, in carepath.ClientInput) (*carepath.Client, error) {
	c := in.Client()
	var stored *carepath.Client
	o := op{record: access.Intake, action: access.Convert, recordID: wellFormedID(intakeID), validate: c.Validate}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		var email, phone, profile, status string
		err := tx.QueryRowContext(ctx, `SELECT email, phone, profile, status FROM intake_requests WHERE id = $1`,
			intakeID).Scan(&email, &phone, &profile, &status)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, carepath.Errorf(carepath.ENOTFOUND, "There is no such intake request.")
		}
		if err != nil {
			return nil, fmt.Errorf("select intake: %w", svc.s.translate(err))
		}
		if carepath.IntakeStatus(status) == carepath.IntakeConverted {
			return nil, intakeConverted()
		}
		sc, err := scoreProfile([]byte(profile), "profile")
		if err != nil {
			return nil, err
		}
		if c.Email == "" {
			c.Email = email
		}
		if c.Phone == "" {
			c.Phone = phone
		}
		if err := c.Validate(); err != nil {
			return nil, err
		}
		if stored, err = svc.insertClient(ctx, tx, c); err != nil {
			return nil, err
		}
		actor, _ := carepath.ActorFrom(ctx)
		a, err := svc.insert(ctx, tx, stored.ID, actor.ID, sc, sc.rec.Level, nil, carepath.SourceIntake)
		if err != nil {
			return nil, err
		}
		res, err := tx.ExecContext(ctx, `UPDATE intake_requests SET status = $2, client_id = $3
			WHERE id = $1 AND status <> $2`, intakeID, string(carepath.IntakeConverted), stored.ID)
		if err != nil {
			return nil, fmt.Errorf("update intake: %w", svc.s.translate(err))
		}
		if n, err := res.RowsAffected(); err != nil {
			return nil, fmt.Errorf("update intake: %w", svc.s.translate(err))
		} else if n == 0 {
			return nil, intakeConverted()
		}
		return []ref{{ID: intakeID, ClientID: stored.ID}, {ID: stored.ID, ClientID: stored.ID},
			{ID: a.ID, ClientID: stored.ID}}, nil
	})
	if err != nil {
		return nil, err
	}
	return stored, nil
}

func intakeConverted() error {
	return carepath.Errorf(carepath.ECONFLICT, "This intake request was converted already.")
}

// insertClient stores a copy of c as a new client in tx, the way CreateClient does.
func (svc *AssessmentService) insertClient(ctx context.Context, tx *sql.Tx, c *carepath.Client) (*carepath.Client, error) {
	id, err := uuid.NewV7()
	if err != nil {
		return nil, fmt.Errorf("new id: %w", err)
	}
	stored := *c
	now := svc.s.timestamp()
	stored.ID, stored.Version, stored.CreatedAt, stored.UpdatedAt = id.String(), 1, now, now
	_, err = tx.ExecContext(ctx, `INSERT INTO clients (`+clientColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
		$19, $20, $21, $22, $23, $24, $25)`, clientArgs(&stored)...)
	if err != nil {
		return nil, fmt.Errorf("insert client: %w", svc.s.translate(err))
	}
	return &stored, nil
}
