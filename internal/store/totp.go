package store

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"fmt"
	"strings"
	"time"

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
