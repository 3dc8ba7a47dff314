package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/google/uuid"
	"github.com/pquerna/otp/totp"
)

// StaffService manages staff accounts, sign-in and API tokens. Audit rows name the staff
// member's id, never an email, a password, a TOTP code or a token.
//
// Sign-in is locked out, with the same generic message as a wrong password, after
// LockoutAccount failures for one email within LockoutWindow; the lock lifts once the
// failures fall out of the window. An address is never locked out (behind a proxy or a
// clinic's shared connection it is many people): its attempts are slowed down instead
// (throttle.go).
type StaffService struct {
	s *Store
}

var _ carepath.StaffService = (*StaffService)(nil)

// NewStaffService returns the staff service of s.
func NewStaffService(s *Store) *StaffService { return &StaffService{s: s} }

// The lock-out threshold and window.
const (
	LockoutAccount = 5
	LockoutWindow  = 15 * time.Minute
)

// TOTPIssuer is the issuer name authenticator apps show.
const TOTPIssuer = "carepath"

const staffColumns = `id, email, name, role, created_at, disabled, totp_secret IS NOT NULL, organization, hire_date, time_zone, supervisor`

// CreateStaff validates and stores st with a hash of password, filling ID and CreatedAt.
// EINVALID (email, name, role, password), ECONFLICT for an email in use, EUNAUTHORIZED,
// EFORBIDDEN.
func (svc *StaffService) CreateStaff(ctx context.Context, st *carepath.Staff, password string) error {
	if st == nil {
		return carepath.Errorf(carepath.EINVALID, "The staff member is missing.")
	}
	var stored carepath.Staff
	validate := func() error {
		err := st.Validate()
		fields := carepath.FieldErrors(carepath.ErrorFields(err))
		switch {
		case len(password) < minPasswordLen:
			fields.Add("password", "too_short", "Please use a password of at least %d characters.", minPasswordLen)
		case len(password) > maxPasswordLen:
			fields.Add("password", "too_long", "Please use a password of at most %d characters.", maxPasswordLen)
		}
		return fields.Err()
	}
	// The hash (argon2id, 64 MiB) is made before the write transaction, never inside it, and
	// only for a caller the policy lets create staff and a password of an allowed length.
	var hash string
	if actor, ok := carepath.ActorFrom(ctx); ok && access.Allowed(actor.Role, access.Staff, access.Create) &&
		len(password) >= minPasswordLen && len(password) <= maxPasswordLen {
		var err error
		if hash, err = hashPassword(password); err != nil {
			return err
		}
	}
	err := svc.s.do(ctx, op{record: access.Staff, action: access.Create, validate: validate},
		func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
			id, err := uuid.NewV7()
			if err != nil {
				return nil, fmt.Errorf("new id: %w", err)
			}
			stored = *st
			stored.ID, stored.CreatedAt, stored.Disabled, stored.TOTPEnabled = id.String(), svc.s.timestamp(), false, false
			_, err = tx.ExecContext(ctx, `INSERT INTO staff (id, email, name, role, password_hash, disabled, created_at, organization,
				hire_date, time_zone) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
				stored.ID, stored.Email, stored.Name, string(stored.Role), hash, false, stored.CreatedAt, stored.Organization,
				nullIfEmpty(stored.HireDate), stored.TimeZone)
			if err != nil {
				err = svc.s.translate(err)
				if carepath.ErrorCode(err) == carepath.ECONFLICT {
					return nil, &carepath.Error{Code: carepath.ECONFLICT, Message: "A staff member with this email already exists.",
						Fields: []carepath.FieldError{{Field: "email", Code: "taken", Message: "This email is already in use."}}}
				}
				return nil, fmt.Errorf("insert staff: %w", err)
			}
			return []ref{{ID: stored.ID}}, nil
		})
	if err != nil {
		return err
	}
	*st = stored
	return nil
}

// FindStaffByEmail returns the staff member with that email, in any case. ENOTFOUND,
// EUNAUTHORIZED, EFORBIDDEN.
func (svc *StaffService) FindStaffByEmail(ctx context.Context, email string) (*carepath.Staff, error) {
	var found *carepath.Staff
	err := svc.s.do(ctx, op{record: access.Staff, action: access.Read}, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		st, _, _, err := svc.byEmail(ctx, tx, email)
		if err != nil {
			return nil, err
		}
		found = st
		return []ref{{ID: st.ID}}, nil
	})
	return found, err
}

// FindStaff lists staff members by email. EINVALID for an unknown role, EUNAUTHORIZED,
// EFORBIDDEN. The list is never nil.
func (svc *StaffService) FindStaff(ctx context.Context, filter carepath.StaffFilter) ([]*carepath.Staff, error) {
	q, args, detail := `SELECT `+staffColumns+` FROM staff`, []any{}, ""
	if filter.Role != nil {
		q += ` WHERE role = $1`
		args = append(args, string(*filter.Role))
		detail = "role=" + string(*filter.Role)
	}
	q += ` ORDER BY email`
	validate := func() error {
		var errs carepath.FieldErrors
		if filter.Role != nil && !carepath.ValidStaffRole(*filter.Role) {
			errs.Add("role", "enum", "Use one of admin, clinician, case_manager, front_desk, reviewer.")
		}
		return errs.Err()
	}
	list := []*carepath.Staff{}
	err := svc.s.do(ctx, op{record: access.Staff, action: access.List, detail: detail, validate: validate},
		func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
			rows, err := tx.QueryContext(ctx, q, args...)
			if err != nil {
				return nil, fmt.Errorf("select staff: %w", svc.s.translate(err))
			}
			defer rows.Close()
			var refs []ref
			for rows.Next() {
				st, err := scanStaff(rows)
				if err != nil {
					return nil, err
				}
				list = append(list, st)
				refs = append(refs, ref{ID: st.ID})
			}
			if err := rows.Err(); err != nil {
				return nil, fmt.Errorf("select staff: %w", svc.s.translate(err))
			}
			return refs, nil
		})
	if err != nil {
		return nil, err
	}
	return list, nil
}

// EnableTOTP gives the staff member with that email a new TOTP secret, replacing any old
// one, and returns the secret and its otpauth:// URL for an authenticator app. From then on
// sign-in needs a code. ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
func (svc *StaffService) EnableTOTP(ctx context.Context, email string) (secret, url string, err error) {
	err = svc.s.do(ctx, op{record: access.Staff, action: access.Update, detail: "totp=enabled"}, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		st, _, _, err := svc.byEmail(ctx, tx, email)
		if err != nil {
			return nil, err
		}
		key, err := totp.Generate(totp.GenerateOpts{Issuer: TOTPIssuer, AccountName: st.Email})
		if err != nil {
			return nil, fmt.Errorf("totp: %w", err)
		}
		sealed, err := svc.s.sealSecret(st.ID, key.Secret())
		if err != nil {
			return nil, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE staff SET totp_secret = $1, totp_step = 0 WHERE id = $2`, sealed, st.ID); err != nil {
			return nil, fmt.Errorf("update staff: %w", svc.s.translate(err))
		}
		secret, url = key.Secret(), key.URL()
		return []ref{{ID: st.ID}}, nil
	})
	return secret, url, err
}

