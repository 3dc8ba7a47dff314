package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// FindStaffByID returns one staff member. ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
func (svc *StaffService) FindStaffByID(ctx context.Context, id string) (*carepath.Staff, error) {
	var found *carepath.Staff
	err := svc.s.do(ctx, op{record: access.Staff, action: access.Read, recordID: id}, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		st, err := svc.byID(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		found = st
		return []ref{{ID: st.ID}}, nil
	})
	return found, err
}

// UpdateStaff changes a staff member's name, role, disabled or supervisor flag, hire date or
// time zone, or resets their second factor (another's: one's own is replaced from one's own
// account, with the password and a current code), and returns the account as stored. An admin may not disable themselves, and the
// last active admin may be neither disabled nor given another role: both are EINVALID, named
// by the field that would do it. The audit row names the fields changed, never their values.
// EINVALID (name, role, disabled, hire_date, time_zone, supervisor, reset_totp), ENOTFOUND,
// EUNAUTHORIZED, EFORBIDDEN.
func (svc *StaffService) UpdateStaff(ctx context.Context, id string, upd carepath.StaffUpdate) (*carepath.Staff, error) {
	var changed []string
	if upd.Name != nil {
		changed = append(changed, "name")
	}
	if upd.Role != nil {
		changed = append(changed, "role")
	}
	if upd.Disabled != nil {
		changed = append(changed, "disabled")
	}
	if upd.Organization != nil {
		changed = append(changed, "organization")
	}
	if upd.ResetTOTP {
		changed = append(changed, "totp=reset")
	}
	if upd.HireDate != nil {
		changed = append(changed, "hire_date")
	}
	if upd.TimeZone != nil {
		changed = append(changed, "time_zone")
	}
	if upd.Supervisor != nil {
		changed = append(changed, "supervisor")
	}
	actor, _ := carepath.ActorFrom(ctx)
	var updated *carepath.Staff
	err := svc.s.do(ctx, op{record: access.Staff, action: access.Update, recordID: id, detail: "changed " + strings.Join(changed, ","),
		validate: upd.Validate},
		func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
			st, err := svc.byID(ctx, tx, id)
			if err != nil {
				return nil, err
			}
			next := *st
			if upd.Name != nil {
				next.Name = *upd.Name
			}
			if upd.Role != nil {
				next.Role = *upd.Role
			}
			if upd.Disabled != nil {
				next.Disabled = *upd.Disabled
			}
			if upd.Organization != nil {
				next.Organization = *upd.Organization
			}
			if upd.HireDate != nil {
				next.HireDate = *upd.HireDate
			}
			if upd.TimeZone != nil {
				next.TimeZone = *upd.TimeZone
			}
			if err := checkSupervisor(upd, &next); err != nil {
				return nil, err
			}
			if err := svc.keepAnAdmin(ctx, tx, actor, st, &next); err != nil {
				return nil, err
			}
			if upd.ResetTOTP && actor.ID == st.ID {
				return nil, &carepath.Error{Code: carepath.EINVALID, Message: "Replace your own authenticator app from your account page.",
					Fields: []carepath.FieldError{{Field: "reset_totp", Code: "self",
						Message: "To replace or remove your own authenticator app, use My account: it asks for your password and a current code."}}}
			}
			q := `UPDATE staff SET name = $1, role = $2, disabled = $3, organization = $4, hire_date = $5, time_zone = $6,
				supervisor = $7 WHERE id = $8`
			if upd.ResetTOTP {
				q = `UPDATE staff SET name = $1, role = $2, disabled = $3, organization = $4, hire_date = $5, time_zone = $6,
					supervisor = $7, totp_secret = NULL, totp_step = 0 WHERE id = $8`
				next.TOTPEnabled = false
			}
			if _, err := tx.ExecContext(ctx, q, next.Name, string(next.Role), next.Disabled, next.Organization,
				nullIfEmpty(next.HireDate), next.TimeZone, next.Supervisor, id); err != nil {
				return nil, fmt.Errorf("update staff: %w", svc.s.translate(err))
			}
			if next.Disabled && !st.Disabled {
				// Disabling revokes every API token of the account for good: enabling it again
				// brings none back, so a token that leaked while it was off stays dead.
				if _, err := tx.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = $1 WHERE staff_id = $2 AND revoked_at IS NULL`,
					svc.s.timestamp(), id); err != nil {
					return nil, fmt.Errorf("revoke tokens: %w", svc.s.translate(err))
				}
			}
			updated = &next
			return []ref{{ID: id}}, nil
		})
	if err != nil {
		return nil, err
	}
	return updated, nil
}

// checkSupervisor applies upd's supervisor flag to next: setting it on a role that may not
// supervise (access.MaySupervise) is EINVALID naming supervisor; a new role that may not
// supervise clears it.
func checkSupervisor(upd carepath.StaffUpdate, next *carepath.Staff) error {
	if upd.Supervisor != nil {
		next.Supervisor = *upd.Supervisor
	}
	if !next.Supervisor || access.MaySupervise(next.Role) {
		return nil
	}
	if upd.Supervisor != nil && *upd.Supervisor {
		return &carepath.Error{Code: carepath.EINVALID, Message: "Only a clinician or an admin may be a supervisor.",
			Fields: []carepath.FieldError{{Field: "supervisor", Code: "role",
				Message: "Only a clinician or an admin may be a supervisor (and co-sign notes)."}}}
	}
	next.Supervisor = false
	return nil
}

// keepAnAdmin refuses a change from old to next that would lock the clinic out of its own
// administration: an admin disabling themselves, or the last active admin disabled or given
// another role.
func (svc *StaffService) keepAnAdmin(ctx context.Context, tx *sql.Tx, actor carepath.Actor, old, next *carepath.Staff) error {
	if next.Disabled && !old.Disabled && actor.ID == old.ID {
		return &carepath.Error{Code: carepath.EINVALID, Message: "You cannot disable your own account.",
			Fields: []carepath.FieldError{{Field: "disabled", Code: "self", Message: "You cannot disable your own account; ask another admin."}}}
	}
	wasActiveAdmin := old.Role == carepath.RoleAdmin && !old.Disabled
	staysActiveAdmin := next.Role == carepath.RoleAdmin && !next.Disabled
	if !wasActiveAdmin || staysActiveAdmin {
		return nil
	}
	var others int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM staff WHERE role = 'admin' AND disabled = $1 AND id <> $2`,
		false, old.ID).Scan(&others); err != nil {
		return fmt.Errorf("count admins: %w", svc.s.translate(err))
	}
	if others > 0 {
		return nil
	}
	field, msg := "role", "This is the last active admin; make someone else an admin first."
	if next.Role == carepath.RoleAdmin {
		field = "disabled"
	}
	return &carepath.Error{Code: carepath.EINVALID, Message: "The clinic needs at least one active admin.",
		Fields: []carepath.FieldError{{Field: field, Code: "last_admin", Message: msg}}}
}

// byID reads one staff member. ENOTFOUND.
func (svc *StaffService) byID(ctx context.Context, tx *sql.Tx, id string) (*carepath.Staff, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+staffColumns+` FROM staff WHERE id = $1`, id)
	if err != nil {
		return nil, fmt.Errorf("select staff: %w", svc.s.translate(err))
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("select staff: %w", svc.s.translate(err))
		}
		return nil, carepath.Errorf(carepath.ENOTFOUND, "No staff member has this id.")
	}
	st, err := scanStaff(rows)
	if err != nil {
		return nil, err
	}
	return st, nil
}
