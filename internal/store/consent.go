package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/google/uuid"
)

// ConsentService stores clients' consents. Every call goes through the chokepoint and appends
// audit rows whose client_id is the consent's client; the rows hold ids and the kind, never a
// recipient, the information, a purpose or a revocation reason. A clinician or case manager
// asking about a client outside their care team gets ENOTFOUND, audited as denied.
//
// "Today", for signing dates and for Active, is the UTC date of the store's clock: a consent
// with an expiry date stops being active at the end of that day in UTC, never later.
type ConsentService struct {
	s *Store
}

var _ carepath.ConsentService = (*ConsentService)(nil)

// NewConsentService returns the consent service of s.
func NewConsentService(s *Store) *ConsentService { return &ConsentService{s: s} }

const consentColumns = `id, client_id, kind, recipient, information, purpose, signed_on, expires_on,
	expires_on_event, revoked_at, revoked_reason, recorded_by, created_at, purposes`

// today is the store's current civil date in UTC.
func (svc *ConsentService) today() string { return svc.s.now().UTC().Format(carepath.DateLayout) }

// RecordConsent checks in and stores the consent of in.ClientID, recorded by the actor.
func (svc *ConsentService) RecordConsent(ctx context.Context, in carepath.ConsentCreate) (*carepath.Consent, error) {
	var c *carepath.Consent
	today := svc.today()
	o := op{record: access.Consent, action: access.Create, clientID: wellFormedID(in.ClientID),
		validate: func() (err error) { c, err = in.Consent(today); return err }}
	if in.Kind.Valid() {
		o.detail = "kind=" + string(in.Kind)
	}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		client, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, c.ClientID)
		if err != nil {
			return nil, err
		}
		id, err := uuid.NewV7()
		if err != nil {
			return nil, fmt.Errorf("new id: %w", err)
		}
		actor, _ := carepath.ActorFrom(ctx)
		c.ID, c.ClientID, c.RecordedBy, c.CreatedAt = id.String(), client.ID, actor.ID, svc.s.timestamp()
		if _, err := tx.ExecContext(ctx, `INSERT INTO consents (`+consentColumns+`)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, '', $10, $11, $12)`,
			c.ID, c.ClientID, string(c.Kind), c.Recipient, c.Information, c.Purpose, c.SignedOn, c.ExpiresOn,
			c.ExpiresOnEvent, c.RecordedBy, c.CreatedAt, joinPurposes(c.Purposes)); err != nil {
			return nil, fmt.Errorf("insert consent: %w", svc.s.translate(err))
		}
		c.Active = c.ActiveOn(today)
		return []ref{{ID: c.ID, ClientID: c.ClientID}}, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return c, nil
}

// RevokeConsent marks consent id revoked now for reason and returns it as stored.
func (svc *ConsentService) RevokeConsent(ctx context.Context, id, reason string) (*carepath.Consent, error) {
	var c *carepath.Consent
	o := op{record: access.Consent, action: access.Revoke, recordID: wellFormedID(id), clientID: svc.s.clientOf(ctx, access.Consent, id),
		validate: func() error { return carepath.CheckRevokeReason(&reason) }}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		var err error
		if c, err = svc.read(ctx, tx, id); err != nil {
			return nil, err
		}
		if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, c.ClientID); err != nil {
			return nil, err
		}
		if c.RevokedAt != nil {
			return nil, alreadyRevoked()
		}
		now := svc.s.timestamp()
		res, err := tx.ExecContext(ctx, `UPDATE consents SET revoked_at = $2, revoked_reason = $3
			WHERE id = $1 AND revoked_at IS NULL`, c.ID, now, reason)
		if err != nil {
			return nil, fmt.Errorf("revoke consent: %w", svc.s.translate(err))
		}
		if n, err := res.RowsAffected(); err != nil {
			return nil, fmt.Errorf("revoke consent: %w", svc.s.translate(err))
		} else if n == 0 {
			return nil, alreadyRevoked() // a concurrent revocation won the race
		}
		c.RevokedAt, c.RevokedReason, c.Active = &now, reason, false
		return []ref{{ID: c.ID, ClientID: c.ClientID}}, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return c, nil
}

// FindConsents returns the client's consents, most recently signed first, with Active
// computed for today; the list is never nil.
func (svc *ConsentService) FindConsents(ctx context.Context, clientID string) ([]*carepath.Consent, error) {
	list := []*carepath.Consent{}
	today := svc.today()
	o := op{record: access.Consent, action: access.List, clientID: wellFormedID(clientID)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, clientID); err != nil {
			return nil, err
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+consentColumns+` FROM consents WHERE client_id = $1
			ORDER BY signed_on DESC, created_at DESC, id DESC`, clientID)
		if err != nil {
			return nil, fmt.Errorf("select consents: %w", svc.s.translate(err))
		}
		defer rows.Close()
		var refs []ref
		for rows.Next() {
			c, err := scanConsent(rows)
			if err != nil {
				return nil, fmt.Errorf("select consents: %w", err)
			}
			c.Active = c.ActiveOn(today)
			list = append(list, c)
			refs = append(refs, ref{ID: c.ID, ClientID: c.ClientID})
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("select consents: %w", svc.s.translate(err))
		}
		return refs, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return list, nil
}

func alreadyRevoked() error {
	return carepath.Errorf(carepath.ECONFLICT, "This consent has already been revoked.")
}

// read reads consent id in tx.
func (svc *ConsentService) read(ctx context.Context, tx *sql.Tx, id string) (*carepath.Consent, error) {
	if wellFormedID(id) == "" {
		return nil, consentNotFound()
	}
	c, err := scanConsent(tx.QueryRowContext(ctx, `SELECT `+consentColumns+` FROM consents WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, consentNotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("select consent: %w", svc.s.translate(err))
	}
	c.Active = c.ActiveOn(svc.today())
	return c, nil
}

func consentNotFound() error { return carepath.Errorf(carepath.ENOTFOUND, "There is no such consent.") }

func scanConsent(row interface{ Scan(...any) error }) (*carepath.Consent, error) {
	var c carepath.Consent
	var revoked sql.NullTime
	var purposes string
	err := row.Scan(&c.ID, &c.ClientID, &c.Kind, &c.Recipient, &c.Information, &c.Purpose, &c.SignedOn, &c.ExpiresOn,
		&c.ExpiresOnEvent, &revoked, &c.RevokedReason, &c.RecordedBy, &c.CreatedAt, &purposes)
	if err != nil {
		return nil, err
	}
	c.Purposes = splitPurposes(purposes)
	if revoked.Valid {
		t := revoked.Time.UTC()
		c.RevokedAt = &t
	}
	c.CreatedAt = c.CreatedAt.UTC()
	return &c, nil
}

// joinPurposes is the stored form of a consent's purposes: comma-separated.
func joinPurposes(ps []carepath.DisclosurePurpose) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = string(p)
	}
	return strings.Join(parts, ",")
}

// splitPurposes reads the stored form of a consent's purposes; nil when there are none.
func splitPurposes(s string) []carepath.DisclosurePurpose {
	if s == "" {
		return nil
	}
	var ps []carepath.DisclosurePurpose
	for _, p := range strings.Split(s, ",") {
		ps = append(ps, carepath.DisclosurePurpose(p))
	}
	return ps
}
