package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// careTeamRoles are the roles each care-team field may name: the primary clinician is a
// clinician; the case manager a case manager or a clinician doing that work.
var careTeamRoles = map[string][]carepath.Role{
	"primary_clinician_id": {carepath.RoleClinician},
	"case_manager_id":      {carepath.RoleCaseManager, carepath.RoleClinician},
}

// checkCareTeamChange refuses a change of stored's care team by someone access.MayChangeCareTeam
// does not allow (EFORBIDDEN naming the field), and a new member who is not an active staff
// member of the field's roles (EINVALID naming the field). Fields u leaves alone, or sets to
// what they are, are not a change.
func (s *Store) checkCareTeamChange(ctx context.Context, tx *sql.Tx, stored *carepath.Client, u carepath.ClientUpdate) error {
	changes := map[string]string{}
	if u.PrimaryClinicianID != nil && *u.PrimaryClinicianID != stored.PrimaryClinicianID {
		changes["primary_clinician_id"] = *u.PrimaryClinicianID
	}
	if u.CaseManagerID != nil && *u.CaseManagerID != stored.CaseManagerID {
		changes["case_manager_id"] = *u.CaseManagerID
	}
	if len(changes) == 0 {
		return nil
	}
	actor, _ := carepath.ActorFrom(ctx)
	if !access.MayChangeCareTeam(actor, stored) {
		e := &carepath.Error{Code: carepath.EFORBIDDEN, Message: "Only an admin or the client's primary clinician may change the care team."}
		for _, f := range []string{"primary_clinician_id", "case_manager_id"} {
			if _, ok := changes[f]; ok {
				e.Fields = append(e.Fields, carepath.FieldError{Field: f, Code: "forbidden",
					Message: "Only an admin or the client's primary clinician may change the care team."})
			}
		}
		return e
	}
	return s.checkCareTeamMembers(ctx, tx, changes)
}

// checkCareTeamMembers checks that each field of members (field → staff id; "" clears it)
// names an active staff member of the field's roles. EINVALID names each field that does not.
func (s *Store) checkCareTeamMembers(ctx context.Context, tx *sql.Tx, members map[string]string) error {
	var errs carepath.FieldErrors
	for _, field := range []string{"primary_clinician_id", "case_manager_id"} {
		id, ok := members[field]
		if !ok || id == "" {
			continue
		}
		want := "an active clinician"
		if field == "case_manager_id" {
			want = "an active case manager or clinician"
		}
		var role string
		var disabled bool
		err := tx.QueryRowContext(ctx, `SELECT role, disabled FROM staff WHERE id = $1`, id).Scan(&role, &disabled)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			errs.Add(field, "unknown", "There is no staff member with this id; choose %s.", want)
		case err != nil:
			return fmt.Errorf("select staff: %w", s.translate(err))
		case disabled:
			errs.Add(field, "disabled", "This staff account is disabled; choose %s.", want)
		case !slices.Contains(careTeamRoles[field], carepath.Role(role)):
			errs.Add(field, "role", "This staff member is not %s.", want[3:])
		}
	}
	return errs.Err()
}

// checkNewCareTeam checks the care team a new client c is created with: each member named must
// be an active staff member of the field's roles (EINVALID naming the field), as for a change.
func (s *Store) checkNewCareTeam(ctx context.Context, tx *sql.Tx, c *carepath.Client) error {
	return s.checkCareTeamMembers(ctx, tx, map[string]string{
		"primary_clinician_id": c.PrimaryClinicianID, "case_manager_id": c.CaseManagerID})
}
