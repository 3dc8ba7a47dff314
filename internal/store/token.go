package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/google/uuid"
)

// tokenPrefix starts every API token, so a leaked one is easy to recognise.
const tokenPrefix = "cp_"

// tokenBytes is the number of random bytes in a token.
const tokenBytes = 32

// hashToken returns the stored form of a token: the hex SHA-256 of its text. A token has 256
// random bits, so a fast hash is enough.
func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// CreateToken makes a new API token for the staff member with that email and returns it; it
// is shown once and only its hash is stored. ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
func (svc *StaffService) CreateToken(ctx context.Context, email string) (string, error) {
	token, _, err := svc.CreateTokenWithID(ctx, email)
	return token, err
}

// DefaultTokenLifetime is how long an API token works when its maker says nothing else.
const DefaultTokenLifetime = 90 * 24 * time.Hour

// MaxTokenLifetime is the longest lifetime a token may be given.
const MaxTokenLifetime = 366 * 24 * time.Hour

// CreateTokenWithID is CreateToken that also returns the token's id, by which it can be
// revoked without knowing the token. The token expires after DefaultTokenLifetime.
func (svc *StaffService) CreateTokenWithID(ctx context.Context, email string) (token, id string, err error) {
	token, id, _, err = svc.CreateTokenFor(ctx, email, carepath.OutsideParty{}, DefaultTokenLifetime)
	return token, id, err
}

// CreateTokenExpiring is CreateTokenWithID with a lifetime of its own (at most
// MaxTokenLifetime), and also returns when the token expires. EINVALID (expires), ENOTFOUND,
// EUNAUTHORIZED, EFORBIDDEN.
func (svc *StaffService) CreateTokenExpiring(ctx context.Context, email string, lifetime time.Duration) (token, id string, expires time.Time, err error) {
	return svc.CreateTokenFor(ctx, email, carepath.OutsideParty{}, lifetime)
}

// CreatePartyToken makes a new API token for an outside party (party.Recipient, for
// party.Purpose), acting as the staff member with that email, and returns it and its id; it
// expires after DefaultTokenLifetime. See CreateTokenFor.
func (svc *StaffService) CreatePartyToken(ctx context.Context, email string, party carepath.OutsideParty) (token, id string, err error) {
	token, id, _, err = svc.CreateTokenFor(ctx, email, party, DefaultTokenLifetime)
	return token, id, err
}

// CreateTokenFor makes a new API token acting as the staff member with that email, for an
// outside party (party.Recipient, for party.Purpose) or, with a zero party, for the clinic
// itself, living lifetime (at most MaxTokenLifetime); it returns the token, its id and when it
// expires. An outside party's token only reads, and only what that staff member may read;
// every client's records it reads go through the disclosure gate for that recipient and
// purpose (a 42 CFR Part 2 client's only with the client's consent). EINVALID names
// recipient, purpose and expires; ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN as CreateToken.
func (svc *StaffService) CreateTokenFor(ctx context.Context, email string, party carepath.OutsideParty, lifetime time.Duration) (token, id string, expires time.Time, err error) {
	o := op{record: access.Token, action: access.Create}
	o.validate = func() error {
		var errs carepath.FieldErrors
		if party != (carepath.OutsideParty{}) {
			if err := carepath.CheckDisclosure(&party.Recipient, party.Purpose); err != nil {
				errs = append(errs, carepath.ErrorFields(err)...)
			}
		}
		if lifetime <= 0 || lifetime > MaxTokenLifetime {
			errs.Add("expires", "range", "A token may live from a minute to %d days.", int(MaxTokenLifetime.Hours()/24))
		}
		return errs.Err()
	}
	if party != (carepath.OutsideParty{}) {
		o.detail = "outside party; purpose=" + string(party.Purpose)
	}
	err = svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		st, _, _, err := svc.byEmail(ctx, tx, email)
		if err != nil {
			return nil, err
		}
		uid, err := uuid.NewV7()
		if err != nil {
			return nil, fmt.Errorf("new id: %w", err)
		}
		b := make([]byte, tokenBytes)
		if _, err := rand.Read(b); err != nil {
			return nil, fmt.Errorf("token: %w", err)
		}
		t := tokenPrefix + base64.RawURLEncoding.EncodeToString(b)
		now := svc.s.timestamp()
		expires = now.Add(lifetime)
		if _, err := tx.ExecContext(ctx, `INSERT INTO api_tokens (id, staff_id, token_hash, created_at, expires_at, recipient, purpose)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			uid.String(), st.ID, hashToken(t), now, expires, party.Recipient, string(party.Purpose)); err != nil {
			return nil, fmt.Errorf("insert token: %w", svc.s.translate(err))
		}
		token, id = t, uid.String()
		return []ref{{ID: id}}, nil
	})
	if err != nil {
		return "", "", time.Time{}, err
	}
	return token, id, expires, nil
}

// RevokeToken revokes a token given in plain text (starting "cp_") or by its id; revoking
// a revoked token changes nothing. ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
func (svc *StaffService) RevokeToken(ctx context.Context, tokenOrID string) error {
	q, arg := `SELECT id FROM api_tokens WHERE id = $1`, tokenOrID
	if strings.HasPrefix(tokenOrID, tokenPrefix) {
		q, arg = `SELECT id FROM api_tokens WHERE token_hash = $1`, hashToken(tokenOrID)
	}
	return svc.s.do(ctx, op{record: access.Token, action: access.Revoke}, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		var id string
		err := tx.QueryRowContext(ctx, q, arg).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, carepath.Errorf(carepath.ENOTFOUND, "No such token.")
		}
		if err != nil {
			return nil, fmt.Errorf("select token: %w", svc.s.translate(err))
		}
		if _, err := tx.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL`,
			svc.s.timestamp(), id); err != nil {
			return nil, fmt.Errorf("revoke token: %w", svc.s.translate(err))
		}
		return []ref{{ID: id}}, nil
	})
}