// BeginTOTP makes a new TOTP secret for the actor's own account and stores nothing; the
// secret takes effect only once ConfirmTOTP checks a code against it. ENOTFOUND (the actor
// is no staff member), EUNAUTHORIZED, EFORBIDDEN.
func (svc *StaffService) BeginTOTP(ctx context.Context) (*carepath.TOTPEnrolment, error) {
	actor, _ := carepath.ActorFrom(ctx)
	var e *carepath.TOTPEnrolment
	err := svc.s.do(ctx, op{record: access.Staff, action: access.EnrolTOTP, recordID: actor.ID, detail: "totp=begin"},
		func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
			st, err := svc.byID(ctx, tx, actor.ID)
			if err != nil {
				return nil, err
			}
			key, err := totp.Generate(totp.GenerateOpts{Issuer: TOTPIssuer, AccountName: st.Email})
			if err != nil {
				return nil, fmt.Errorf("totp: %w", err)
			}
			e = &carepath.TOTPEnrolment{Secret: key.Secret(), URL: key.URL(), Replacing: st.TOTPEnabled}
			return []ref{{ID: st.ID}}, nil
		})
	return e, err
}

// Authenticate checks a sign-in attempt from remote. Every failure is EUNAUTHORIZED with
// carepath.AuthFailedMessage. The audit row (staff.login) names the account tried by its staff
// id, allowed or denied; an email that belongs to no account is recorded as "unknown account"
// (never the email itself, never the password).
//
// The password check (argon2id, 64 MiB) never runs inside a database transaction, where it
// would hold SQLite's one writer for everyone: the lock-out counts and the account's hash are
// read on the reader pool, the hash is checked with nothing held, and only then is the outcome
// recorded in a short write (throttle.go says how attempts are slowed and bounded). A password
// over the length limit, or for a locked account, is refused without hashing. The failure is
// counted towards the lock-out in its own transaction after the audited call, since the
// call's own writes are rolled back.
func (svc *StaffService) Authenticate(ctx context.Context, email, password, totpCode, remote string) (*carepath.Staff, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	failed := carepath.Errorf(carepath.EUNAUTHORIZED, "%s", carepath.AuthFailedMessage)
	// refused is returned inside the call as EFORBIDDEN, so the audit row reads "denied"
	// rather than "no actor"; the caller gets EUNAUTHORIZED.
	refused := &carepath.Error{Code: carepath.EFORBIDDEN, Message: carepath.AuthFailedMessage}

	var a signInAttempt
	err := svc.s.do(ctx, op{record: access.Staff, action: access.Login, detail: "password sign-in", readOnly: true, quiet: true},
		func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
			var err error
			a, err = svc.readAttempt(ctx, tx, email, remote)
			return nil, err
		})
	if err != nil {
		return nil, err
	}
	ok, err := svc.verify(ctx, a, password, remote)
	if err != nil {
		return nil, err
	}

	// The audit row names the account tried (its staff id, never the email or the password),
	// or says the email belongs to no account.
	o := op{record: access.Staff, action: access.Login, detail: "password sign-in"}
	if a.staff != nil {
		o.recordID = a.staff.ID
	} else {
		o.detail += "; unknown account"
	}
	var found *carepath.Staff
	err = svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if !ok {
			return nil, refused
		}
		// The account as it is now: disabled, given a new password or locked by other
		// attempts while the hash ran is a refusal.
		now, err := svc.readAttempt(ctx, tx, email, remote)
		if err != nil {
			return nil, err
		}
		if now.staff == nil || now.staff.ID != a.staff.ID || now.hash != a.hash || now.staff.Disabled || now.accountLocked {
			return nil, refused
		}
		if now.secret.Valid {
			secret, err := svc.s.openSecret(now.staff.ID, now.secret.String)
			if err != nil {
				return nil, err
			}
			valid, err := svc.checkTOTP(ctx, tx, now.staff.ID, secret, totpCode, svc.s.now())
			if err != nil {
				return nil, err
			}
			if !valid {
				return nil, refused
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM login_failures WHERE kind = 'account' AND key = $1`, email); err != nil {
			return nil, fmt.Errorf("clear failures: %w", svc.s.translate(err))
		}
		found = now.staff
		return []ref{{ID: now.staff.ID}}, nil
	})
	switch {
	case err == nil:
		return found, nil
	case !errors.Is(err, refused):
		return nil, err
	}
	if ferr := svc.recordFailure(ctx, email, remote); ferr != nil {
		return nil, errors.Join(failed, ferr)
	}
	return nil, failed
}

// signInAttempt is what a sign-in reads before the password is checked.
type signInAttempt struct {
	staff          *carepath.Staff // nil: no such account
	hash           string
	secret         sql.NullString // the stored TOTP secret, when the account has one
	accountLocked  bool           // LockoutAccount failures for the email within the window
	remoteFailures int            // failures from the address within the window
}

// readAttempt reads the lock-out counts of email and remote and the account with that email.
func (svc *StaffService) readAttempt(ctx context.Context, tx *sql.Tx, email, remote string) (signInAttempt, error) {
	var a signInAttempt
	var account int
	err := tx.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM login_failures WHERE kind = 'account' AND key = $1 AND at > $3),
		(SELECT count(*) FROM login_failures WHERE kind = 'remote' AND key = $2 AND at > $3)`,
		email, remote, svc.s.timestamp().Add(-LockoutWindow)).Scan(&account, &a.remoteFailures)
	if err != nil {
		return a, fmt.Errorf("count failures: %w", svc.s.translate(err))
	}
	a.accountLocked = account >= LockoutAccount
	st, hash, secret, err := svc.byEmail(ctx, tx, email)
	switch {
	case carepath.ErrorCode(err) == carepath.ENOTFOUND:
		return a, nil
	case err != nil:
		return a, err
	}
	a.staff, a.hash, a.secret = st, hash, secret
	return a, nil
}

