package store

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"encoding/base32"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

// totpPeriod is the life of one TOTP code; a code from the step before or after is accepted
// too, for clocks that drift.
const totpPeriod = 30

var totpOpts = totp.ValidateOpts{Period: totpPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// checkTOTP reports whether code is valid for secret at now and newer than the last step a
// code was accepted for (so a code cannot be replayed), and records its step when it is.
func (svc *StaffService) checkTOTP(ctx context.Context, tx *sql.Tx, staffID, secret, code string, now time.Time) (bool, error) {
	code = strings.ReplaceAll(strings.TrimSpace(code), " ", "")
	if len(code) != 6 {
		return false, nil
	}
	var last int64
	if err := tx.QueryRowContext(ctx, `SELECT totp_step FROM staff WHERE id = $1`, staffID).Scan(&last); err != nil {
		return false, fmt.Errorf("select totp step: %w", svc.s.translate(err))
	}
	step := now.Unix() / totpPeriod
	matched := int64(-1)
	for _, s := range []int64{step - 1, step, step + 1} {
		want, err := totp.GenerateCodeCustom(secret, time.Unix(s*totpPeriod, 0).UTC(), totpOpts)
		if err != nil {
			return false, fmt.Errorf("totp: %w", err)
		}
		if subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 && s > last {
			matched = s
		}
	}
	if matched < 0 {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE staff SET totp_step = $1 WHERE id = $2`, matched, staffID); err != nil {
		return false, fmt.Errorf("update totp step: %w", svc.s.translate(err))
	}
	return true, nil
}

// ConfirmTOTP turns the second factor on for the actor's own account with c.Secret, once
// c.Code is valid for it now (a step either side is allowed for drifting clocks); the code's
// step counts as used, so it cannot sign anyone in afterwards.
//
// An account that has a second factor already replaces it only with its password and a
// current code of the old factor, so a browser left signed in cannot swap in someone else's
// app. The password is checked as a sign-in checks it, outside any transaction and throttled
// by address; a wrong password or current code counts towards the account's lock-out, and a
// locked account replaces nothing. EINVALID (code; password, current_code when replacing;
// secret when it is not a base32 secret of at least 128 bits), ENOTFOUND, EUNAUTHORIZED,
// EFORBIDDEN (a disabled account).
func (svc *StaffService) ConfirmTOTP(ctx context.Context, c carepath.TOTPConfirmation) error {
	actor, _ := carepath.ActorFrom(ctx)
	code := strings.ReplaceAll(strings.TrimSpace(c.Code), " ", "")
	secret := c.Secret
	badCode := &carepath.Error{Code: carepath.EINVALID, Message: "The code does not match.",
		Fields: []carepath.FieldError{{Field: "code", Code: "mismatch",
			Message: "That code does not match. Enter the 6-digit code your app shows now."}}}
	validate := func() error {
		var errs carepath.FieldErrors
		if raw, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(strings.ToUpper(secret)); err != nil || len(raw) < 16 {
			errs.Add("secret", "format", "The enrolment has expired. Please start again.")
		}
		if len(code) != 6 || strings.Trim(code, "0123456789") != "" {
			errs.Add("code", "format", "Enter the 6-digit code your authenticator app shows.")
		}
		return errs.Err()
	}

	// Replacing: the password is checked first, with no transaction open.
	var a signInAttempt
	err := svc.s.do(ctx, op{record: access.Staff, action: access.EnrolTOTP, recordID: actor.ID, detail: "totp=check", readOnly: true, quiet: true},
		func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
			st, err := svc.byID(ctx, tx, actor.ID)
			if err != nil {
				return nil, err
			}
			a, err = svc.readAttempt(ctx, tx, st.Email, actor.Remote)
			return nil, err
		})
	if err != nil {
		return err
	}
	replacing := a.staff != nil && a.secret.Valid
	passwordOK := false
	if replacing && c.Password != "" {
		if passwordOK, err = svc.verify(ctx, a, c.Password, actor.Remote); err != nil {
			return err
		}
	}

	reauth := &carepath.Error{Code: carepath.EINVALID, Message: "Please confirm it is you."}
	err = svc.s.do(ctx, op{record: access.Staff, action: access.EnrolTOTP, recordID: actor.ID, detail: "totp=confirm", validate: validate},
		func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
			now, err := svc.readAttempt(ctx, tx, a.staff.Email, actor.Remote)
			if err != nil {
				return nil, err
			}
			st := now.staff
			if st == nil || st.ID != actor.ID {
				return nil, carepath.Errorf(carepath.ENOTFOUND, "No staff member has this id.")
			}
			if st.Disabled {
				return nil, carepath.Errorf(carepath.EFORBIDDEN, "This account is disabled.")
			}
			if now.secret.Valid {
				if err := svc.checkReplacement(ctx, tx, now, a, passwordOK, c.CurrentCode, reauth); err != nil {
					return nil, err
				}
			}
			step := svc.s.now().Unix() / totpPeriod
			matched := int64(-1)
			for _, s := range []int64{step - 1, step, step + 1} {
				want, err := totp.GenerateCodeCustom(secret, time.Unix(s*totpPeriod, 0).UTC(), totpOpts)
				if err != nil {
					return nil, fmt.Errorf("totp: %w", err)
				}
				if subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
					matched = s
				}
			}
			if matched < 0 {
				return nil, badCode
			}
			sealed, err := svc.s.sealSecret(st.ID, strings.ToUpper(secret))
			if err != nil {
				return nil, err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE staff SET totp_secret = $1, totp_step = $2 WHERE id = $3`,
				sealed, matched, st.ID); err != nil {
				return nil, fmt.Errorf("update staff: %w", svc.s.translate(err))
			}
			return []ref{{ID: st.ID}}, nil
		})
	if errors.Is(err, reauth) && a.staff != nil && (c.Password != "" || c.CurrentCode != "") {
		// A wrong password or current code counts towards the lock-out, as a failed sign-in.
		if ferr := svc.recordFailure(ctx, a.staff.Email, actor.Remote); ferr != nil {
			return errors.Join(err, ferr)
		}
	}
	return err
}

// checkReplacement checks, in tx, the password (checked beforehand: passwordOK, against the
// hash read then, before) and the current code of the account's old second factor (now), and
// fills reauth with a field error for each that is missing or wrong; it returns reauth when
// either is, and a locked account is refused the same way.
func (svc *StaffService) checkReplacement(ctx context.Context, tx *sql.Tx, now, before signInAttempt, passwordOK bool,
	currentCode string, reauth *carepath.Error) error {
	var errs carepath.FieldErrors
	switch {
	case now.accountLocked:
		errs.Add("password", "locked", "Too many wrong attempts: the account is locked for a while. Please try again later.")
	case !passwordOK || now.hash != before.hash:
		errs.Add("password", "mismatch", "Enter your password to replace your authenticator app.")
	}
	old, err := svc.s.openSecret(now.staff.ID, now.secret.String)
	if err != nil {
		return err
	}
	valid, err := svc.checkTOTP(ctx, tx, now.staff.ID, old, currentCode, svc.s.now())
	if err != nil {
		return err
	}
	if !valid {
		errs.Add("current_code", "mismatch", "Enter the 6-digit code your current authenticator app shows now.")
	}
	if len(errs) == 0 {
		return nil
	}
	reauth.Fields = errs
	return reauth
}
