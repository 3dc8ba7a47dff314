package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// StaffActive returns the current role of staff member id, whether the account is active
// (not disabled) and whether it has a second factor, so a signed-in session can follow a role
// change, a disabled account or a second factor reset at once. It reads one row on the reader pool and is audited only when it fails (staff.session):
// it is asked on every page request and reads no client data. A staff member may ask only
// about their own account (admins and the command line about any). ENOTFOUND for an unknown
// id, EUNAUTHORIZED without an actor, EFORBIDDEN for someone else's account.
func (svc *StaffService) StaffActive(ctx context.Context, id string) (carepath.StaffStatus, error) {
	var role string
	var disabled, totp bool
	var email string
	o := op{record: access.Staff, action: access.SignInCheck, recordID: wellFormedID(id), readOnly: true, quiet: true}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		actor, _ := carepath.ActorFrom(ctx)
		if !access.SelfOrOverseer(actor, id) {
			return nil, carepath.Errorf(carepath.EFORBIDDEN, "You may not do this.")
		}
		err := tx.QueryRowContext(ctx, `SELECT role, disabled, totp_secret IS NOT NULL, email FROM staff WHERE id = $1`, id).
			Scan(&role, &disabled, &totp, &email)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, carepath.Errorf(carepath.ENOTFOUND, "No staff member has this id.")
		}
		if err != nil {
			return nil, fmt.Errorf("select staff: %w", svc.s.translate(err))
		}
		return []ref{{ID: id}}, nil
	})
	if err != nil {
		return carepath.StaffStatus{}, err
	}
	return carepath.StaffStatus{Role: carepath.Role(role), Active: !disabled, TOTPEnabled: totp, Email: email}, nil
}