// recordFailure counts one failed sign-in against the email and the address, and forgets
// failures older than the window. It is a sanctioned exception to the chokepoint
// (pools_test.go): the count must be committed although the sign-in fails, and the chokepoint
// rolls a failed call's writes back.
func (svc *StaffService) recordFailure(ctx context.Context, email, remote string) error {
	tx, release, err := svc.s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer release()
	now := svc.s.timestamp()
	if _, err := tx.ExecContext(ctx, `DELETE FROM login_failures WHERE at <= $1`, now.Add(-LockoutWindow)); err != nil {
		return fmt.Errorf("prune failures: %w", svc.s.translate(err))
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO login_failures (kind, key, at) VALUES ('account', $1, $3), ('remote', $2, $3)`,
		email, remote, now); err != nil {
		return fmt.Errorf("record failure: %w", svc.s.translate(err))
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", svc.s.translate(err))
	}
	return nil
}

// byEmail reads one staff member with their password hash and TOTP secret. ENOTFOUND.
func (svc *StaffService) byEmail(ctx context.Context, tx *sql.Tx, email string) (*carepath.Staff, string, sql.NullString, error) {
	var st carepath.Staff
	var role, hash string
	var secret, hired sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT id, email, name, role, created_at, disabled, password_hash, totp_secret,
		hire_date, time_zone, supervisor FROM staff WHERE email = $1`, strings.ToLower(strings.TrimSpace(email))).
		Scan(&st.ID, &st.Email, &st.Name, &role, &st.CreatedAt, &st.Disabled, &hash, &secret, &hired, &st.TimeZone, &st.Supervisor)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", secret, carepath.Errorf(carepath.ENOTFOUND, "No staff member has this email.")
	}
	if err != nil {
		return nil, "", secret, fmt.Errorf("select staff: %w", svc.s.translate(err))
	}
	st.Role, st.CreatedAt, st.TOTPEnabled, st.HireDate = carepath.Role(role), st.CreatedAt.UTC(), secret.Valid, hired.String
	return &st, hash, secret, nil
}

// nullIfEmpty is s, or NULL when it is empty or only spaces.
func nullIfEmpty(s string) any {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return s
}

// scanStaff reads one row of staffColumns.
func scanStaff(rows *sql.Rows) (*carepath.Staff, error) {
	var st carepath.Staff
	var role string
	var hired sql.NullString
	if err := rows.Scan(&st.ID, &st.Email, &st.Name, &role, &st.CreatedAt, &st.Disabled, &st.TOTPEnabled, &st.Organization,
		&hired, &st.TimeZone, &st.Supervisor); err != nil {
		return nil, fmt.Errorf("scan staff: %w", err)
	}
	st.HireDate = hired.String
	st.Role, st.CreatedAt = carepath.Role(role), st.CreatedAt.UTC()
	return &st, nil
}
