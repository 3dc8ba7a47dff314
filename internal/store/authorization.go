package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/billing"
	"github.com/google/uuid"
)

// AuthorizationService keeps the authorizations of episodes. Units used are never typed: each
// read counts them from attendance (billing.Consume) and plays the client's schedule against
// what is left (billing.BurnDownOf). Every call goes through the chokepoint; audit rows name
// the authorization and its client, never its number.
type AuthorizationService struct{ s *Store }

var _ carepath.AuthorizationService = (*AuthorizationService)(nil)

// NewAuthorizationService returns the authorization service of s.
func NewAuthorizationService(s *Store) *AuthorizationService { return &AuthorizationService{s: s} }

const authorizationColumns = `a.id, a.episode_id, a.client_id, a.payer_id, p.name, a.number, a.level, a.start_on, a.end_on,
	a.unit, a.units, a.frequency, a.next_review, a.care_manager, a.reviewer_id, a.created_by, a.created_at`

// AddAuthorization checks in and records it for the episode.
func (svc *AuthorizationService) AddAuthorization(ctx context.Context, episodeID string, in carepath.AuthorizationInput) (*carepath.Authorization, error) {
	var out *carepath.Authorization
	o := op{record: access.Authorization, action: access.Create, recordID: wellFormedID(episodeID),
		clientID: svc.s.clientOf(ctx, access.Episode, episodeID), validate: func() error { return checkAuthorization(&in) }}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		ep, err := svc.visibleEpisode(ctx, tx, episodeID)
		if err != nil {
			return nil, err
		}
		payer, err := readPayer(ctx, tx, svc.s, in.PayerID)
		if carepath.ErrorCode(err) == carepath.ENOTFOUND {
			return nil, invalidField("payer_id", "unknown", "There is no such payer: choose one from the payer list.")
		} else if err != nil {
			return nil, err
		}
		if err := svc.checkReviewer(ctx, tx, in.ReviewerID); err != nil {
			return nil, err
		}
		id, err := uuid.NewV7()
		if err != nil {
			return nil, fmt.Errorf("new id: %w", err)
		}
		actor, _ := carepath.ActorFrom(ctx)
		now := svc.s.timestamp()
		if _, err := tx.ExecContext(ctx, `INSERT INTO authorizations (id, episode_id, client_id, payer_id, number, level,
			start_on, end_on, unit, units, frequency, next_review, care_manager, reviewer_id, created_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)`,
			id.String(), ep.ID, ep.ClientID, payer.ID, in.Number, string(in.Level), in.Start, in.End, in.Unit, in.Units,
			in.Frequency, in.NextReview, in.CareManager, in.ReviewerID, actor.ID, now); err != nil {
			return nil, fmt.Errorf("insert authorization: %w", svc.s.translate(err))
		}
		list, err := svc.computed(ctx, tx, ep)
		if err != nil {
			return nil, err
		}
		for _, a := range list {
			if a.ID == id.String() {
				out = a
			}
		}
		return []ref{{ID: id.String(), ClientID: ep.ClientID}}, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return out, nil
}