// AuthenticateToken returns the staff member a token belongs to. A wrong, revoked, expired or
// malformed token, or a disabled account, is EUNAUTHORIZED, with an audit row (token.login)
// saying "denied". A success writes no row of its own (see op.quiet): the request's
// own calls are audited under the staff member's id.
func (svc *StaffService) AuthenticateToken(ctx context.Context, token string) (*carepath.Staff, error) {
	// failed is returned inside the call as EFORBIDDEN, so the audit row reads "denied"
	// rather than "no actor"; the caller gets EUNAUTHORIZED.
	failed := carepath.Errorf(carepath.EFORBIDDEN, "The API token is not valid.")
	var found *carepath.Staff
	err := svc.s.do(ctx, op{record: access.Token, action: access.Login, detail: "api token", readOnly: true, quiet: true}, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if !strings.HasPrefix(token, tokenPrefix) || len(token) > 100 {
			return nil, failed
		}
		var st carepath.Staff
		var role, tokenID, purpose string
		var revoked, expires sql.NullTime
		var created time.Time
		err := tx.QueryRowContext(ctx, `SELECT t.id, t.revoked_at, t.created_at, t.expires_at, s.id, s.email, s.name, s.role,
			s.created_at, s.disabled, s.totp_secret IS NOT NULL, s.organization, t.recipient, t.purpose
			FROM api_tokens t JOIN staff s ON s.id = t.staff_id WHERE t.token_hash = $1`, hashToken(token)).
			Scan(&tokenID, &revoked, &created, &expires, &st.ID, &st.Email, &st.Name, &role, &st.CreatedAt, &st.Disabled,
				&st.TOTPEnabled, &st.Organization, &st.Party.Recipient, &purpose)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, failed
		}
		if err != nil {
			return nil, fmt.Errorf("select token: %w", svc.s.translate(err))
		}
		if !expires.Valid { // made before tokens expired: the default lifetime from its making
			expires = sql.NullTime{Time: created.Add(DefaultTokenLifetime), Valid: true}
		}
		if revoked.Valid || st.Disabled || !svc.s.now().Before(expires.Time) {
			return nil, failed
		}
		st.Role, st.CreatedAt, st.Party.Purpose = carepath.Role(role), st.CreatedAt.UTC(), carepath.DisclosurePurpose(purpose)
		found = &st
		return []ref{{ID: tokenID}}, nil
	})
	switch {
	case errors.Is(err, failed):
		return nil, carepath.Errorf(carepath.EUNAUTHORIZED, "The API token is not valid.")
	case err != nil:
		return nil, err
	}
	return found, nil
}

// newToken returns a new random link token (32 bytes, base64url), to be hashed with hashToken
// before it is stored.
func newToken() (string, error) {
	b := make([]byte, linkTokenBytes)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("link token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}