// UpdateAuthorization changes authorization id: its units (never fewer than those used), its
// end, its next review or its reviewer.
func (svc *AuthorizationService) UpdateAuthorization(ctx context.Context, id string, u carepath.AuthorizationUpdate) (*carepath.Authorization, error) {
	var out *carepath.Authorization
	o := op{record: access.Authorization, action: access.Update, recordID: wellFormedID(id),
		clientID: svc.s.clientOf(ctx, access.Authorization, id)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		cur, ep, err := svc.readOne(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		in := carepath.AuthorizationInput{PayerID: cur.PayerID, Number: cur.Number, Level: cur.Level, Start: cur.Start,
			End: cur.End, Units: cur.Units, Unit: cur.Unit, NextReview: cur.NextReview, Frequency: cur.Frequency,
			CareManager: cur.CareManager, ReviewerID: cur.ReviewerID}
		if u.Units != nil {
			in.Units = *u.Units
		}
		if u.End != nil {
			in.End = *u.End
		}
		if u.NextReview != nil {
			in.NextReview = *u.NextReview
		}
		if u.ReviewerID != nil {
			in.ReviewerID = *u.ReviewerID
		}
		if err := checkAuthorization(&in); err != nil {
			return nil, err
		}
		if in.Units < cur.UnitsUsed {
			return nil, invalidField("units", "below_used",
				fmt.Sprintf("%d units are already used; the approved units cannot be fewer.", cur.UnitsUsed))
		}
		if err := svc.checkReviewer(ctx, tx, in.ReviewerID); err != nil {
			return nil, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE authorizations SET units = $2, end_on = $3, next_review = $4, reviewer_id = $5,
			updated_at = $6 WHERE id = $1`, cur.ID, in.Units, in.End, in.NextReview, in.ReviewerID, svc.s.timestamp()); err != nil {
			return nil, fmt.Errorf("update authorization: %w", svc.s.translate(err))
		}
		list, err := svc.computed(ctx, tx, ep)
		if err != nil {
			return nil, err
		}
		for _, a := range list {
			if a.ID == cur.ID {
				out = a
			}
		}
		return []ref{{ID: cur.ID, ClientID: cur.ClientID}}, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return out, nil
}

// FindAuthorizations lists the episode's authorizations by start.
func (svc *AuthorizationService) FindAuthorizations(ctx context.Context, episodeID string) ([]*carepath.Authorization, error) {
	list := []*carepath.Authorization{}
	o := op{record: access.Authorization, action: access.List, recordID: wellFormedID(episodeID),
		clientID: svc.s.clientOf(ctx, access.Episode, episodeID)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		ep, err := svc.visibleEpisode(ctx, tx, episodeID)
		if err != nil {
			return nil, err
		}
		if list, err = svc.computed(ctx, tx, ep); err != nil {
			return nil, err
		}
		refs := []ref{{ID: ep.ID, ClientID: ep.ClientID}}
		for _, a := range list {
			refs = append(refs, ref{ID: a.ID, ClientID: a.ClientID})
		}
		return refs, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return list, nil
}

// FindAuthorization returns authorization id.
func (svc *AuthorizationService) FindAuthorization(ctx context.Context, id string) (*carepath.Authorization, error) {
	var a *carepath.Authorization
	o := op{record: access.Authorization, action: access.Read, recordID: wellFormedID(id),
		clientID: svc.s.clientOf(ctx, access.Authorization, id)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		var err error
		if a, _, err = svc.readOne(ctx, tx, id); err != nil {
			return nil, err
		}
		return []ref{{ID: a.ID, ClientID: a.ClientID}}, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return a, nil
}

// readOne reads authorization id with its episode's computed figures, checking the actor may
// see the client and, for a payer reviewer, that it is assigned to them.
func (svc *AuthorizationService) readOne(ctx context.Context, tx *sql.Tx, id string) (*carepath.Authorization, *carepath.Episode, error) {
	if wellFormedID(id) == "" {
		return nil, nil, authorizationNotFound()
	}
	var episodeID string
	err := tx.QueryRowContext(ctx, `SELECT episode_id FROM authorizations WHERE id = $1`, id).Scan(&episodeID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, authorizationNotFound()
	}
	if err != nil {
		return nil, nil, fmt.Errorf("select authorization: %w", svc.s.translate(err))
	}
	ep, err := svc.visibleEpisode(ctx, tx, episodeID)
	if err != nil {
		return nil, nil, err
	}
	list, err := svc.computed(ctx, tx, ep)
	if err != nil {
		return nil, nil, err
	}
	actor, _ := carepath.ActorFrom(ctx)
	for _, a := range list {
		if a.ID == id && access.SeesAuthorization(actor, a.ReviewerID) {
			return a, ep, nil
		}
	}
	return nil, nil, authorizationNotFound()
}

// visibleEpisode reads episode id, checking that the actor may see its client.
func (svc *AuthorizationService) visibleEpisode(ctx context.Context, tx *sql.Tx, id string) (*carepath.Episode, error) {
	if wellFormedID(id) == "" {
		return nil, episodeNotFound()
	}
	ep, err := (&EpisodeService{s: svc.s}).read(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, ep.ClientID); err != nil {
		return nil, err
	}
	return ep, nil
}

// checkReviewer checks that id, when given, is an active payer reviewer's account.
func (svc *AuthorizationService) checkReviewer(ctx context.Context, tx *sql.Tx, id string) error {
	if id == "" {
		return nil
	}
	var role string
	err := tx.QueryRowContext(ctx, `SELECT role FROM staff WHERE id = $1`, id).Scan(&role)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && role != string(carepath.RoleReviewer)) {
		return invalidField("reviewer_id", "not_reviewer", "Choose a payer reviewer's account.")
	}
	if err != nil {
		return fmt.Errorf("select reviewer: %w", svc.s.translate(err))
	}
	return nil
}

func authorizationNotFound() error {
	return carepath.Errorf(carepath.ENOTFOUND, "There is no such authorization.")
}

// checkAuthorization trims in and checks it with billing's rules, naming the API's fields.
func checkAuthorization(in *carepath.AuthorizationInput) error {
	in.Unit, in.NextReview = strings.TrimSpace(in.Unit), strings.TrimSpace(in.NextReview)
	in.Start, in.End = strings.TrimSpace(in.Start), strings.TrimSpace(in.End)
	in.ReviewerID = strings.TrimSpace(in.ReviewerID)
	b := billing.Authorization{PayerID: in.PayerID, Number: in.Number, Level: in.Level, Start: in.Start, End: in.End,
		Unit: billing.AuthUnit(in.Unit), Units: in.Units, Frequency: in.Frequency, CareManager: in.CareManager}
	if in.NextReview != "" {
		b.ReviewDates = []string{in.NextReview}
	}
	err := b.Validate()
	in.PayerID, in.Number, in.Frequency, in.CareManager = b.PayerID, b.Number, b.Frequency, b.CareManager
	var e *carepath.Error
	if !errors.As(err, &e) {
		return err
	}
	var errs carepath.FieldErrors
	for _, f := range e.Fields {
		if strings.HasPrefix(f.Field, "review_dates") {
			f.Field = "next_review"
		}
		msg := f.Message
		if msg != "" {
			msg = strings.ToUpper(msg[:1]) + msg[1:] + "."
		}
		errs.Add(f.Field, f.Code, "%s", msg)
	}
	return errs.Err()
}
